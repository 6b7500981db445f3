import {
  MerchantSuspended,
  OrderPlacedV1,
  ProductCreated,
  ProductDelisted,
  ProductListed,
  SkuAdded,
  Topics,
} from '@emporium/contracts';
import { eventMessage, eventually, publishRaw, RunningService, TestRun, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { OrderLine } from '../src/orders/order-line.entity';
import { OrderStatusChange } from '../src/orders/order-status-change.entity';
import { OrderTransitions } from '../src/orders/order-transitions';
import { Order } from '../src/orders/order.entity';
import { SANDBOX_CARDS } from '../src/payments/sandbox-payment-gateway';

/** The sandbox gateway's test cards (which one succeeds, declines, waits for a webhook...). */
export { SANDBOX_CARDS };

export const HAMBURG = {
  country: 'DE',
  region: 'EU-DE',
  postalCode: '20095',
  city: 'Hamburg',
  line1: 'Mönckebergstraße 7',
};

export interface CatalogSku {
  sku: string;
  price: number;
  currency?: string;
  merchantId?: string;
  weightGrams?: number;
}

/**
 * Announces SKUs the way catalog does (sku-added, then listed, on the run's catalog topic) and waits until
 * orders' read model has them. `listed: false` leaves the product a DRAFT.
 */
export async function listSkus(
  run: TestRun,
  orders: RunningService,
  skus: CatalogSku[],
  options: { listed?: boolean; productId?: string } = {},
) {
  const productId = options.productId ?? randomUUID();
  const merchantId = skus[0].merchantId ?? randomUUID();
  const now = new Date().toISOString();
  const created = eventMessage(ProductCreated, {
    productId,
    merchantId,
    status: 'DRAFT',
    title: 'Test product',
    categoryId: randomUUID(),
    createdAt: now,
  });
  const messages = skus.map((sku) =>
    eventMessage(SkuAdded, {
      productId,
      merchantId,
      sku: sku.sku,
      options: {},
      price: sku.price,
      currency: sku.currency ?? 'EUR',
      weightGrams: sku.weightGrams ?? 500,
      dimensions: { lengthMm: 200, widthMm: 150, heightMm: 100 },
      addedAt: now,
    }),
  );
  messages.unshift(created);
  if (options.listed !== false) {
    messages.push(
      eventMessage(ProductListed, {
        productId,
        merchantId,
        status: 'LISTED',
        title: 'Test product',
        categoryId: randomUUID(),
        skus: skus.map((sku) => ({ sku: sku.sku, price: sku.price, currency: sku.currency ?? 'EUR' })),
        actor: 'ops-test',
        listedAt: now,
      }),
    );
  }
  await publishRaw(run.topicPrefix + Topics.catalogProduct, messages);
  const status = options.listed === false ? 'DRAFT' : 'LISTED';
  await eventually(
    async () => {
      const rows: { n: string }[] = await orders.dataSource.query(
        `SELECT count(*) AS n FROM sellable_skus s LEFT JOIN sellable_products p USING (product_id)
          JOIN unnest($1::text[], $3::bigint[]) AS want(sku, price) ON want.sku = s.sku AND want.price = s.price
          WHERE p.status IS NOT DISTINCT FROM $2 AND s.product_id = $4`,
        [skus.map((sku) => sku.sku), status, skus.map((sku) => sku.price), productId],
      );
      return Number(rows[0].n) === skus.length;
    },
    20_000,
    `orders to know ${skus.map((sku) => sku.sku).join(', ')}`,
  );
  return { productId, merchantId };
}

export async function delistProduct(run: TestRun, orders: RunningService, productId: string, merchantId: string) {
  await publishRaw(run.topicPrefix + Topics.catalogProduct, [
    eventMessage(ProductDelisted, {
      productId,
      merchantId,
      status: 'DELISTED',
      cause: 'MERCHANT_REQUEST',
      actor: 'merchant',
      delistedAt: new Date().toISOString(),
    }),
  ]);
  await eventually(
    async () =>
      (
        await orders.dataSource.query(`SELECT 1 FROM sellable_products WHERE product_id = $1 AND status = 'DELISTED'`, [
          productId,
        ])
      ).length === 1,
    20_000,
    'delisted',
  );
}

export async function suspendMerchant(run: TestRun, orders: RunningService, merchantId: string) {
  await publishRaw(run.topicPrefix + Topics.merchantsMerchant, [
    eventMessage(MerchantSuspended, {
      merchantId,
      status: 'SUSPENDED',
      legalName: 'Test GmbH',
      cause: 'OPS_DECISION',
      reason: 'test',
      actor: 'ops-test',
      suspendedAt: new Date().toISOString(),
    }),
  ]);
  await eventually(
    async () =>
      (
        await orders.dataSource.query(`SELECT 1 FROM merchant_standing WHERE merchant_id = $1 AND suspended`, [
          merchantId,
        ])
      ).length === 1,
    20_000,
    'suspended',
  );
}

/** A checkout body: SKUs and quantities, an address and a delivery option; never a price. */
export function checkout(
  customerId: string,
  lines: { sku: string; quantity: number }[],
  extra: Record<string, unknown> = {},
) {
  return {
    customerId,
    currency: 'EUR',
    lines,
    shippingAddress: HAMBURG,
    deliveryOption: 'STANDARD',
    payment: { method: 'CARD', cardToken: SANDBOX_CARDS.SUCCEEDS },
    ...extra,
  };
}

/**
 * For an orders instance started with its consumer off (EVENT_CONSUMER_ENABLED=false): writes the read
 * model rows the catalog events would have written. Everywhere else, use listSkus.
 */
export async function seedSellable(orders: RunningService, skus: CatalogSku[]): Promise<string> {
  const productId = randomUUID();
  const merchantId = skus[0].merchantId ?? randomUUID();
  await orders.dataSource.query(
    `INSERT INTO sellable_products (product_id, merchant_id, status) VALUES ($1, $2, 'LISTED')`,
    [productId, merchantId],
  );
  for (const sku of skus) {
    await orders.dataSource.query(
      `INSERT INTO sellable_skus (sku, product_id, merchant_id, price, currency) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (sku) DO UPDATE SET product_id = $2, merchant_id = $3, price = $4, currency = $5`,
      [sku.sku, productId, merchantId, sku.price, sku.currency ?? 'EUR'],
    );
  }
  return merchantId;
}

/** An order as other services know it: the fields of `orders.order.placed`. */
export type KnownOrder = Pick<OrderPlacedV1, 'orderId' | 'customerId' | 'currency' | 'lines'> &
  Partial<
    Pick<
      OrderPlacedV1,
      'shippingFee' | 'shippingAddress' | 'deliveryOption' | 'quoteId' | 'couponCodes' | 'pointsToRedeem'
    >
  >;

/**
 * Gives orders an order that is already DELIVERED, for tests of what other services ask of a delivered
 * order (a refund request) without walking the saga and logistics. Written as orders writes a placed order,
 * then moved on through the entity's own transitions, so its rows are exactly what the service would hold.
 * The supported way for tests outside orders to do it: they need not know orders' entities.
 */
export async function givenDeliveredOrder(orders: RunningService, known: KnownOrder, at = new Date()): Promise<void> {
  const order = Order.place({
    id: known.orderId,
    customerId: known.customerId,
    currency: known.currency,
    lines: known.lines,
    shippingFee: known.shippingFee,
    shippingAddress: known.shippingAddress,
    deliveryOption: known.deliveryOption,
    quoteId: known.quoteId,
    couponCodes: known.couponCodes,
    pointsToRedeem: known.pointsToRedeem,
    payment: { method: 'CARD', cardToken: SANDBOX_CARDS.SUCCEEDS },
    at,
  });
  await orders.dataSource.transaction(async (manager) => {
    await manager.insert(Order, order);
    await manager.insert(OrderLine, order.lines);
    await manager.insert(OrderStatusChange, order.timeline);
    order.confirm(at, 'given: stock reserved, card authorised');
    order.ship(at, 'given: dispatched');
    order.deliver(at, 14, 'given: delivered');
    await orders.app.get(OrderTransitions).save(manager, [order]);
  });
}

/** Places an order as the customer itself, with a fresh Idempotency-Key; answers the created order. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from the API under test
export async function placeOrder(orders: RunningService, customerId: string, body: object): Promise<any> {
  const placed = await request(orders.url)
    .post('/orders')
    .set('Authorization', `Bearer ${tokenFor('customer', customerId)}`)
    .set('Idempotency-Key', randomUUID())
    .send(body)
    .expect(201);
  return placed.body;
}

/** The customer asks to cancel its order; the caller states the answer it expects (`.expect(200)`). */
export function cancelOrder(orders: RunningService, id: string, customerId: string) {
  return request(orders.url)
    .post(`/orders/${id}/cancel`)
    .set('Authorization', `Bearer ${tokenFor('customer', customerId)}`)
    .send({});
}

/** The order with its timeline, as ops see it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from the API under test
export async function orderOf(orders: RunningService, id: string): Promise<any> {
  return (
    await request(orders.url)
      .get(`/orders/${id}`)
      .set('Authorization', `Bearer ${tokenFor('ops')}`)
      .expect(200)
  ).body;
}

/** Waits until the order is in `status`; answers the order as it was then. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from the API under test
export function orderStatusIs(orders: RunningService, id: string, status: string, timeoutMs = 45_000): Promise<any> {
  return eventually(
    async () => {
      const order = await orderOf(orders, id);
      return order.status === status ? order : undefined;
    },
    timeoutMs,
    `order ${id} to be ${status}`,
  );
}

/** The order's payments ledger, oldest first. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from the API under test
export async function paymentsOf(orders: RunningService, id: string): Promise<any[]> {
  return (
    await request(orders.url)
      .get(`/orders/${id}/payments`)
      .set('Authorization', `Bearer ${tokenFor('ops')}`)
      .expect(200)
  ).body.items;
}

/** Waits until orders sells the SKU (listed, in its read model of catalog), however it was listed. */
export async function ordersSell(orders: RunningService, sku: string): Promise<void> {
  await eventually(
    async () =>
      (
        await orders.dataSource.query(
          `SELECT 1 FROM sellable_skus s JOIN sellable_products p USING (product_id) WHERE s.sku = $1 AND p.status = 'LISTED'`,
          [sku],
        )
      ).length === 1,
    20_000,
    'orders to sell the SKU',
  );
}
