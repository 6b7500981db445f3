import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthorisationResult, MovementResult, PaymentGateway } from './payment-gateway';

/** The sandbox's test cards (README "Payments"). Any other token is declined as invalid. */
export const SANDBOX_CARDS = {
  SUCCEEDS: 'tok_sandbox_visa',
  DECLINED: 'tok_sandbox_declined',
  TIMES_OUT: 'tok_sandbox_timeout',
  ASYNCHRONOUS: 'tok_sandbox_async',
} as const;

/**
 * A sandbox payment provider, in process: a real implementation of the port that moves no real money.
 * It behaves as a provider does where it matters to orders: test cards that succeed, decline, never answer
 * (the caller's timeout fires) or answer later by signed webhook (`tok_sandbox_async`: the result is
 * PENDING and the outcome is whatever webhook `POST /payments/webhooks/sandbox` then reports for the
 * reference); and it remembers each idempotency key, answering a repeat with its first answer.
 */
export class SandboxPaymentGateway extends PaymentGateway {
  readonly name = 'SANDBOX';

  constructor(
    private readonly dataSource: DataSource,
    /** How long the "times out" card keeps the caller waiting: longer than the caller's timeout. */
    private readonly silenceMs: number,
  ) {
    super();
  }

  async authorise(
    request: { amount: number; cardToken: string },
    idempotencyKey: string,
  ): Promise<AuthorisationResult> {
    if (request.cardToken === SANDBOX_CARDS.TIMES_OUT) {
      await new Promise((resolve) => setTimeout(resolve, this.silenceMs).unref());
      return { outcome: 'TIMED_OUT' };
    }
    return this.once(idempotencyKey, (reference): AuthorisationResult => {
      switch (request.cardToken) {
        case SANDBOX_CARDS.SUCCEEDS:
          return { outcome: 'AUTHORISED', reference };
        case SANDBOX_CARDS.ASYNCHRONOUS:
          return { outcome: 'PENDING', reference };
        case SANDBOX_CARDS.DECLINED:
          return { outcome: 'DECLINED', reference, reason: 'card_declined: the issuer declined the authorisation' };
        default:
          return { outcome: 'DECLINED', reason: 'invalid_card_token: not a sandbox test card' };
      }
    });
  }

  capture(_request: { authorisation: string; amount: number }, idempotencyKey: string): Promise<MovementResult> {
    return this.once(idempotencyKey, (reference) => ({ outcome: 'SUCCEEDED', reference }));
  }

  void(_request: { authorisation: string }, idempotencyKey: string): Promise<MovementResult> {
    return this.once(idempotencyKey, (reference) => ({ outcome: 'SUCCEEDED', reference }));
  }

  refund(_request: { authorisation: string; amount: number }, idempotencyKey: string): Promise<MovementResult> {
    return this.once(idempotencyKey, (reference) => ({ outcome: 'SUCCEEDED', reference }));
  }

  /** The first answer for a key is kept; a repeat (a retry after a crash) gets it again. */
  private async once<R>(idempotencyKey: string, decide: (reference: string) => R): Promise<R> {
    const reference = `sbx_${randomUUID()}`;
    const response = decide(reference);
    await this.dataSource.query(
      `INSERT INTO sandbox_gateway_operations (idempotency_key, reference, response) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [idempotencyKey, reference, JSON.stringify(response)],
    );
    const [stored] = await this.dataSource.query(
      `SELECT response FROM sandbox_gateway_operations WHERE idempotency_key = $1`,
      [idempotencyKey],
    );
    return stored.response as R;
  }
}
