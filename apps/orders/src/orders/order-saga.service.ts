import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EventMetadata, OrderConfirmed, OrderPaymentAuthorised } from '@emporium/contracts';
import { Outbox, PendingEvent } from '@emporium/messaging';
import { SERVICE_CONFIG } from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { OrdersConfig } from '../config';
import { PaymentCalls } from '../payments/payment-calls';
import { AuthorisationResult } from '../payments/payment-gateway';
import { PaymentLedger, PaymentRow } from '../payments/payment-ledger';
import { participant, ParticipantName, SagaAnswer, sagaState } from './confirmation-saga';
import { linesOf, OrderTransitions, shippingOf } from './order-transitions';
import { ordersMetrics } from './orders.metrics';
import { Order } from './order.entity';

/** A participant's answer, as the handlers hand it over. */
export interface ParticipantAnswer {
  orderId: string;
  participant: ParticipantName;
  yes: boolean;
  /** For a no: the cancellation reason (the participant's default when absent) and what failed. */
  reason?: string;
  detail?: string;
  cause: EventMetadata;
  /** Stock's hold ran out (inventory gave the units back): ends a PENDING order even after a yes. */
  expiry?: boolean;
}

/** Runs the confirmation saga of confirmation-saga.ts: answers, deadline, payment authorisation. */
@Injectable()
export class OrderSaga implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly transitions: OrderTransitions,
    private readonly ledger: PaymentLedger,
    private readonly payments: PaymentCalls,
    @Inject(SERVICE_CONFIG) private readonly config: OrdersConfig,
  ) {}

  onModuleInit(): void {
    this.payments.listen({
      authorisationSettled: (manager, payment, result, cause) =>
        this.authorisationSettled(manager, payment, result, cause),
    });
  }

  /**
   * Records answers (the first per participant and order counts) and moves each order on: a no cancels
   * it, every yes asks for the payment, an answer after the deadline cancels instead. One lock for a chunk.
   */
  async answer(manager: EntityManager, answers: ParticipantAnswer[]): Promise<void> {
    const orders = await this.transitions.lock(
      manager,
      answers.map((a) => a.orderId),
    );
    const now = new Date();
    const cancellations: Parameters<OrderTransitions['cancel']>[1] = [];
    const confirmed: Order[] = [];
    for (const answer of answers) {
      const order = orders.get(answer.orderId);
      if (!order) continue;
      const recorded: unknown[] = await manager.query(
        `INSERT INTO order_saga_answers (order_id, participant, answer, reason) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING order_id`,
        [
          order.id,
          answer.participant,
          answer.yes ? 'YES' : 'NO',
          answer.yes ? null : (answer.reason ?? participant(answer.participant).reasonOnNo),
        ],
      );
      // A CONFIRMED order whose stock is gone after all (the confirmation crossed an expiry in inventory,
      // which answers reservation-failed to the confirmation): no order stays CONFIRMED with no stock.
      if (order.status === 'CONFIRMED' && answer.participant === 'stock' && !answer.yes && !answer.expiry) {
        cancellations.push({
          order,
          reason: answer.reason ?? 'OUT_OF_STOCK',
          detail: answer.detail ?? 'stock no longer held',
          causedBy: answer.cause,
        });
        continue;
      }
      if (order.status !== 'PENDING' || cancellations.some((c) => c.order === order)) continue;
      if (answer.expiry) {
        cancellations.push({
          order,
          reason: 'CONFIRMATION_DEADLINE_PASSED',
          detail: answer.detail ?? 'stock reservation expired',
          causedBy: answer.cause,
        });
        continue;
      }
      if (recorded.length === 0) continue; // a doubled or late answer: the first one counted
      if (!answer.yes) {
        cancellations.push({
          order,
          reason: answer.reason ?? participant(answer.participant).reasonOnNo,
          detail: answer.detail ?? `${answer.participant} said no`,
          causedBy: answer.cause,
        });
        continue;
      }
      if (order.isPastConfirmationDeadline(now, this.config.ORDER_CONFIRMATION_TIMEOUT_SECONDS)) {
        cancellations.push({
          order,
          reason: 'CONFIRMATION_DEADLINE_PASSED',
          detail: `${answer.participant} answered after the ${this.config.ORDER_CONFIRMATION_TIMEOUT_SECONDS}s deadline`,
          causedBy: answer.cause,
        });
        continue;
      }
      const state = sagaState(order, await this.answersOf(manager, order.id));
      if (state.kind !== 'all-yes') continue;
      if ((order.amountToPay ?? order.totalAmount) === 0) {
        order.confirm(now, 'every participant said yes; nothing to pay');
        confirmed.push(order);
      } else {
        await this.ledger.authorise(manager, order, answer.cause);
      }
    }
    await this.transitions.cancel(manager, cancellations);
    await this.transitions.save(manager, confirmed);
    await this.outbox.publishAll(
      manager,
      confirmed.map((order) => ({
        ...this.confirmedEvent(order, now),
        causedBy: answers.find((a) => a.orderId === order.id)?.cause,
      })),
    );
    for (const order of confirmed)
      ordersMetrics.confirmationSeconds.observe((now.getTime() - order.createdAt.getTime()) / 1000);
  }

  /** The gateway answered an authorisation (directly, or by webhook for an asynchronous one). */
  async authorisationSettled(
    manager: EntityManager,
    payment: PaymentRow,
    result: AuthorisationResult,
    cause?: EventMetadata,
  ): Promise<void> {
    const order = await this.transitions.lockOne(manager, payment.orderId);
    if (!order) return;
    if (result.outcome === 'PENDING') return; // the webhook settles it
    if (order.status !== 'PENDING') {
      // The order ended meanwhile (deadline, customer): give back whatever the gateway may hold.
      if (result.outcome === 'AUTHORISED' || result.outcome === 'TIMED_OUT')
        await this.ledger.voidAuthorisation(manager, order.id);
      return;
    }
    if (result.outcome === 'AUTHORISED') {
      const now = new Date();
      order.confirm(now, `payment ${payment.id} authorised by ${payment.gateway}`);
      await this.transitions.save(manager, [order]);
      await this.outbox.publishAll(manager, [
        {
          definition: OrderPaymentAuthorised,
          data: {
            orderId: order.id,
            customerId: order.customerId,
            paymentId: payment.id,
            gateway: payment.gateway,
            method: 'CARD',
            amount: payment.amount,
            currency: payment.currency,
            authorisedAt: now.toISOString(),
          },
          causedBy: cause,
        },
        { ...this.confirmedEvent(order, now), causedBy: cause },
      ]);
      ordersMetrics.confirmationSeconds.observe((now.getTime() - order.createdAt.getTime()) / 1000);
      return;
    }
    const [reason, detail] =
      result.outcome === 'DECLINED'
        ? ['PAYMENT_DECLINED', result.reason]
        : ['PAYMENT_FAILED', payment.detail ?? 'the gateway did not answer in time'];
    await this.transitions.cancel(manager, [{ order, reason, detail, causedBy: cause }]);
  }

  /**
   * Cancels orders whose participants (or payment) did not all answer in time. SKIP LOCKED lets every
   * replica run this without two of them cancelling the same order.
   */
  async cancelOverdue(olderThanSeconds: number, limit = 100): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const overdue: { id: string }[] = await manager.query(
        `SELECT id FROM orders WHERE status = 'PENDING' AND created_at < now() - make_interval(secs => $1)
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [olderThanSeconds, limit],
      );
      const orders = await this.transitions.lock(
        manager,
        overdue.map(({ id }) => id),
      );
      const cancellations = [];
      for (const order of orders.values()) {
        const silent = sagaState(order, await this.answersOf(manager, order.id));
        const who =
          silent.kind === 'waiting' ? `no answer from ${silent.on.join(', ')}` : 'the payment was not authorised';
        cancellations.push({
          order,
          reason: 'CONFIRMATION_DEADLINE_PASSED',
          detail: `not confirmed within ${olderThanSeconds}s: ${who}`,
        });
      }
      await this.transitions.cancel(manager, cancellations);
      return overdue.length;
    });
  }

  private async answersOf(manager: EntityManager, orderId: string): Promise<Map<ParticipantName, SagaAnswer>> {
    const rows: { participant: ParticipantName; answer: SagaAnswer }[] = await manager.query(
      `SELECT participant, answer FROM order_saga_answers WHERE order_id = $1`,
      [orderId],
    );
    return new Map(rows.map((row) => [row.participant, row.answer]));
  }

  private confirmedEvent(order: Order, at: Date): PendingEvent<object> {
    return {
      definition: OrderConfirmed,
      data: {
        orderId: order.id,
        customerId: order.customerId,
        currency: order.currency,
        lines: linesOf(order),
        totalAmount: order.totalAmount,
        confirmedAt: at.toISOString(),
        ...shippingOf(order),
      },
    };
  }
}
