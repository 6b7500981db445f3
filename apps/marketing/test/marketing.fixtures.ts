import {
  CompensationRequested,
  MemberTier,
  MemberTierChanged,
  OrderCancelledV2Event,
  OrderPlaced,
  OrderPlacedV1,
  OrderRefunded,
  ProductCreated,
  SkuAdded,
  Topics,
} from '@emporium/contracts';
import { eventMessage, eventually, publishRaw, RunningService, TestRun, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';

export const ops = () => `Bearer ${tokenFor('ops')}`;
export const service = () => `Bearer ${tokenFor('service')}`;
export const customer = (id: string) => `Bearer ${tokenFor('customer', id)}`;

export function topics(run: TestRun) {
  return {
    catalog: run.topicPrefix + Topics.catalogProduct,
    orders: run.topicPrefix + Topics.ordersOrder,
    members: run.topicPrefix + Topics.membershipMember,
    tickets: run.topicPrefix + Topics.customerServiceTicket,
    coupons: run.topicPrefix + Topics.marketingCoupon,
    promotions: run.topicPrefix + Topics.marketingPromotion,
  };
}

/** catalog announces a product in a category and its SKUs with their prices. */
export async function announceProduct(
  run: TestRun,
  merchantId: string,
  categoryId: string,
  skus: { sku: string; price: number }[],
) {
  const productId = randomUUID();
  await publishRaw(topics(run).catalog, [
    eventMessage(ProductCreated, {
      productId,
      merchantId,
      status: 'DRAFT',
      title: 'Test product',
      categoryId,
      createdAt: new Date().toISOString(),
    }),
    ...skus.map(({ sku, price }) =>
      eventMessage(SkuAdded, {
        productId,
        merchantId,
        sku,
        options: {},
        price,
        currency: 'EUR',
        weightGrams: 500,
        dimensions: { lengthMm: 100, widthMm: 100, heightMm: 100 },
        addedAt: new Date().toISOString(),
      }),
    ),
  ]);
}

export async function announceTier(run: TestRun, memberId: string, tier: MemberTier, discountPercent: number) {
  await publishRaw(topics(run).members, [
    eventMessage(MemberTierChanged, {
      memberId,
      tier,
      benefits: { discountPercent, pointsMultiplierPercent: 100, priorityShipping: false, birthdayGiftPoints: 0 },
      changedAt: new Date().toISOString(),
    }),
  ]);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from the API under test
export async function quote(marketing: RunningService, auth: string, body: object): Promise<any> {
  const response = await request(marketing.url).post('/quotes').set('Authorization', auth).send(body);
  if (response.status !== 200) throw new Error(`quote: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** An `orders.order.placed` as orders would publish it from a quote. */
export function placedFrom(
  q: {
    quoteId: string;
    currency: string;
    lines: { sku: string; quantity: number; unitPrice: number; lineTotal: number; discount: number }[];
    total: number;
    discountTotal: number;
    couponCodes: string[];
  },
  customerId: string,
  extra: Partial<OrderPlacedV1> = {},
): OrderPlacedV1 {
  return {
    orderId: randomUUID(),
    customerId,
    currency: q.currency,
    lines: q.lines.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      lineTotal: line.lineTotal,
      discount: line.discount,
    })),
    totalAmount: q.total,
    discountTotal: q.discountTotal,
    placedAt: new Date().toISOString(),
    quoteId: q.quoteId,
    couponCodes: q.couponCodes.length > 0 ? q.couponCodes : undefined,
    ...extra,
  };
}

export async function publishPlaced(run: TestRun, data: OrderPlacedV1) {
  await publishRaw(topics(run).orders, [eventMessage(OrderPlaced, data)]);
}

export async function publishCancelled(run: TestRun, placed: OrderPlacedV1) {
  await publishRaw(topics(run).orders, [
    eventMessage(OrderCancelledV2Event, {
      orderId: placed.orderId,
      customerId: placed.customerId,
      reason: 'PAYMENT_DECLINED',
      lines: placed.lines,
      couponCodes: placed.couponCodes,
      wasConfirmed: false,
      cancelledAt: new Date().toISOString(),
    }),
  ]);
}

export async function publishRefunded(run: TestRun, placed: OrderPlacedV1, fullyRefunded: boolean) {
  await publishRaw(topics(run).orders, [
    eventMessage(OrderRefunded, {
      orderId: placed.orderId,
      customerId: placed.customerId,
      refundId: randomUUID(),
      currency: placed.currency,
      amount: placed.totalAmount,
      pointsRefunded: 0,
      lines: placed.lines.map((line) => ({
        sku: line.sku,
        quantity: line.quantity,
        amount: line.lineTotal - (line.discount ?? 0),
      })),
      fullyRefunded,
      refundedAt: new Date().toISOString(),
    }),
  ]);
}

export function compensationMessage(ticketId: string, customerId: string, amount: number) {
  return eventMessage(CompensationRequested, {
    ticketId,
    customerId,
    cause: 'SHIPMENT_DELAYED',
    amount,
    currency: 'EUR',
    requestedAt: new Date().toISOString(),
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from the API under test
export async function created(marketing: RunningService, path: string, body: object): Promise<any> {
  const response = await request(marketing.url).post(path).set('Authorization', ops()).send(body);
  if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Waits until marketing's read model prices the SKU (catalog's events consumed). */
export async function skuKnown(marketing: RunningService, sku: string) {
  await eventually(
    async () => {
      const response = await request(marketing.url)
        .post('/quotes')
        .set('Authorization', service())
        .send({ currency: 'EUR', lines: [{ sku, quantity: 1 }] });
      if (response.status !== 200 && response.status !== 422)
        throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
      return response.status === 200;
    },
    30_000,
    `${sku} in the read model`,
  );
}
