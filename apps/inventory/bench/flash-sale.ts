/**
 * Flash-sale benchmark (not a test): thousands of concurrent one-unit reservations against a few hundred
 * units of one SKU, on the real broker and database. Prints reservations per second, p50/p99 latency
 * and the oversell count, which must be 0.
 *   npm run bench:flash-sale                        (ORDERS=3000 UNITS=300 by default)
 *   ORDERS=5000 UNITS=500 npm run bench:flash-sale
 *
 * Two measurements, each on its own SKU:
 *   kafka   - the real path: every OrderPlaced published in one burst to orders.order.v1; latency is from
 *             the burst until the inventory answer (reserved / reservation-failed) is read back from
 *             inventory.stock.v1, so it includes the consumer, the transaction, the outbox relay and Kafka.
 *   direct  - the database under contention: every reservation started at once as its own transaction
 *             (as many in flight as the connection pool allows); latency is per transaction, queueing included.
 */
import { OrderPlaced, OrderPlacedV1, StockReservationFailed, StockReserved, Topics } from '@emporium/contracts';
import { createKafka } from '@emporium/messaging';
import {
  benchRuntime,
  createRunTopics,
  deleteRunTopics,
  eventMessage,
  publishRaw,
  startService,
  testInfrastructure,
  TestRun,
  tokenFor,
} from '@emporium/testing';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { ReservationsService } from '../src/reservations/reservations.service';
import { inventoryRecipe } from '../test/inventory.recipe';

const ORDERS = Number(process.env.ORDERS ?? 3000);
const UNITS = Number(process.env.UNITS ?? 300);

interface Result {
  mode: string;
  orders: number;
  units: number;
  reserved: number;
  failed: number;
  seconds: number;
  /** From the start until the last unit was reserved. */
  soldOutSeconds: number;
  latenciesMs: number[];
  oversold: number;
}

async function main() {
  execFileSync('bash', [path.resolve(__dirname, '../../../infra/scripts/infra.sh'), 'up'], { stdio: 'inherit' });
  const run = new TestRun();
  await createRunTopics(run);
  const inventory = await startService(run, inventoryRecipe, { LOG_LEVEL: 'error' });
  const ops = `Bearer ${tokenFor('ops')}`;
  const http = async (method: string, url: string, body: unknown) => {
    const response = await fetch(`${inventory.url}${url}`, {
      method,
      headers: { authorization: ops, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  };
  // A few hundred units spread over two warehouses, as in a real sale.
  await http('POST', '/warehouses', { id: 'SECOND', name: 'Second warehouse', region: 'DEFAULT', priority: 200 });
  const stockUp = async (sku: string) => {
    await http('POST', '/stock/receipts', { sku, warehouseId: 'MAIN', quantity: Math.ceil(UNITS / 2) });
    await http('POST', '/stock/receipts', { sku, warehouseId: 'SECOND', quantity: Math.floor(UNITS / 2) });
  };

  const oversold = async (sku: string): Promise<number> => {
    const [levels] = await inventory.dataSource.query(
      `SELECT COALESCE(SUM(reserved), 0)::int AS reserved, COUNT(*) FILTER (WHERE on_hand < 0 OR reserved > on_hand)::int AS broken FROM stock_levels WHERE sku = $1`,
      [sku],
    );
    const [held] = await inventory.dataSource.query(
      `SELECT COALESCE(SUM((line->>'quantity')::int), 0)::int AS units FROM reservations, jsonb_array_elements(lines) AS line WHERE line->>'sku' = $1`,
      [sku],
    );
    const [mismatch] = await inventory.dataSource.query(
      `SELECT COUNT(*)::int AS n FROM stock_levels l
         LEFT JOIN (SELECT warehouse_id, SUM(on_hand_delta) AS on_hand, SUM(reserved_delta) AS reserved FROM stock_movements WHERE sku = $1 GROUP BY warehouse_id) m USING (warehouse_id)
        WHERE l.sku = $1 AND (l.on_hand <> COALESCE(m.on_hand, 0) OR l.reserved <> COALESCE(m.reserved, 0))`,
      [sku],
    );
    return Math.max(0, levels.reserved - UNITS) + Math.max(0, held.units - UNITS) + levels.broken + mismatch.n;
  };

  const orderFor = (sku: string): OrderPlacedV1 => ({
    orderId: randomUUID(),
    customerId: randomUUID(),
    currency: 'EUR',
    lines: [{ sku, quantity: 1, unitPrice: 990, lineTotal: 990 }],
    totalAmount: 990,
    placedAt: new Date().toISOString(),
  });

  const results: Result[] = [];
  try {
    // --- through Kafka ---
    const kafkaSku = 'FLASH-KAFKA';
    await stockUp(kafkaSku);
    const orders = Array.from({ length: ORDERS }, () => orderFor(kafkaSku));
    const pending = new Set(orders.map((order) => order.orderId));
    const answeredAt = new Map<string, { at: number; reserved: boolean }>();
    const reader = createKafka('flash-sale-bench', testInfrastructure.brokers).consumer({
      groupId: `flash-sale-${randomUUID()}`,
    });
    await reader.connect();
    await reader.subscribe({ topics: [run.topicPrefix + Topics.inventoryStock], fromBeginning: true });
    let allAnswered!: () => void;
    const done = new Promise<void>((resolve) => (allAnswered = resolve));
    await reader.run({
      eachMessage: async ({ message }) => {
        const type = message.headers?.ce_type?.toString();
        if (type !== StockReserved.type && type !== StockReservationFailed.type) return;
        const orderId = JSON.parse(message.value!.toString()).orderId as string;
        if (!pending.delete(orderId)) return;
        answeredAt.set(orderId, { at: performance.now(), reserved: type === StockReserved.type });
        if (pending.size === 0) allAnswered();
      },
    });
    const messages = orders.map((order) => eventMessage(OrderPlaced, order));
    const start = performance.now();
    await Promise.all(chunks(messages, 500).map((chunk) => publishRaw(run.topicPrefix + Topics.ordersOrder, chunk)));
    await withTimeout(done, 300_000, () => `${pending.size} orders unanswered`);
    const answers = [...answeredAt.values()];
    await reader.disconnect();
    results.push({
      mode: 'kafka (end to end)',
      orders: ORDERS,
      units: UNITS,
      reserved: answers.filter((a) => a.reserved).length,
      failed: answers.filter((a) => !a.reserved).length,
      seconds: (Math.max(...answers.map((a) => a.at)) - start) / 1000,
      soldOutSeconds: (Math.max(...answers.filter((a) => a.reserved).map((a) => a.at)) - start) / 1000,
      latenciesMs: answers.map((a) => a.at - start),
      oversold: await oversold(kafkaSku),
    });

    // --- straight at the database ---
    const directSku = 'FLASH-DIRECT';
    await stockUp(directSku);
    const reservations = inventory.app.get(ReservationsService);
    const directStart = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: ORDERS }, async () => {
        const data = orderFor(directSku);
        const metadata = {
          id: randomUUID(),
          type: OrderPlaced.type,
          source: '/emporium/bench',
          time: new Date().toISOString(),
          subject: data.orderId,
        };
        const began = performance.now();
        await inventory.dataSource.transaction((manager) =>
          reservations.reserveForOrders([{ metadata, data }], manager),
        );
        return { orderId: data.orderId, ms: performance.now() - began, doneAt: performance.now() };
      }),
    );
    const directSeconds = (performance.now() - directStart) / 1000;
    const reservedIds: { order_id: string }[] = await inventory.dataSource.query(
      `SELECT order_id FROM reservations WHERE order_id = ANY($1::uuid[])`,
      [outcomes.map((o) => o.orderId)],
    );
    const directReserved = reservedIds.length;
    const reservedSet = new Set(reservedIds.map((r) => r.order_id));
    results.push({
      mode: 'direct (concurrent transactions)',
      orders: ORDERS,
      units: UNITS,
      reserved: directReserved,
      failed: ORDERS - directReserved,
      seconds: directSeconds,
      soldOutSeconds:
        (Math.max(...outcomes.filter((o) => reservedSet.has(o.orderId)).map((o) => o.doneAt)) - directStart) / 1000,
      latenciesMs: outcomes.map((o) => o.ms),
      oversold: await oversold(directSku),
    });
  } finally {
    await inventory.close();
    await run.dropDatabases();
    await deleteRunTopics(run);
  }

  console.log(`\nInventory flash sale: ${ORDERS} one-unit orders against ${UNITS} units of one SKU in two warehouses`);
  console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${benchRuntime()}\n`);
  for (const r of results) {
    console.log(`${r.mode}`);
    console.log(
      `  answered          ${r.reserved + r.failed} (${r.reserved} reserved, ${r.failed} failed OUT_OF_STOCK)`,
    );
    console.log(
      `  throughput        ${(r.orders / r.seconds).toFixed(0)} reservations/s (${r.seconds.toFixed(2)} s for all)`,
    );
    console.log(`  sold out after    ${r.soldOutSeconds.toFixed(2)} s`);
    console.log(
      `  latency           p50 ${percentile(r.latenciesMs, 50).toFixed(1)} ms, p99 ${percentile(r.latenciesMs, 99).toFixed(1)} ms`,
    );
    console.log(`  oversold units    ${r.oversold}\n`);
  }
  const bad = results.filter((r) => r.oversold !== 0 || r.reserved !== Math.min(r.units, r.orders));
  if (bad.length > 0) {
    console.error(`FAILED: ${bad.map((r) => r.mode).join(', ')} oversold or left sellable units unsold`);
    process.exit(1);
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, why: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${why()}`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
