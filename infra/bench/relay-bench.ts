/**
 * Messaging throughput on this machine (a benchmark, not a test): `npm run bench:relay`.
 *   1. outbox → Kafka: N events committed to the outbox, then one relay sends them; events/s.
 *   2. consume and apply: N orders.order.placed events on the topic, the real inventory service
 *      reserves stock for each (inbox, row locks, ledger, outbox answer in one transaction); events/s.
 *   3. Kafka's own ceiling: kafka-tools' ProducerPerformance with acks=all and idempotence.
 * Sizes: BENCH_EVENTS (default 20000). Runs in its own database and topic prefix; cleans up after.
 */
import { OrderPlaced, Topics } from '@emporium/contracts';
import { createKafka, KafkaConnection, MessagingOptions, messagingMigrations, OutboxRelay } from '@emporium/messaging';
import { runMigrations } from '@emporium/platform';
import {
  createRunTopics,
  deleteRunTopics,
  eventMessage,
  prepareDatabase,
  startService,
  testInfrastructure,
  TestRun,
} from '@emporium/testing';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { Client } from 'pg';
import { inventoryRecipe } from '../../apps/inventory/test/inventory.recipe';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const SKUS = 100;
const repoRoot = path.resolve(__dirname, '../..');

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function waitUntil(probe: () => Promise<boolean>, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('benchmark timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function placedEvent() {
  const orderId = randomUUID();
  return {
    orderId,
    customerId: randomUUID(),
    currency: 'EUR',
    // Spread over SKUS so partitions do not all queue on one stock row (the flash-sale bench covers that case).
    lines: [{ sku: `BENCH-${Math.floor(Math.random() * SKUS)}`, quantity: 1, unitPrice: 1999, lineTotal: 1999 }],
    totalAmount: 1999,
    placedAt: new Date().toISOString(),
  };
}

async function outboxToKafka(run: TestRun): Promise<number> {
  const url = await run.createDatabase('bench-relay');
  await runMigrations(url, messagingMigrations);
  // Rows written as the Outbox would, in chunks (the relay is not running yet).
  await withClient(url, async (client) => {
    for (let written = 0; written < EVENTS; written += 1000) {
      const rows = Array.from({ length: Math.min(1000, EVENTS - written) }, () =>
        eventMessage(OrderPlaced, placedEvent()),
      );
      const values = rows.map(
        (_, i) =>
          `($${i * 4 + 1}, $${i * 4 + 2}, '${Topics.ordersOrder}', '${OrderPlaced.type}', $${i * 4 + 3}, $${i * 4 + 4})`,
      );
      await client.query(
        `INSERT INTO messaging_outbox (event_id, message_key, topic, event_type, headers, payload) VALUES ${values.join(',')}`,
        rows.flatMap((row) => [row.headers.ce_id, row.key, JSON.stringify(row.headers), row.value]),
      );
    }
  });
  const options: MessagingOptions = {
    service: 'bench-relay',
    brokers: testInfrastructure.brokers,
    topicPrefix: run.topicPrefix,
    databaseUrl: url,
    relay: { enabled: true, batchSize: Number(process.env.OUTBOX_RELAY_BATCH_SIZE ?? 500), idlePollMs: 1000 },
    consumer: {
      enabled: false,
      chunkSize: 1,
      maxWaitMs: 1000,
      maxAttempts: 1,
      retryBaseDelayMs: 1,
      partitionsConsumedConcurrently: 1,
    },
  };
  const connection = new KafkaConnection(options);
  await connection.producer(); // connect outside the timed section
  const relay = new OutboxRelay(options, connection);
  const started = process.hrtime.bigint();
  relay.onApplicationBootstrap();
  await withClient(url, (client) =>
    waitUntil(async () => (await client.query('SELECT count(*)::int AS n FROM messaging_outbox')).rows[0].n === 0),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await relay.beforeApplicationShutdown();
  await connection.onApplicationShutdown();
  return EVENTS / seconds;
}

async function consumeAndApply(run: TestRun): Promise<number> {
  // Publish first (not timed), then start inventory and time how fast it works through the backlog.
  const producer = createKafka('bench-publisher', testInfrastructure.brokers).producer({
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  for (let sent = 0; sent < EVENTS; sent += 2000) {
    const messages = Array.from({ length: Math.min(2000, EVENTS - sent) }, () =>
      eventMessage(OrderPlaced, placedEvent()),
    );
    await producer.send({ topic: run.topicPrefix + Topics.ordersOrder, acks: -1, messages });
  }
  await producer.disconnect();

  const inventoryDatabase = await prepareDatabase(run, inventoryRecipe);
  await withClient(inventoryDatabase, (client) =>
    client.query(
      `INSERT INTO stock_levels (sku, warehouse_id, on_hand, reserved) SELECT 'BENCH-' || i, 'MAIN', $1, 0 FROM generate_series(0, $2 - 1) i`,
      [EVENTS, SKUS],
    ),
  );
  const inventory = await startService(run, inventoryRecipe);
  // Timed from the first applied event to the last, so service start-up and the group join are excluded.
  const span = await withClient(inventoryDatabase, async (client) => {
    await waitUntil(
      async () => (await client.query('SELECT count(*)::int AS n FROM messaging_inbox')).rows[0].n >= EVENTS,
    );
    return (
      await client.query(
        'SELECT extract(epoch FROM max(processed_at) - min(processed_at)) AS seconds FROM messaging_inbox',
      )
    ).rows[0].seconds;
  });
  await inventory.close();
  return EVENTS / Number(span);
}

function kafkaProducerPerformance(run: TestRun): string {
  const topic = `${run.topicPrefix}${Topics.ordersOrder}`;
  const output = execFileSync(
    'java',
    [
      '-Xmx512m',
      `-Dlog4j2.configurationFile=${path.join(repoRoot, 'infra/kafka/log4j2-tools.properties')}`,
      '-cp',
      `${path.join(repoRoot, 'infra/kafka/lib')}/*`,
      'org.apache.kafka.tools.ProducerPerformance',
      '--topic',
      topic,
      '--num-records',
      String(Math.max(EVENTS * 5, 100_000)),
      '--record-size',
      '400',
      '--throughput',
      '-1',
      '--producer-props',
      `bootstrap.servers=${testInfrastructure.brokers[0]}`,
      'acks=all',
      'enable.idempotence=true',
    ],
    { encoding: 'utf8' },
  );
  return output.trim().split('\n').at(-1)!;
}

async function main() {
  const run = new TestRun();
  await createRunTopics(run);
  try {
    console.log(`events per scenario: ${EVENTS} (orders.order.placed, ~400 bytes)\n`);
    const relayRate = await outboxToKafka(run);
    console.log(
      `outbox → Kafka (one relay, batches of ${process.env.OUTBOX_RELAY_BATCH_SIZE ?? 500}, idempotent, acks=all): ${relayRate.toFixed(0)} events/s`,
    );
    const applyRate = await consumeAndApply(run);
    console.log(
      `consume and apply (inventory reserving stock; inbox + locks + ledger + outbox per event): ${applyRate.toFixed(0)} events/s`,
    );
    console.log(`Kafka ProducerPerformance (acks=all, idempotent, 400-byte records): ${kafkaProducerPerformance(run)}`);
  } finally {
    await run.dropDatabases();
    await deleteRunTopics(run);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
