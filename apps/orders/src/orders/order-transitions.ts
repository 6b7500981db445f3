import { Injectable } from '@nestjs/common';
import {
  EventMetadata,
  ORDER_CANCELLED_DETAIL_MAX_LENGTH,
  ORDER_CANCELLED_V1_REASON_OF,
  OrderCancellationReason,
  OrderCancelled,
  OrderCancelledV2Event,
  OrderLineV1,
} from '@emporium/contracts';
import { Outbox, PendingEvent } from '@emporium/messaging';
import { EntityManager, In } from 'typeorm';
import { PaymentLedger } from '../payments/payment-ledger';
import { ordersMetrics } from './orders.metrics';
import { OrderStatusChange } from './order-status-change.entity';
import { Order } from './order.entity';

/** The v1 reason of a v2 one: the table is part of the contract (ORDER_CANCELLED_V1_REASON_OF, in the event catalog). */
export function v1ReasonOf(reason: string): OrderCancellationReason {
  return (
    (ORDER_CANCELLED_V1_REASON_OF as Record<string, OrderCancellationReason>)[reason] ?? 'CONFIRMATION_DEADLINE_PASSED'
  );
}

/** The contract caps `detail`: an order with many failing lines still gets a valid event. */
export function fitDetail(detail: string): string {
  if (detail.length <= ORDER_CANCELLED_DETAIL_MAX_LENGTH) return detail;
  const suffix = ' …';
  return detail.slice(0, ORDER_CANCELLED_DETAIL_MAX_LENGTH - suffix.length) + suffix;
}

export function linesOf(order: Order): OrderLineV1[] {
  return [...order.lines]
    .sort((a, b) => a.lineNo - b.lineNo)
    .map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      lineTotal: line.lineTotal,
      ...(line.discount > 0 ? { discount: line.discount } : {}),
      ...(line.merchantId ? { merchantId: line.merchantId } : {}),
    }));
}

/** Where and how the order ships, as placed and confirmed carry it (absent on orders placed before checkout asked). */
export function shippingOf(order: Order) {
  return {
    shippingAddress: order.shippingAddress ?? undefined,
    deliveryOption: order.deliveryOption ?? undefined,
    shippingQuoteId: order.shippingQuoteId ?? undefined,
    shippingFee: order.shippingFee,
  };
}

/**
 * What every path that changes an order shares: row locks in id order, the status UPDATE and timeline
 * INSERT, and the cancellation every participant compensates on (v1 and v2, and the authorisation voided).
 */
@Injectable()
export class OrderTransitions {
  constructor(
    private readonly outbox: Outbox,
    private readonly ledger: PaymentLedger,
  ) {}

  /** Row locks in id order (so two chunks never wait on each other in a cycle), then one load with the lines. */
  async lock(manager: EntityManager, ids: string[]): Promise<Map<string, Order>> {
    const unique = [...new Set(ids)].sort();
    const locked: { id: string }[] = await manager.query(
      'SELECT id FROM orders WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
      [unique],
    );
    if (locked.length === 0) return new Map();
    const orders = await manager.find(Order, { where: { id: In(locked.map((row) => row.id)) } });
    return new Map(orders.map((order) => [order.id, order]));
  }

  async lockOne(manager: EntityManager, id: string): Promise<Order | undefined> {
    return (await this.lock(manager, [id])).get(id);
  }

  /** The new statuses in one UPDATE and their timeline entries in one INSERT. */
  async save(manager: EntityManager, orders: Order[]): Promise<void> {
    if (orders.length === 0) return;
    await manager.query(
      `UPDATE orders o SET status = v.status, delivered_at = v.delivered_at, return_window_ends_at = v.window_ends, version = o.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS v(id, status, delivered_at, window_ends) WHERE o.id = v.id`,
      [
        orders.map((order) => order.id),
        orders.map((order) => order.status),
        orders.map((order) => order.deliveredAt ?? null),
        orders.map((order) => order.returnWindowEndsAt ?? null),
      ],
    );
    const timeline = orders.flatMap((order) => order.pendingTimeline);
    if (timeline.length > 0) await manager.insert(OrderStatusChange, timeline);
    for (const order of orders) {
      for (const change of order.pendingTimeline)
        ordersMetrics.transitions.inc({ status: change.status, reason: change.reason ?? '' });
      order.pendingTimeline = [];
    }
  }

  /** Moves the order to CANCELLED and builds the events every participant compensates on. */
  cancellation(
    order: Order,
    reason: string,
    detail: string,
    at: Date,
    causedBy?: EventMetadata,
  ): PendingEvent<object>[] {
    const wasConfirmed = order.status === 'CONFIRMED';
    order.cancel(reason, fitDetail(detail), at);
    const v1Reason = v1ReasonOf(reason);
    const common = {
      orderId: order.id,
      customerId: order.customerId,
      lines: linesOf(order),
      cancelledAt: at.toISOString(),
    };
    return [
      {
        definition: OrderCancelledV2Event,
        data: {
          ...common,
          reason,
          detail: fitDetail(detail),
          couponCodes: order.couponCodes.length > 0 ? order.couponCodes : undefined,
          pointsToRedeem: order.pointsToRedeem > 0 ? order.pointsToRedeem : undefined,
          wasConfirmed,
        },
        causedBy,
      },
      {
        definition: OrderCancelled,
        data: {
          ...common,
          reason: v1Reason,
          detail: fitDetail(v1Reason === reason ? detail : `[${reason}] ${detail}`),
        },
        causedBy,
      },
    ];
  }

  /** Cancels orders in one pass: statuses, timeline, both events, and their authorisations voided. */
  async cancel(
    manager: EntityManager,
    cancellations: { order: Order; reason: string; detail: string; causedBy?: EventMetadata }[],
  ): Promise<void> {
    const at = new Date();
    const events = cancellations.flatMap(({ order, reason, detail, causedBy }) =>
      this.cancellation(order, reason, detail, at, causedBy),
    );
    await this.save(
      manager,
      cancellations.map(({ order }) => order),
    );
    await this.outbox.publishAll(manager, events);
    for (const { order } of cancellations) await this.ledger.voidAuthorisation(manager, order.id);
  }
}
