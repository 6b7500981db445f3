import { ForbiddenException, Injectable } from '@nestjs/common';
import { OrderPlaced } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import {
  decodeCursor,
  DomainError,
  encodeCursor,
  IdempotencyKeyReusedError,
  NotFoundError,
  ownerScope,
  Principal,
  requestFingerprint,
  withIdempotency,
} from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PaymentLedger } from '../payments/payment-ledger';
import { applyQuote, Promotions } from '../checkout/promotions';
import { ShippingQuotes } from '../checkout/shipping-quotes';
import { SellableSkus } from '../sellable/sellable-skus';
import { ListOrdersQuery } from './dto/list-orders.query';
import { PlaceOrderDto } from './dto/place-order.dto';
import { ordersMetrics } from './orders.metrics';
import { OrderLine } from './order-line.entity';
import { OrderStatusChange } from './order-status-change.entity';
import { linesOf, shippingOf } from './order-transitions';
import { Order } from './order.entity';
import { orderSummary, orderView, OrderView } from './order.view';

@Injectable()
export class OrdersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly sellable: SellableSkus,
    private readonly shipping: ShippingQuotes,
    private readonly promotions: Promotions,
    private readonly ledger: PaymentLedger,
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
      throw new DomainError(
        'SHIPPING_CURRENCY_MISMATCH',
        `shipping to this address is priced in ${shipping.currency}, not ${request.currency}`,
        422,
        {
          errors: [{ field: 'currency', message: `shipping is priced in ${shipping.currency}` }],
        },
      );
    }
    // Promotions and coupons (marketing, when configured) take their share off orders' own prices.
    const promoted = applyQuote(
      lines,
      shipping.fee,
      await this.promotions.quote({
        customerId: request.customerId,
        currency: request.currency,
        lines: request.lines,
        couponCodes: request.couponCodes,
        shippingFee: shipping.fee,
      }),
    );
    return this.dataSource.transaction((manager) =>
      withIdempotency(
        manager,
        { operation: 'place-order', subject: principal.subject },
        idempotencyKey,
        fingerprint,
        async () => {
          const order = Order.place({
            id: randomUUID(),
            customerId: request.customerId,
            currency: request.currency,
            lines: promoted.lines,
            shippingFee: promoted.shippingFee,
            quoteId: promoted.quoteId,
            shippingQuoteId: shipping.quoteId,
            shippingAddress: request.shippingAddress,
            deliveryOption: request.deliveryOption,
            couponCodes: promoted.couponCodes ?? request.couponCodes,
            pointsToRedeem: request.pointsToRedeem,
            payment: request.payment,
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
          // Nothing to ask the participants beyond placed itself: they answer by event (confirmation-saga.ts).
          return { status: 201, body: orderView(order, order.timeline) };
        },
      ),
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
