import {
  OrderCancelled,
  OrderConfirmed,
  StockReservationExpired,
  StockReservationFailed,
  StockReserved,
  Topics,
} from '@emporium/contracts';
import { eventMessage, eventually, integrationSuite, publishRaw, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { checkout, listSkus } from './orders.fixtures';
import { ordersRecipe } from './orders.recipe';

// A short deadline so the sweep can be seen; inventory is absent, so only our events answer.
const setup = {
  services: {
    orders: { recipe: ordersRecipe, env: { ORDER_CONFIRMATION_TIMEOUT_SECONDS: '15', ORDER_DEADLINE_SWEEP_MS: '200' } },
  },
  read: [Topics.ordersOrder],
};

integrationSuite('orders reacting to inventory (real PostgreSQL and Kafka)', setup, ({ orders, reader, run }) => {
  const ops = `Bearer ${tokenFor('ops')}`;
  const stockTopic = run.topicPrefix + Topics.inventoryStock;

  beforeAll(async () => {
    await listSkus(run, orders, [{ sku: 'SAGA-1', price: 300 }]);
  });

  const place = async () => {
    const customerId = randomUUID();
    const response = await request(orders.url)
      .post('/orders')
      .set('Authorization', ops)
      .set('Idempotency-Key', randomUUID())
      .send(checkout(customerId, [{ sku: 'SAGA-1', quantity: 2 }]))
      .expect(201);
    return response.body.id as string;
  };
  const orderOf = async (id: string) =>
    (await request(orders.url).get(`/orders/${id}`).set('Authorization', ops).expect(200)).body;
  const settled = (id: string) =>
    eventually(
      async () => ((await orderOf(id)).status !== 'PENDING' ? orderOf(id) : undefined),
      45_000,
      `order ${id} to settle`,
    );
  const reserved = (orderId: string) =>
    eventMessage(StockReserved, {
      orderId,
      reservationId: randomUUID(),
      lines: [{ sku: 'SAGA-1', warehouseId: 'MAIN', quantity: 2 }],
      reservedAt: new Date().toISOString(),
    });

  it('confirms on inventory.stock.reserved, once, even when the answer is delivered twice', async () => {
    const id = await place();
    const answer = reserved(id);
    await publishRaw(stockTopic, [answer, answer]);
    const order = await settled(id);
    expect(order.timeline.map((change: { status: string }) => change.status)).toEqual(['PENDING', 'CONFIRMED']);
    const [confirmed] = await reader.waitFor((m) => m.headers.ce_type === OrderConfirmed.type && m.json.orderId === id);
    expect(confirmed.headers.ce_causationid).toBe(answer.headers.ce_id);
    expect(
      reader.messages.filter((m) => m.headers.ce_type === OrderConfirmed.type && m.json.orderId === id),
    ).toHaveLength(1);
  });

  it('cancels with the reason and the failing lines on inventory.stock.reservation-failed', async () => {
    const id = await place();
    await publishRaw(stockTopic, [
      eventMessage(StockReservationFailed, {
        orderId: id,
        reason: 'OUT_OF_STOCK',
        unavailable: [{ sku: 'SAGA-1', reason: 'OUT_OF_STOCK', requested: 2, available: 1 }],
        failedAt: new Date().toISOString(),
      }),
    ]);
    const order = await settled(id);
    expect(order.timeline.at(-1)).toMatchObject({
      status: 'CANCELLED',
      reason: 'OUT_OF_STOCK',
      detail: 'SAGA-1: OUT_OF_STOCK, requested 2, available 1',
    });
    await reader.waitFor(
      (m) => m.headers.ce_type === OrderCancelled.type && m.json.orderId === id && m.json.reason === 'OUT_OF_STOCK',
    );
  });

  it('cancels a pending order whose reservation expired', async () => {
    const id = await place();
    await publishRaw(stockTopic, [
      eventMessage(StockReservationExpired, {
        orderId: id,
        reservationId: randomUUID(),
        lines: [{ sku: 'SAGA-1', warehouseId: 'MAIN', quantity: 2 }],
        reservedAt: new Date().toISOString(),
        expiredAt: new Date().toISOString(),
      }),
    ]);
    const order = await settled(id);
    expect(order.timeline.at(-1)).toMatchObject({ status: 'CANCELLED', reason: 'CONFIRMATION_DEADLINE_PASSED' });
  });

  it('ignores a late answer for an order that already ended', async () => {
    const id = await place();
    await publishRaw(stockTopic, [
      eventMessage(StockReservationFailed, {
        orderId: id,
        reason: 'UNKNOWN_SKU',
        unavailable: [{ sku: 'SAGA-1', reason: 'UNKNOWN_SKU', requested: 2, available: 0 }],
        failedAt: new Date().toISOString(),
      }),
    ]);
    await settled(id);
    await publishRaw(stockTopic, [reserved(id)]);
    // A later event on the same key proves the late answer was consumed before we look.
    const marker = await place();
    await publishRaw(stockTopic, [{ ...reserved(marker), key: id }]);
    await settled(marker);
    expect((await orderOf(id)).status).toBe('CANCELLED');
  });

  it('cancels an order nobody answers when the deadline passes', async () => {
    const id = await place();
    const order = await settled(id);
    expect(order.timeline.at(-1)).toMatchObject({ status: 'CANCELLED', reason: 'CONFIRMATION_DEADLINE_PASSED' });
    await reader.waitFor((m) => m.headers.ce_type === OrderCancelled.type && m.json.orderId === id);
  });

  it('cancels with its reason when many lines failed: the detail is shortened to fit the contract', async () => {
    const id = await place();
    const unavailable = Array.from({ length: 12 }, (_, i) => ({
      sku: `VERY-LONG-SKU-CODE-FOR-LINE-${String(i).padStart(2, '0')}-XXXXXXXX`,
      reason: 'OUT_OF_STOCK' as const,
      requested: 5,
      available: 0,
    }));
    await publishRaw(stockTopic, [
      eventMessage(StockReservationFailed, {
        orderId: id,
        reason: 'OUT_OF_STOCK',
        unavailable,
        failedAt: new Date().toISOString(),
      }),
    ]);
    // Before: the 1,000-character detail broke the contract, the answer was dead-lettered, and the order
    // was cancelled minutes later by the deadline with the wrong reason.
    const order = await eventually(
      async () => ((await orderOf(id)).status === 'CANCELLED' ? orderOf(id) : undefined),
      10_000,
      'cancelled',
    );
    expect(order.timeline.at(-1).reason).toBe('OUT_OF_STOCK');
    const [cancelled] = await reader.waitFor((m) => m.headers.ce_type === OrderCancelled.type && m.json.orderId === id);
    expect(cancelled.json.detail.length).toBeLessThanOrEqual(500);
    expect(cancelled.json.detail).toMatch(/^VERY-LONG-SKU-CODE-FOR-LINE-00/);
  });

  it('cancels a confirmed order when inventory reports its stock gone (the confirmation crossed the expiry)', async () => {
    const id = await place();
    await publishRaw(stockTopic, [reserved(id)]);
    await settled(id);
    await publishRaw(stockTopic, [
      eventMessage(StockReservationFailed, {
        orderId: id,
        reason: 'OUT_OF_STOCK',
        unavailable: [{ sku: 'SAGA-1', reason: 'OUT_OF_STOCK', requested: 2, available: 0 }],
        failedAt: new Date().toISOString(),
      }),
    ]);
    const order = await eventually(
      async () => ((await orderOf(id)).status === 'CANCELLED' ? orderOf(id) : undefined),
      10_000,
      'cancelled',
    );
    expect(order.timeline.map((change: { status: string }) => change.status)).toEqual([
      'PENDING',
      'CONFIRMED',
      'CANCELLED',
    ]);
    await reader.waitFor(
      (m) => m.headers.ce_type === OrderCancelled.type && m.json.orderId === id && m.json.reason === 'OUT_OF_STOCK',
    );
  });
});
