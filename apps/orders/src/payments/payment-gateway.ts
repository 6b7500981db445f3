/**
 * The port every payment provider's adapter implements. Amounts are minor units. Every call carries an
 * idempotency key that is stable across retries and crashes (ExternalCalls' key): the provider answers a
 * repeat with its first answer instead of moving the money twice.
 */
export type AuthorisationResult =
  | { outcome: 'AUTHORISED'; reference: string }
  /** The customer's bank decides later; the gateway reports it by a signed webhook. */
  | { outcome: 'PENDING'; reference: string }
  | { outcome: 'DECLINED'; reference?: string; reason: string }
  /** No answer in time: the state at the provider is unknown, so orders voids to be safe. */
  | { outcome: 'TIMED_OUT' };

export type MovementResult = { outcome: 'SUCCEEDED'; reference: string } | { outcome: 'FAILED'; reason: string };

/** An asynchronous outcome the provider reported by webhook, after its signature was checked. */
export interface AuthorisationWebhook {
  eventId: string;
  reference: string;
  outcome: 'AUTHORISED' | 'DECLINED';
  reason?: string;
}

export abstract class PaymentGateway {
  /** Named on the ledger and on payment events (`gateway`). */
  abstract readonly name: string;
  abstract authorise(
    request: { orderId: string; amount: number; currency: string; cardToken: string },
    idempotencyKey: string,
  ): Promise<AuthorisationResult>;
  abstract capture(
    request: { authorisation: string; amount: number; currency: string },
    idempotencyKey: string,
  ): Promise<MovementResult>;
  abstract void(request: { authorisation: string }, idempotencyKey: string): Promise<MovementResult>;
  abstract refund(
    request: { authorisation: string; amount: number; currency: string },
    idempotencyKey: string,
  ): Promise<MovementResult>;
}
