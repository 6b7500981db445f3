import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvent, EventMetadata, OrderRefunded, ReturnRefundRequestedV1 } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { DomainError, NotFoundError } from '@emporium/platform';
import { EntityManager } from 'typeorm';
import { PaymentCalls } from '../payments/payment-calls';
import { PaymentLedger, PaymentRow } from '../payments/payment-ledger';
import { OrderTransitions } from './order-transitions';
import { IllegalOrderTransitionError } from './order.errors';
import { Order } from './order.entity';
import { refundOf } from './refunds';

/** Refunds of returned units, asked by customer-service: the ledger's refund, then REFUNDED or PARTIALLY_REFUNDED. */
@Injectable()
export class OrderRefunds implements OnModuleInit {
  constructor(
    private readonly outbox: Outbox,
    private readonly transitions: OrderTransitions,
    private readonly ledger: PaymentLedger,
    private readonly payments: PaymentCalls,
  ) {}

  onModuleInit(): void {
    this.payments.listen({
      refundSettled: (manager, payment, cause) => this.refundSettled(manager, payment, cause),
    });
  }

  /**
   * customer-service asks for a refund of some units. Once per returnId (the ledger's unique index): a
   * doubled request refunds once. The money is the lines' price net of their discount share; the points
   * the order paid with go back pro rata (README "Refunds").
   */
  async onRefundRequested(manager: EntityManager, event: DomainEvent<ReturnRefundRequestedV1>): Promise<void> {
    const request = event.data;
    const order = await this.transitions.lockOne(manager, request.orderId);
    if (!order) throw new NotFoundError('order', request.orderId);
    if (!['DELIVERED', 'PARTIALLY_REFUNDED', 'COMPLETED'].includes(order.status))
      throw new IllegalOrderTransitionError(order.id, order.status, 'REFUNDED');
    if (request.currency !== order.currency)
      throw new DomainError(
        'REFUND_CURRENCY_MISMATCH',
        `order ${order.id} was paid in ${order.currency}, not ${request.currency}`,
        422,
      );
    const earlier = (await this.ledger.ofOrder(order.id, manager)).filter(
      (row) => row.operation === 'REFUND' && row.status !== 'FAILED',
    );
    if (earlier.some((row) => row.returnId === request.returnId)) return; // this return was refunded already
    const refund = refundOf(order, request.lines, earlier);
    const payment = await this.ledger.refund(
      manager,
      {
        orderId: order.id,
        returnId: request.returnId,
        amount: refund.amount,
        currency: order.currency,
        points: refund.points,
        lines: refund.lines,
      },
      event.metadata,
    );
    // Nothing to send to the gateway (points only): settled now.
    if (payment && payment.status === 'SUCCEEDED') await this.refunded(manager, order, payment, event.metadata);
  }

  /** The gateway paid the refund back. */
  async refundSettled(manager: EntityManager, payment: PaymentRow, cause?: EventMetadata): Promise<void> {
    const order = await this.transitions.lockOne(manager, payment.orderId);
    if (!order) return;
    await this.refunded(manager, order, payment, cause);
  }

  private async refunded(
    manager: EntityManager,
    order: Order,
    payment: PaymentRow,
    cause?: EventMetadata,
  ): Promise<void> {
    const refunds = (await this.ledger.ofOrder(order.id, manager)).filter(
      (row) => row.operation === 'REFUND' && row.status === 'SUCCEEDED',
    );
    const refundedUnits = new Map<string, number>();
    for (const row of refunds)
      for (const line of row.lines ?? [])
        refundedUnits.set(line.sku, (refundedUnits.get(line.sku) ?? 0) + line.quantity);
    const fully = order.lines.every((line) => (refundedUnits.get(line.sku) ?? 0) >= line.quantity);
    const at = new Date();
    order.refund(
      fully,
      at,
      `refund ${payment.id} for return ${payment.returnId}: ${payment.amount} ${order.currency} and ${payment.points} points`,
    );
    await this.transitions.save(manager, [order]);
    await this.outbox.publish(
      manager,
      OrderRefunded,
      {
        orderId: order.id,
        customerId: order.customerId,
        refundId: payment.id,
        returnId: payment.returnId ?? undefined,
        currency: order.currency,
        amount: payment.amount,
        pointsRefunded: payment.points,
        lines: payment.lines ?? [],
        fullyRefunded: fully,
        refundedAt: at.toISOString(),
      },
      { causedBy: cause },
    );
  }
}
