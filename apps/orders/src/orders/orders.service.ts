import { ForbiddenException, Injectable } from '@nestjs/common';
import {
  DomainEvent,
  EventMetadata,
  OrderCancellationReason,
  OrderCancelled,
  OrderConfirmed,
  OrderLineV1,
  OrderPlaced,
  StockReservationExpiredV1,
  StockReservationFailedV1,
  StockReservedV1,
} from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { decodeCursor, encodeCursor, NotFoundError, Principal, requestFingerprint, withIdempotency } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ListOrdersQuery } from './dto/list-orders.query';
import { PlaceOrderDto } from './dto/place-order.dto';
import { ordersMetrics } from './orders.metrics';
import { OrderStatusChange } from './order-status-change.entity';
import { Order } from './order.entity';
import { orderSummary, orderView, OrderView } from './order.view';

@Injectable()
export class OrdersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async place(request: PlaceOrderDto, principal: Principal, idempotencyKey: string) {
    if (isOnlyCustomer(principal) && principal.subject !== request.customerId) {
      throw new ForbiddenException('A customer may only place orders for itself');
    }
    return this.dataSource.transaction((manager) =>
      withIdempotency(manager, `place-order:${principal.subject}`, idempotencyKey, requestFingerprint(request), async () => {
        const order = Order.place({ id: randomUUID(), customerId: request.customerId, currency: request.currency, lines: request.lines, at: new Date() });
        await manager.save(order);
        await this.outbox.publish(manager, OrderPlaced, {
          orderId: order.id,
          customerId: order.customerId,
          currency: order.currency,
          lines: linesOf(order),
          totalAmount: order.totalAmount,
          placedAt: order.timeline[0].at.toISOString(),
        });
        ordersMetrics.transitions.inc({ status: 'PENDING', reason: '' });
        return { status: 201, body: orderView(order, order.timeline) };
      }),
    );
  }

  /** Newest first, keyset-paginated. A customer sees only its own orders, whatever it asks for. */
  async list(query: ListOrdersQuery, principal: Principal) {
    const limit = query.limit ?? 20;
    const customerId = isOnlyCustomer(principal) ? principal.subject : query.customerId;
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
    if (!order || (isOnlyCustomer(principal) && order.customerId !== principal.subject)) throw new NotFoundError('order', id);
    const timeline = await this.dataSource.manager.find(OrderStatusChange, { where: { orderId: id }, order: { id: 'ASC' } });
    return orderView(order, timeline);
  }

  async onStockReserved(event: DomainEvent<StockReservedV1>, manager: EntityManager): Promise<void> {
    const order = await this.lockOrder(manager, event.data.orderId);
    // A late answer for an order that already ended: its cancellation made inventory release the stock.
    if (!order || order.status !== 'PENDING') return;
    order.confirm(new Date());
    await this.saveTransition(manager, order);
    ordersMetrics.transitions.inc({ status: 'CONFIRMED', reason: '' });
    ordersMetrics.confirmationSeconds.observe((Date.now() - order.createdAt.getTime()) / 1000);
    await this.outbox.publish(
      manager,
      OrderConfirmed,
      {
        orderId: order.id,
        customerId: order.customerId,
        currency: order.currency,
        lines: linesOf(order),
        totalAmount: order.totalAmount,
        confirmedAt: order.pendingTimeline[0].at.toISOString(),
      },
      { causedBy: event.metadata },
    );
  }

  async onStockReservationFailed(event: DomainEvent<StockReservationFailedV1>, manager: EntityManager): Promise<void> {
    const order = await this.lockOrder(manager, event.data.orderId);
    if (!order || order.status !== 'PENDING') return;
    const detail = event.data.unavailable.map((line) => `${line.sku}: ${line.reason}, requested ${line.requested}, available ${line.available}`).join('; ');
    await this.cancel(manager, order, event.data.reason, detail, event.metadata);
  }

  /** Inventory gave the units back before the order was confirmed: it can no longer be fulfilled as placed. */
  async onStockReservationExpired(event: DomainEvent<StockReservationExpiredV1>, manager: EntityManager): Promise<void> {
    const order = await this.lockOrder(manager, event.data.orderId);
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
      for (const { id } of overdue) {
        const order = await manager.findOneByOrFail(Order, { id });
        await this.cancel(manager, order, 'CONFIRMATION_DEADLINE_PASSED', `not confirmed within ${olderThanSeconds}s`);
      }
      return overdue.length;
    });
  }

  private async cancel(manager: EntityManager, order: Order, reason: OrderCancellationReason, detail: string, causedBy?: EventMetadata) {
    order.cancel(reason, detail, new Date());
    await this.saveTransition(manager, order);
    ordersMetrics.transitions.inc({ status: 'CANCELLED', reason });
    await this.outbox.publish(
      manager,
      OrderCancelled,
      { orderId: order.id, customerId: order.customerId, reason, detail, lines: linesOf(order), cancelledAt: order.pendingTimeline[0].at.toISOString() },
      { causedBy },
    );
  }

  /** Row lock first (no joins: FOR UPDATE cannot lock the outer side of the lines join), then load. */
  private async lockOrder(manager: EntityManager, id: string): Promise<Order | null> {
    const locked: unknown[] = await manager.query('SELECT id FROM orders WHERE id = $1 FOR UPDATE', [id]);
    return locked.length === 0 ? null : manager.findOneBy(Order, { id });
  }

  private async saveTransition(manager: EntityManager, order: Order): Promise<void> {
    await manager.update(Order, { id: order.id }, { status: order.status, version: order.version + 1 });
    await manager.insert(OrderStatusChange, order.pendingTimeline);
  }
}

function isOnlyCustomer(principal: Principal): boolean {
  return principal.roles.every((role) => role === 'customer');
}

function linesOf(order: Order): OrderLineV1[] {
  return [...order.lines]
    .sort((a, b) => a.lineNo - b.lineNo)
    .map((line) => ({ sku: line.sku, quantity: line.quantity, unitPrice: line.unitPrice, lineTotal: line.lineTotal }));
}
