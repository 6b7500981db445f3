import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EventMetadata } from '@emporium/contracts';
import { ExternalCalls } from '@emporium/messaging';
import { DomainError, SERVICE_CONFIG } from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { OrdersConfig } from '../config';
import { AuthorisationResult, AuthorisationWebhook, MovementResult, PaymentGateway } from './payment-gateway';
import { PaymentCallRequest, PaymentLedger, PaymentRow, PaymentStatus } from './payment-ledger';

/**
 * What orders does when the gateway's answer is recorded, in the same transaction. Each part is given by
 * the class whose job it is (the saga authorisations, delivery captures, refunds refunds); a void settled
 * needs nothing more, and a failed capture, void or refund stays FAILED on the ledger for ops.
 */
export interface PaymentOutcomes {
  authorisationSettled(
    manager: EntityManager,
    payment: PaymentRow,
    result: AuthorisationResult,
    cause?: EventMetadata,
  ): Promise<void>;
  captureSettled(manager: EntityManager, payment: PaymentRow, cause?: EventMetadata): Promise<void>;
  refundSettled(manager: EntityManager, payment: PaymentRow, cause?: EventMetadata): Promise<void>;
}

export class WebhookReplayedError extends DomainError {
  constructor(eventId: string) {
    super('PAYMENT_WEBHOOK_REPLAYED', `webhook event ${eventId} was already received`, 409);
  }
}

/**
 * The conversation with the payment gateway: the calls the ledger's intents ask for, made after the
 * commit through ExternalCalls with a timeout, and the answers, returned or reported later by webhook,
 * recorded on the ledger once and handed to the PaymentOutcomes.
 */
@Injectable()
export class PaymentCalls implements OnModuleInit {
  private readonly outcomes: Partial<PaymentOutcomes> = {};

  constructor(
    private readonly dataSource: DataSource,
    private readonly externalCalls: ExternalCalls,
    private readonly gateway: PaymentGateway,
    private readonly ledger: PaymentLedger,
    @Inject(SERVICE_CONFIG) private readonly config: OrdersConfig,
  ) {}

  listen(outcomes: Partial<PaymentOutcomes>): void {
    Object.assign(this.outcomes, outcomes);
  }

  onModuleInit(): void {
    this.externalCalls.register<PaymentCallRequest, AuthorisationResult>({
      kind: 'payment.authorise',
      call: async (request, key) => {
        const payment = await this.ledger.byId(request.paymentId);
        const [order] = await this.dataSource.query(`SELECT card_token FROM orders WHERE id = $1`, [payment.orderId]);
        return this.withTimeout<AuthorisationResult>(
          this.gateway.authorise(
            {
              orderId: payment.orderId,
              amount: payment.amount,
              currency: payment.currency,
              cardToken: order.card_token ?? '',
            },
            key,
          ),
          { outcome: 'TIMED_OUT' },
        );
      },
      onResult: async (result, request, _key, manager) => {
        const outcome: AuthorisationResult = result.ok ? result.value : { outcome: 'TIMED_OUT' };
        const status: PaymentStatus = {
          AUTHORISED: 'SUCCEEDED',
          PENDING: 'PENDING',
          DECLINED: 'DECLINED',
          TIMED_OUT: 'FAILED',
        }[outcome.outcome] as PaymentStatus;
        const reference = 'reference' in outcome ? (outcome.reference ?? null) : null;
        const detail =
          outcome.outcome === 'DECLINED'
            ? outcome.reason
            : outcome.outcome === 'TIMED_OUT'
              ? `no answer from ${this.gateway.name} within ${this.config.PAYMENT_GATEWAY_TIMEOUT_MS} ms`
              : null;
        const payment = await this.ledger.settle(
          manager,
          request.paymentId,
          status,
          reference,
          result.ok ? detail : `${detail} (${result.error})`,
        );
        await this.outcomes.authorisationSettled?.(manager, payment, outcome, request.cause);
      },
    });
    for (const operation of ['capture', 'void', 'refund'] as const) {
      this.externalCalls.register<PaymentCallRequest, MovementResult>({
        kind: `payment.${operation}`,
        call: async (request, key) => {
          const payment = await this.ledger.byId(request.paymentId);
          const authorisation = await this.ledger.authorisationReference(payment.orderId);
          const call = this.gateway[operation].bind(this.gateway) as (
            r: { authorisation: string; amount: number; currency: string },
            k: string,
          ) => Promise<MovementResult>;
          // A capture, void or refund must happen: a timeout is thrown, so ExternalCalls tries again later
          // with the same key (the gateway answers a repeat with its first answer), a few times before FAILED.
          const result = await this.withTimeout<MovementResult | undefined>(
            call({ authorisation: authorisation ?? '', amount: payment.amount, currency: payment.currency }, key),
            undefined,
          );
          if (!result)
            throw new Error(
              `${operation}: no answer from ${this.gateway.name} within ${this.config.PAYMENT_GATEWAY_TIMEOUT_MS} ms`,
            );
          return result;
        },
        onResult: async (result, request, _key, manager) => {
          const outcome: MovementResult = result.ok ? result.value : { outcome: 'FAILED', reason: result.error };
          const payment = await this.ledger.settle(
            manager,
            request.paymentId,
            outcome.outcome === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED',
            outcome.outcome === 'SUCCEEDED' ? outcome.reference : null,
            outcome.outcome === 'FAILED' ? outcome.reason : null,
          );
          if (outcome.outcome !== 'SUCCEEDED') return; // the ledger row says FAILED with the reason; ops retries by hand
          if (payment.operation === 'CAPTURE') await this.outcomes.captureSettled?.(manager, payment, request.cause);
          if (payment.operation === 'REFUND') await this.outcomes.refundSettled?.(manager, payment, request.cause);
        },
      });
    }
  }

  /** A verified webhook from the gateway: once per event id; an unknown or settled reference changes nothing. */
  async onAuthorisationWebhook(webhook: AuthorisationWebhook): Promise<{ applied: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const fresh: unknown[] = await manager.query(
        `INSERT INTO payment_webhook_events (gateway, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.gateway.name, webhook.eventId],
      );
      if (fresh.length === 0) throw new WebhookReplayedError(webhook.eventId);
      const payment = await this.ledger.byReference(manager, webhook.reference);
      if (!payment || payment.operation !== 'AUTHORISE' || payment.status !== 'PENDING') return { applied: false };
      const settled = await this.ledger.settleByWebhook(manager, payment, webhook.outcome, webhook.reason);
      if (!settled) return { applied: false };
      await this.outcomes.authorisationSettled?.(
        manager,
        settled,
        webhook.outcome === 'AUTHORISED'
          ? { outcome: 'AUTHORISED', reference: webhook.reference }
          : { outcome: 'DECLINED', reference: webhook.reference, reason: webhook.reason ?? 'declined' },
      );
      return { applied: true };
    });
  }

  private withTimeout<R>(call: Promise<R>, onTimeout: R): Promise<R> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<R>((resolve) => {
      timer = setTimeout(() => resolve(onTimeout), this.config.PAYMENT_GATEWAY_TIMEOUT_MS);
    });
    return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
  }
}
