import { OrderPlaced, StockReservationFailed, StockReserved, Topics } from '@emporium/contracts';
import {
  eventMessage,
  eventually,
  integrationSuite,
  prepareDatabase,
  publishRaw,
  testEnv,
  tokenFor,
} from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { orderPlaced } from '../../inventory/test/inventory.fixtures';
import { inventoryRecipe } from '../../inventory/test/inventory.recipe';
import { freePort, SpawnedService } from './spawned-service';

/**
 * A consumer applies a partition's messages in chunks, one transaction each. This kills inventory with
 * SIGKILL while it works through a backlog of orders, in the middle of whatever chunk it holds, and
 * checks that after a restart every order got exactly one answer and the stock was held exactly once.
 */
const setup = { read: [Topics.inventoryStock] };

integrationSuite(
  'a consumer killed in the middle of a chunk (real process, PostgreSQL and Kafka)',
  setup,
  ({ reader, run, topic }) => {
    const ORDERS = 600;
    const UNITS = 200;
    let inventory: SpawnedService;
    let databaseUrl: string;

    beforeAll(async () => {
      databaseUrl = await prepareDatabase(run, inventoryRecipe);
      // Small chunks and a slow start, so the kill lands while many chunks are still to come.
      inventory = new SpawnedService(
        'inventory',
        testEnv(run, 'inventory', { PORT: String(await freePort()), EVENT_CHUNK_SIZE: '20' }),
      );
      await inventory.start();
    });

    afterAll(async () => {
      await inventory?.kill();
    });

    const query = async (sql: string, params: unknown[] = []) => {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows;
      } finally {
        await client.end();
      }
    };

    it('loses and doubles nothing: one answer per order, exactly the stock there was, ledger equal to levels', async () => {
      await request(inventory.url)
        .post('/stock/receipts')
        .set('Authorization', `Bearer ${tokenFor('ops')}`)
        .set('Idempotency-Key', randomUUID())
        .send({ sku: 'CRASH-CHUNK', warehouseId: 'MAIN', quantity: UNITS })
        .expect(201);
      const orders = Array.from({ length: ORDERS }, () => orderPlaced([{ sku: 'CRASH-CHUNK', quantity: 1 }]));
      for (let i = 0; i < ORDERS; i += 100)
        await publishRaw(
          topic(Topics.ordersOrder),
          orders.slice(i, i + 100).map((order) => eventMessage(OrderPlaced, order)),
        );

      // Kill it once it has answered some, but not all.
      await eventually(
        async () => (await query(`SELECT count(*)::int AS n FROM reservations`))[0].n >= 40,
        60_000,
        'some orders answered',
      );
      await inventory.kill();
      const answeredAtKill = (await query(`SELECT count(*)::int AS n FROM messaging_inbox`))[0].n;
      expect(answeredAtKill).toBeLessThan(ORDERS);

      await inventory.start();
      const ids = new Set(orders.map((order) => order.orderId));
      const answers = () =>
        reader.messages.filter(
          (m) =>
            ids.has(m.json?.orderId) && [StockReserved.type, StockReservationFailed.type].includes(m.headers.ce_type),
        );
      await eventually(
        () => new Set(answers().map((m) => m.json.orderId)).size === ORDERS || undefined,
        120_000,
        'every order answered',
      );

      // One answer per order: a resend after the crash repeats the same event (same ce_id), never a new one.
      const perOrder = new Map<string, Set<string>>();
      for (const message of answers())
        perOrder.set(
          message.json.orderId,
          (perOrder.get(message.json.orderId) ?? new Set()).add(message.headers.ce_id),
        );
      expect([...perOrder.values()].filter((eventIds) => eventIds.size !== 1)).toEqual([]);
      const reservedOrders = new Set(
        answers()
          .filter((m) => m.headers.ce_type === StockReserved.type)
          .map((m) => m.json.orderId),
      );
      expect(reservedOrders.size).toBe(UNITS);

      const [level] = await query(`SELECT on_hand, reserved FROM stock_levels WHERE sku = 'CRASH-CHUNK'`);
      expect(level).toEqual({ on_hand: UNITS, reserved: UNITS });
      const [{ holds }] = await query(
        `SELECT count(*)::int AS holds FROM reservations WHERE jsonb_array_length(lines) > 0`,
      );
      expect(holds).toBe(UNITS);
      const [{ inbox }] = await query(
        `SELECT count(DISTINCT event_id)::int AS inbox FROM messaging_inbox WHERE event_type = $1`,
        [OrderPlaced.type],
      );
      expect(inbox).toBe(ORDERS);
      const [ledger] = await query(
        `SELECT SUM(on_hand_delta)::int AS on_hand, SUM(reserved_delta)::int AS reserved FROM stock_movements WHERE sku = 'CRASH-CHUNK'`,
      );
      expect(ledger).toEqual({ on_hand: UNITS, reserved: UNITS });
    });
  },
);
