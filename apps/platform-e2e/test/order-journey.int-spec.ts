import { startTelemetry } from '@emporium/platform/telemetry';
import { OrderCancelled, OrderConfirmed, OrderPlaced, StockReserved, Topics } from '@emporium/contracts';
import { eventually, integrationSuite, RunningService, startService, testEnv, tokenFor } from '@emporium/testing';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { inventoryRecipe } from '../../inventory/test/inventory.recipe';
import { checkout, listSkus } from '../../orders/test/orders.fixtures';
import { ordersRecipe } from '../../orders/test/orders.recipe';
import { freePort, SpawnedService } from './spawned-service';

// As in main.ts: a real tracer provider and W3C propagator, so trace context crosses Kafka hops.
startTelemetry('platform-e2e');

const setup = {
  services: { inventory: inventoryRecipe },
  read: [Topics.ordersOrder, Topics.inventoryStock],
};

integrationSuite(
  'the order journey across orders and inventory (real PostgreSQL and Kafka)',
  setup,
  ({ inventory, reader, run }) => {
    // orders is this file's own: two cases stop it for a spawned orders process and start a new one after.
    let orders: RunningService;
    const ops = `Bearer ${tokenFor('ops')}`;

    beforeAll(async () => {
      orders = await startService(run, ordersRecipe);
      await listSkus(
        run,
        orders,
        ['FLASH-1', 'CRASH-1', 'TRACE-1'].map((sku) => ({ sku, price: 990 })),
      );
    });

    afterAll(async () => {
      await orders?.close();
    });

    const receive = (sku: string, quantity: number) =>
      request(inventory.url)
        .post('/stock/receipts')
        .set('Authorization', ops)
        .set('Idempotency-Key', randomUUID())
        .send({ sku, warehouseId: 'MAIN', quantity })
        .expect(201);
    const placeOrder = (baseUrl: string, sku: string, quantity = 1, headers: Record<string, string> = {}) => {
      const customerId = randomUUID();
      return request(baseUrl)
        .post('/orders')
        .set('Authorization', `Bearer ${tokenFor('customer', customerId)}`)
        .set('Idempotency-Key', randomUUID())
        .set(headers)
        .send(checkout(customerId, [{ sku, quantity }]));
    };
    const orderStatus = async (baseUrl: string, id: string) =>
      (await request(baseUrl).get(`/orders/${id}`).set('Authorization', ops).expect(200)).body;

    it('sells exactly the stock there is: 10 units, 50 concurrent orders', async () => {
      await receive('FLASH-1', 10);
      const responses = await Promise.all(Array.from({ length: 50 }, () => placeOrder(orders.url, 'FLASH-1')));
      expect(responses.every((response) => response.status === 201)).toBe(true);
      const ids = responses.map((response) => response.body.id as string);

      const finals = await eventually(
        async () => {
          const all = await Promise.all(ids.map((id) => orderStatus(orders.url, id)));
          return all.every((order) => order.status !== 'PENDING') ? all : undefined;
        },
        60_000,
        'every order to be confirmed or cancelled',
      );
      const confirmed = finals.filter((order) => order.status === 'CONFIRMED');
      const cancelled = finals.filter((order) => order.status === 'CANCELLED');
      expect(confirmed).toHaveLength(10);
      expect(cancelled).toHaveLength(40);
      for (const order of cancelled)
        expect(order.timeline.at(-1)).toMatchObject({ status: 'CANCELLED', reason: 'OUT_OF_STOCK' });

      const stock = (await request(inventory.url).get('/stock/FLASH-1').set('Authorization', ops).expect(200)).body;
      expect(stock).toMatchObject({ onHand: 10, reserved: 10, available: 0 });
      // Never negative at any point: replay the ledger in order and check every intermediate level.
      const ledger: { on_hand_delta: number; reserved_delta: number }[] = await inventory.dataSource.query(
        `SELECT on_hand_delta, reserved_delta FROM stock_movements WHERE sku = 'FLASH-1' ORDER BY id`,
      );
      let onHand = 0;
      let reserved = 0;
      for (const movement of ledger) {
        onHand += movement.on_hand_delta;
        reserved += movement.reserved_delta;
        expect(onHand - reserved).toBeGreaterThanOrEqual(0);
      }
      expect({ onHand, reserved }).toEqual({ onHand: 10, reserved: 10 });

      const confirmedEvents = await reader.waitFor(
        (m) => m.headers.ce_type === OrderConfirmed.type && ids.includes(m.json.orderId),
        10,
      );
      expect(new Set(confirmedEvents.map((m) => m.json.orderId)).size).toBe(10);
      await reader.waitFor((m) => m.headers.ce_type === OrderCancelled.type && ids.includes(m.json.orderId), 40);
    });

    it('puts CloudEvents headers on every message, and every value matches its published JSON Schema', async () => {
      const ajv = new Ajv({ allErrors: true, strict: false });
      addFormats(ajv);
      const schemaDir = path.resolve(__dirname, '../../../docs/events/schemas');
      const messages = reader.messages.filter((m) => m.topic.startsWith(run.topicPrefix));
      expect(messages.length).toBeGreaterThan(100);
      const types = new Set<string>();
      for (const message of messages) {
        const h = message.headers;
        expect(h).toMatchObject({ ce_specversion: '1.0', 'content-type': 'application/json' });
        expect(h.ce_id).toMatch(/^[0-9a-f-]{36}$/);
        expect(h.ce_source).toMatch(/^\/emporium\/(orders|inventory)$/);
        expect(new Date(h.ce_time).toISOString()).toBe(h.ce_time);
        expect(h.ce_subject).toBe(message.key);
        expect(h.ce_correlationid).toBeDefined();
        const validate =
          ajv.getSchema(h.ce_type) ??
          ajv.compile({
            ...JSON.parse(fs.readFileSync(path.join(schemaDir, `${h.ce_type}.json`), 'utf8')),
            $id: h.ce_type,
          });
        if (!validate(message.json))
          throw new Error(
            `${h.ce_type} ${message.value} does not match its schema: ${ajv.errorsText(validate.errors)}`,
          );
        types.add(h.ce_type);
      }
      expect([...types].sort()).toEqual(
        expect.arrayContaining([
          'inventory.stock.received.v1',
          'inventory.stock.reserved.v1',
          'inventory.stock.reservation-failed.v1',
          'orders.order.placed.v1',
          'orders.order.confirmed.v1',
          'orders.order.cancelled.v1',
        ]),
      );
    });

    it('delivers an order committed just before a crash exactly once, after a restart', async () => {
      // A second orders process on the same database and topics, as a real process we can SIGKILL.
      const env = testEnv(run, 'orders', { PORT: String(await freePort()) });
      const crashing = new SpawnedService('orders', env);
      await orders.close(); // one orders deployment at a time, so the outcome is this process's alone
      try {
        await receive('CRASH-1', 3);
        // The relay is held back, so the order's transaction commits and the process dies before any send.
        await crashing.start({ OUTBOX_RELAY_ENABLED: 'false' });
        const placed = await placeOrder(crashing.url, 'CRASH-1', 2).expect(201);
        await crashing.kill();
        const [unsent] = await runQuery(
          env.DATABASE_URL,
          `SELECT count(*)::int AS n FROM messaging_outbox WHERE payload->>'orderId' = $1`,
          [placed.body.id],
        );
        expect(unsent.n).toBe(1);

        await crashing.start();
        const confirmed = await eventually(
          async () => (await orderStatus(crashing.url, placed.body.id)).status === 'CONFIRMED' || undefined,
          60_000,
          'the order to be confirmed',
        );
        expect(confirmed).toBe(true);
        const placedEvents = await reader.waitFor(
          (m) => m.headers.ce_type === OrderPlaced.type && m.json.orderId === placed.body.id,
        );
        expect(placedEvents).toHaveLength(1);
        expect(
          reader.messages.filter((m) => m.headers.ce_type === StockReserved.type && m.json.orderId === placed.body.id),
        ).toHaveLength(1);
        const reservations = await inventory.dataSource.query(
          `SELECT count(*)::int AS n FROM reservations WHERE order_id = $1`,
          [placed.body.id],
        );
        expect(reservations[0].n).toBe(1);
        expect((await request(inventory.url).get('/stock/CRASH-1').set('Authorization', ops)).body).toMatchObject({
          reserved: 2,
          available: 1,
        });
      } finally {
        await crashing.stop();
        orders = await startService(run, ordersRecipe);
      }
    });

    it('carries one trace from the HTTP request through orders, Kafka and inventory, and shuts down cleanly on SIGTERM', async () => {
      const env = testEnv(run, 'orders', { PORT: String(await freePort()) });
      const traced = new SpawnedService('orders', env);
      await orders.close();
      try {
        await receive('TRACE-1', 1);
        await traced.start();
        const traceId = randomUUID().replace(/-/g, '');
        const placed = await placeOrder(traced.url, 'TRACE-1', 1, {
          traceparent: `00-${traceId}-${'a'.repeat(16)}-01`,
        }).expect(201);
        const [placedEvent] = await reader.waitFor(
          (m) => m.headers.ce_type === OrderPlaced.type && m.json.orderId === placed.body.id,
        );
        expect(placedEvent.headers.traceparent?.split('-')[1]).toBe(traceId);
        const [reservedEvent] = await reader.waitFor(
          (m) => m.headers.ce_type === StockReserved.type && m.json.orderId === placed.body.id,
        );
        expect(reservedEvent.headers.traceparent?.split('-')[1]).toBe(traceId);
        expect(reservedEvent.headers.ce_causationid).toBe(placedEvent.headers.ce_id);
        expect(reservedEvent.headers.ce_correlationid).toBe(placedEvent.headers.ce_correlationid);

        // SIGTERM drains the consumer and the relay, then Nest re-raises the signal to end the process:
        // it ends by SIGTERM (or exit code 0), never needing a SIGKILL, well inside a 30 s grace period.
        const stopped = await traced.stop();
        expect(stopped!.code === 0 || stopped!.signal === 'SIGTERM').toBe(true);
        expect(stopped!.ms).toBeLessThan(15_000);
        expect(traced.output.join('')).not.toMatch(/"level":"(error|fatal)"/);
      } finally {
        await traced.stop();
        orders = await startService(run, ordersRecipe);
      }
    });
  },
);

async function runQuery(databaseUrl: string, sql: string, params: unknown[]) {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}
