import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import {
  DomainEvent,
  EventMetadata,
  OrderCancellationReason,
  ORDER_CANCELLED_DETAIL_MAX_LENGTH,
  OrderCancelled,
  OrderCancelledV1,
  OrderConfirmed,
  OrderLineV1,
  OrderPlaced,
  StockReservationExpiredV1,
  StockReservationFailedV1,
  StockReservedV1,
} from '@emporium/contracts';
import { Outbox, PendingEvent } from '@emporium/messaging';
import { decodeCursor, DomainError, encodeCursor, IdempotencyKeyReusedError, NotFoundError, ownerScope, Principal, requestFingerprint, SERVICE_CONFIG, withIdempotency } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import type { OrdersConfig } from '../config';
import { ShippingQuotes } from '../checkout/shipping-quotes';
import { SellableSkus } from '../sellable/sellable-skus';
import { ListOrdersQuery } from './dto/list-orders.query';
import { PlaceOrderDto } from './dto/place-order.dto';
import { ordersMetrics } from './orders.metrics';
import { OrderLine } from './order-line.entity';
import { OrderStatusChange } from './order-status-change.entity';
import { Order } from './order.entity';
import { orderSummary, orderView, OrderView } from './order.view';

@Injectable()
export class OrdersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly sellable: SellableSkus,
    private readonly shipping: ShippingQuotes,
    @Inject(SERVICE_CONFIG) private readonly config: OrdersConfig,
  ) {}

  async place(request: PlaceOrderDto, principal: Principal, idempotencyKey: string) {
    const ownCustomer = ownerScope(principal, 'customer');
    if (ownCustomer !== undefined && ownCustomer !== request.customerId) {
      throw new ForbiddenException('A customer may only place orders for itself');
    }
    const fingerprint = requestFingerprint(request);
    // A repeat is answered before pricing: the first response stands even if a price or the SKU changed since.
    const earlier = await this.earlierResponse(principal.subject, idempotencyKey, fingerprint);
    if (earlier) return earlier;
    // Priced before the transaction: the read model answers at once, and logistics is called with no
    // transaction (nor row lock) open while the customer waits. A refused line writes nothing.
    const lines = await this.sellable.price(request.currency, request.lines);
    const shipping = await this.shipping.quote({
      customerId: request.customerId,
      shippingAddress: request.shippingAddress,
      deliveryOption: request.deliveryOption,
      lines: request.lines,
    });
    if (shipping.currency !== undefined && shipping.currency !== request.currency) {
      throw new DomainError('SHIPPING_CURRENCY_MISMATCH', `shipping to this address is priced in ${shipping.currency}, not ${request.currency}`, 422, {
        errors: [{ field: 'currency', message: `shipping is priced in ${shipping.currency}` }],
      });
    }
    return this.dataSource.transaction((manager) =>
      withIdempotency(manager, { operation: 'place-order', subject: principal.subject }, idempotencyKey, fingerprint, async () => {
        const order = Order.place({
          id: randomUUID(),
          customerId: request.customerId,
          currency: request.currency,
          lines,
          shippingFee: shipping.fee,
          shippingQuoteId: shipping.quoteId,
          shippingAddress: request.shippingAddress,
          deliveryOption: request.deliveryOption,
          at: new Date(),
        });
        // Plain INSERTs: `save` would SELECT each row first to decide between insert and update.
        await manager.insert(Order, order);
        await manager.insert(OrderLine, order.lines);
        await manager.insert(OrderStatusChange, order.timeline);
        await this.outbox.publish(manager, OrderPlaced, {
          orderId: order.id,
          customerId: order.customerId,
          currency: order.currency,
          lines: linesOf(order),
          totalAmount: order.totalAmount,
          placedAt: order.timeline[0].at.toISOString(),
          ...shippingOf(order),
          shippingRegion: order.shippingRegion ?? undefined,
          discountTotal: order.discountTotal,
          quoteId: order.quoteId ?? undefined,
          couponCodes: order.couponCodes.length > 0 ? order.couponCodes : undefined,
          pointsToRedeem: order.pointsToRedeem > 0 ? order.pointsToRedeem : undefined,
          amountToPay: order.amountToPay ?? undefined,
        });
        ordersMetrics.transitions.inc({ status: 'PENDING', reason: '' });
        return { status: 201, body: orderView(order, order.timeline) };
      }),
    );
  }

  private async earlierResponse(subject: string, key: string, fingerprint: string) {
    const [existing] = await this.dataSource.query(
      `SELECT fingerprint, status_code, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2 AND status_code IS NOT NULL`,
      [`place-order:${subject}`, key],
    );
    if (!existing) return undefined;
    if (existing.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError(key);
    return { status: existing.status_code as number, body: existing.response_body as OrderView, replayed: true };
  }

  /** Newest first, keyset-paginated. A customer sees only its own orders, whatever it asks for. */
  async list(query: ListOrdersQuery, principal: Principal) {
    const limit = query.limit ?? 20;
    const customerId = ownerScope(principal, 'customer') ?? query.customerId;
    const ids = this.dataSource.manager.createQueryBuilder(Order, 'o').select('o.id', 'id').orderBy('o.created_at', 'DESC').addOrderBy('o.id', 'DESC').limit(limit + 1);
    if (customerId) ids.andWhere('o.customer_id = :customerId', { customerId });
    if (query.status) ids.andWhere('o.status = :status', { status: query.status });
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, 2);
      ids.andWhere('(o.created_at, o.id) < (:createdAt::timestamptz, :id::uuid)', { createdAt, id });
    }
    const page: { id: string }[] = await ids.getRawMany();
    const shown = page.slice(0, limit).map((row) => row.id);
    const orders =
      shown.length === 0
        ? []
        : await this.dataSource.manager
            .createQueryBuilder(Order, 'o')
            .leftJoinAndSelect('o.lines', 'line')
            .where('o.id IN (:...shown)', { shown })
            .orderBy('o.created_at', 'DESC')
            .addOrderBy('o.id', 'DESC')
            .getMany();
    const last = orders.at(-1);
    return {
      items: orders.map(orderSummary),
      nextCursor: page.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  async get(id: string, principal: Principal): Promise<OrderView> {
    const order = await this.dataSource.manager.findOne(Order, { where: { id } });
    // A customer asking for someone else's order learns nothing, not even that it exists.
    const ownCustomer = ownerScope(principal, 'customer');
    if (!order || (ownCustomer !== undefined && order.customerId !== ownCustomer)) throw new NotFoundError('order', id);
    const timeline = await this.dataSource.manager.find(OrderStatusChange, { where: { orderId: id }, order: { id: 'ASC' } });
    return orderView(order, timeline);
  }

  /**
   * Inventory holds the stock for these orders: confirm each one still PENDING and inside its deadline,
   * in one pass (one lock, one UPDATE, one INSERT of timeline rows, one outbox INSERT). A late answer for
   * an order that ended is ignored: its cancellation made inventory release the stock. An answer after
   * the deadline cancels instead: orders owns the deadline, and inventory may expire an unconfirmed hold.
   */
  async confirmReserved(events: DomainEvent<StockReservedV1>[], manager: EntityManager): Promise<void> {
    const orders = await this.lockOrders(
      manager,
      events.map((event) => event.data.orderId),
    );
    const now = new Date();
    const confirmed: { order: Order; cause: EventMetadata }[] = [];
    const cancelled: Cancellation[] = [];
    for (const event of events) {
      const order = orders.get(event.data.orderId);
      if (!order || order.status !== 'PENDING') continue;
      if (order.isPastConfirmationDeadline(now, this.config.ORDER_CONFIRMATION_TIMEOUT_SECONDS)) {
        cancelled.push(this.cancellation(order, 'CONFIRMATION_DEADLINE_PASSED', `stock reserved after the ${this.config.ORDER_CONFIRMATION_TIMEOUT_SECONDS}s deadline`, now, event.metadata));
        continue;
      }
      order.confirm(now);
      confirmed.push({ order, cause: event.metadata });
    }
    await this.saveTransitions(manager, [...confirmed.map(({ order }) => order), ...cancelled.map(({ order }) => order)]);
    await this.outbox.publishAll(manager, [
      ...confirmed.map(({ order, cause }) => ({
        definition: OrderConfirmed,
        data: {
          orderId: order.id,
          customerId: order.customerId,
          currency: order.currency,
          lines: linesOf(order),
          totalAmount: order.totalAmount,
          confirmedAt: now.toISOString(),
          ...shippingOf(order),
        },
        causedBy: cause,
      })),
      ...cancelled.map((cancellation) => cancellation.event),
    ]);
    for (const { order } of confirmed) {
      ordersMetrics.transitions.inc({ status: 'CONFIRMED', reason: '' });
      ordersMetrics.confirmationSeconds.observe((now.getTime() - order.createdAt.getTime()) / 1000);
    }
    for (const { reason } of cancelled) ordersMetrics.transitions.inc({ status: 'CANCELLED', reason });
  }

  /**
   * Inventory cannot hold the stock. A PENDING order is cancelled. So is a CONFIRMED one: that answer
   * comes when the confirmation reached inventory after the hold had expired and the units were gone
   * (see reservations.service.ts, reinstate); an order is never left CONFIRMED with no stock behind it.
   */
  async onStockReservationFailed(event: DomainEvent<StockReservationFailedV1>, manager: EntityManager): Promise<void> {
    const order = (await this.lockOrders(manager, [event.data.orderId])).get(event.data.orderId);
    if (!order || (order.status !== 'PENDING' && order.status !== 'CONFIRMED')) return;
    await this.cancel(manager, order, event.data.reason, unavailableDetail(event.data.unavailable), event.metadata);
  }

  /** Inventory gave the units back before the order was confirmed: it can no longer be fulfilled as placed. */
  async onStockReservationExpired(event: DomainEvent<StockReservationExpiredV1>, manager: EntityManager): Promise<void> {
    const order = (await this.lockOrders(manager, [event.data.orderId])).get(event.data.orderId);
    // A CONFIRMED order's hold expired while the confirmation was in flight: inventory holds it again on
    // the confirmation, or answers reservation-failed, which cancels it.
    if (!order || order.status !== 'PENDING') return;
    await this.cancel(manager, order, 'CONFIRMATION_DEADLINE_PASSED', `stock reservation expired at ${event.data.expiredAt}`, event.metadata);
  }

  /**
   * Cancels orders whose participants did not all answer in time. SKIP LOCKED lets every replica run
   * this without two of them cancelling the same order.
   */
  async cancelOverdue(olderThanSeconds: number, limit = 100): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const overdue: { id: string }[] = await manager.query(
        `SELECT id FROM orders WHERE status = 'PENDING' AND created_at < now() - make_interval(secs => $1)
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [olderThanSeconds, limit],
      );
      const orders = await this.lockOrders(
        manager,
        overdue.map(({ id }) => id),
      );
      const now = new Date();
      const cancelled = [...orders.values()].map((order) => this.cancellation(order, 'CONFIRMATION_DEADLINE_PASSED', `not confirmed within ${olderThanSeconds}s`, now));
      await this.saveTransitions(manager, cancelled.map(({ order }) => order));
      await this.outbox.publishAll(manager, cancelled.map(({ event }) => event));
      for (const { reason } of cancelled) ordersMetrics.transitions.inc({ status: 'CANCELLED', reason });
      return overdue.length;
    });
  }

  private async cancel(manager: EntityManager, order: Order, reason: OrderCancellationReason, detail: string, causedBy?: EventMetadata) {
    const cancellation = this.cancellation(order, reason, detail, new Date(), causedBy);
    await this.saveTransitions(manager, [order]);
    await this.outbox.publishAll(manager, [cancellation.event]);
    ordersMetrics.transitions.inc({ status: 'CANCELLED', reason });
  }

  /** Moves the order to CANCELLED and builds the event every participant compensates on. */
  private cancellation(order: Order, reason: OrderCancellationReason, detail: string, at: Date, causedBy?: EventMetadata): Cancellation {
    order.cancel(reason, fitDetail(detail), at);
    return {
      order,
      reason,
      event: {
        definition: OrderCancelled,
        data: { orderId: order.id, customerId: order.customerId, reason, detail: fitDetail(detail), lines: linesOf(order), cancelledAt: at.toISOString() },
        causedBy,
      },
    };
  }

  /** Row locks in id order (so two chunks never wait on each other in a cycle), then one load with the lines. */
  private async lockOrders(manager: EntityManager, ids: string[]): Promise<Map<string, Order>> {
    const unique = [...new Set(ids)].sort();
    const locked: { id: string }[] = await manager.query('SELECT id FROM orders WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [unique]);
    if (locked.length === 0) return new Map();
    const orders = await manager.find(Order, { where: { id: In(locked.map((row) => row.id)) } });
    return new Map(orders.map((order) => [order.id, order]));
  }

  /** The new statuses in one UPDATE and their timeline entries in one INSERT. */
  private async saveTransitions(manager: EntityManager, orders: Order[]): Promise<void> {
    if (orders.length === 0) return;
    await manager.query(
      `UPDATE orders o SET status = v.status, version = o.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::text[]) AS v(id, status) WHERE o.id = v.id`,
      [orders.map((order) => order.id), orders.map((order) => order.status)],
    );
    await manager.insert(
      OrderStatusChange,
      orders.flatMap((order) => order.pendingTimeline),
    );
    for (const order of orders) order.pendingTimeline = [];
  }
}

interface Cancellation {
  order: Order;
  reason: OrderCancellationReason;
  event: PendingEvent<OrderCancelledV1>;
}

/** The contract caps `detail` (OrderCancelledV1): an order with many failing lines still gets a valid event. */
function fitDetail(detail: string): string {
  if (detail.length <= ORDER_CANCELLED_DETAIL_MAX_LENGTH) return detail;
  const suffix = ' …';
  return detail.slice(0, ORDER_CANCELLED_DETAIL_MAX_LENGTH - suffix.length) + suffix;
}

function unavailableDetail(unavailable: StockReservationFailedV1['unavailable']): string {
  return unavailable.map((line) => `${line.sku}: ${line.reason}, requested ${line.requested}, available ${line.available}`).join('; ');
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
