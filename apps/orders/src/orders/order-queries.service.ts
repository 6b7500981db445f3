import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, NotFoundError, ownerScope, Principal } from '@emporium/platform';
import { DataSource } from 'typeorm';
import { PaymentLedger } from '../payments/payment-ledger';
import { ListOrdersQuery } from './dto/list-orders.query';
import { OrderStatusChange } from './order-status-change.entity';
import { Order } from './order.entity';
import { orderSummary, orderView, OrderView } from './order.view';

/** Reading orders and their payments as each caller may see them. */
@Injectable()
export class OrderQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: PaymentLedger,
  ) {}

  /**
   * Newest first, keyset-paginated, filtered by status, customer, merchant and placing time. Scoped by
   * every role the token holds: a customer sees only its own orders, a merchant only orders with a line of
   * its own; a token holding both sees the orders that are both (never "everything" because one role is
   * unrestricted).
   */
  async list(query: ListOrdersQuery, principal: Principal) {
    const limit = query.limit ?? 20;
    const ownCustomer = ownerScope(principal, 'customer');
    const ownMerchant = ownerScope(principal, 'merchant');
    const ids = this.dataSource.manager
      .createQueryBuilder(Order, 'o')
      .select('o.id', 'id')
      .orderBy('o.created_at', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .limit(limit + 1);
    for (const [index, customerId] of [ownCustomer, query.customerId].entries()) {
      if (customerId) ids.andWhere(`o.customer_id = :customer${index}`, { [`customer${index}`]: customerId });
    }
    for (const [index, merchantId] of [ownMerchant, query.merchantId].entries()) {
      if (merchantId)
        ids.andWhere(
          `EXISTS (SELECT 1 FROM order_lines ml WHERE ml.order_id = o.id AND ml.merchant_id = :merchant${index})`,
          { [`merchant${index}`]: merchantId },
        );
    }
    if (query.status) ids.andWhere('o.status = :status', { status: query.status });
    if (query.from) ids.andWhere('o.created_at >= :from::timestamptz', { from: query.from });
    if (query.to) ids.andWhere('o.created_at < :to::timestamptz', { to: query.to });
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
    const order = await this.visible(id, principal);
    const timeline = await this.dataSource.manager.find(OrderStatusChange, {
      where: { orderId: id },
      order: { id: 'ASC' },
    });
    return orderView(order, timeline);
  }

  /** The order's payments ledger, oldest first: every authorisation, capture, void and refund. */
  async payments(id: string, principal: Principal) {
    await this.visible(id, principal);
    const rows = await this.ledger.ofOrder(id);
    return {
      items: rows.map((row) => ({
        id: row.id,
        operation: row.operation,
        status: row.status,
        amount: row.amount,
        currency: row.currency,
        gateway: row.gateway,
        idempotencyKey: row.idempotencyKey,
        returnId: row.returnId ?? undefined,
        points: row.points,
        detail: row.detail ?? undefined,
        requestedAt: new Date(row.requestedAt).toISOString(),
        settledAt: row.settledAt ? new Date(row.settledAt).toISOString() : undefined,
      })),
    };
  }

  /**
   * The order if the token may see it: a customer only its own, a merchant only one with a line of its
   * own (each role held narrows). Anyone else learns nothing, not even that it exists (404).
   */
  private async visible(id: string, principal: Principal): Promise<Order> {
    const order = await this.dataSource.manager.findOne(Order, { where: { id } });
    const ownCustomer = ownerScope(principal, 'customer');
    const ownMerchant = ownerScope(principal, 'merchant');
    if (
      !order ||
      (ownCustomer !== undefined && order.customerId !== ownCustomer) ||
      (ownMerchant !== undefined && !order.lines.some((line) => line.merchantId === ownMerchant))
    ) {
      throw new NotFoundError('order', id);
    }
    return order;
  }
}
