import { ForbiddenException, Injectable } from '@nestjs/common';
import { OrderPlaced } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import {
  DomainError,
  IdempotencyKeyReusedError,
  NotFoundError,
  ownerScope,
  Principal,
  requestFingerprint,
  withIdempotency,
} from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { applyQuote, Promotions } from '../checkout/promotions';
import { ShippingQuotes } from '../checkout/shipping-quotes';
import { SellableSkus } from '../sellable/sellable-skus';
import { PlaceOrderDto } from './dto/place-order.dto';
import { ordersMetrics } from './orders.metrics';
import { OrderLine } from './order-line.entity';
import { OrderStatusChange } from './order-status-change.entity';
import { linesOf, OrderTransitions, shippingOf } from './order-transitions';
import { IllegalOrderTransitionError } from './order.errors';
import { Order } from './order.entity';
import { orderView, OrderView } from './order.view';

/** What a customer (or ops) asks of an order through the API: place it, and cancel it while it may be. */
@Injectable()
export class OrderRequests {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly sellable: SellableSkus,
    private readonly shipping: ShippingQuotes,
    private readonly promotions: Promotions,
    private readonly transitions: OrderTransitions,
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
   * The customer (its own order) or ops cancels. Allowed from PENDING and CONFIRMED only: once a parcel is
   * dispatched the money is captured and the order goes the return way (409 ILLEGAL_ORDER_TRANSITION).
   */
  async cancelOnRequest(id: string, principal: Principal, detail?: string) {
    await this.dataSource.transaction(async (manager) => {
      const order = await this.transitions.lockOne(manager, id);
      const ownCustomer = ownerScope(principal, 'customer');
      if (!order || (ownCustomer !== undefined && order.customerId !== ownCustomer))
        throw new NotFoundError('order', id);
      if (order.status !== 'PENDING' && order.status !== 'CONFIRMED')
        throw new IllegalOrderTransitionError(order.id, order.status, 'CANCELLED');
      const byOps = principal.roles.includes('ops') && ownCustomer === undefined;
      await this.transitions.cancel(manager, [
        {
          order,
          reason: byOps ? 'OPS_REQUEST' : 'CUSTOMER_REQUEST',
          detail: detail ?? `cancelled by ${byOps ? 'ops' : 'the customer'} (${principal.subject})`,
        },
      ]);
    });
  }
}
