import { OrderPlaced, Topics } from '@emporium/contracts';
import { eventually, integrationSuite, publishRaw, testInfrastructure } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { KafkaConnection, MessagingOptions, messagingMigrations, Outbox, OutboxRelay } from '@emporium/messaging';
import { runMigrations } from '@emporium/platform';

const setup = { read: [Topics.ordersOrder] };

integrationSuite('outbox relay (real PostgreSQL and Kafka)', setup, ({ reader, run, topic: topicOf }) => {
  let databaseUrl: string;
  let dataSource: DataSource;
  const topic = topicOf(Topics.ordersOrder);

  let idlePollMs = 200;
  const options = (): MessagingOptions => ({
    service: 'relay-test',
    brokers: testInfrastructure.brokers,
    topicPrefix: run.topicPrefix,
    databaseUrl,
    relay: { enabled: true, batchSize: 50, idlePollMs },
    consumer: {
      enabled: false,
      chunkSize: 1,
      maxWaitMs: 1000,
      maxAttempts: 1,
      retryBaseDelayMs: 1,
      partitionsConsumedConcurrently: 1,
    },
  });

  const startRelay = (replicaDataSource = dataSource) => {
    const connection = new KafkaConnection(options());
    const relay = new OutboxRelay(options(), connection, replicaDataSource);
    relay.onApplicationBootstrap();
    return {
      relay,
      stop: async () => {
        await relay.beforeApplicationShutdown();
        await connection.onApplicationShutdown();
      },
    };
  };

  const placed = () => ({
    orderId: randomUUID(),
    customerId: randomUUID(),
    currency: 'EUR',
    lines: [{ sku: 'A', quantity: 1, unitPrice: 100, lineTotal: 100 }],
    totalAmount: 100,
    placedAt: new Date().toISOString(),
  });

  const publish = (count: number, through = dataSource) =>
    through.transaction(async (manager) => {
      const outbox = new Outbox(options());
      for (let i = 0; i < count; i++) await outbox.publish(manager, OrderPlaced, placed());
    });

  beforeAll(async () => {
    databaseUrl = await run.createDatabase('relay-test');
    await runMigrations(databaseUrl, messagingMigrations);
    dataSource = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('sends each committed event once, in commit order per key, and never a rolled-back one', async () => {
    const relay = startRelay();
    try {
      await publish(120);
      await dataSource
        .transaction(async (manager) => {
          await new Outbox(options()).publish(manager, OrderPlaced, {
            ...placed(),
            customerId: '00000000-0000-4000-8000-00000000dead',
          });
          throw new Error('roll back');
        })
        .catch(() => undefined);
      const sameKey = randomUUID();
      await dataSource.transaction(async (manager) => {
        for (let i = 0; i < 5; i++)
          await new Outbox(options()).publish(manager, OrderPlaced, { ...placed(), orderId: sameKey, totalAmount: i });
      });
      await reader.waitFor(() => true, 125);
      const ids = reader.messages.map((m) => m.headers.ce_id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(reader.messages.some((m) => m.json.customerId.endsWith('dead'))).toBe(false);
      expect(reader.messages.filter((m) => m.key === sameKey).map((m) => m.json.totalAmount)).toEqual([0, 1, 2, 3, 4]);
      // The relay deletes a batch just after Kafka acknowledged it, so the delete may trail the reader by a moment.
      await eventually(
        async () => (await dataSource.query('SELECT count(*)::int AS unsent FROM messaging_outbox'))[0].unsent === 0,
      );
    } finally {
      await relay.stop();
    }
  });

  it('lets only one of several replicas send, and a standby take over when the active one stops', async () => {
    const first = startRelay();
    const second = startRelay();
    try {
      // Both replicas are connected to this database; exactly one holds the relay lock.
      await eventually(async () => {
        const { rows } = await query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'relay-test-outbox-relay'`,
        );
        return rows[0].n === 2;
      });
      const locks = await query(
        `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
         WHERE d.datname = current_database() AND l.locktype = 'advisory' AND l.granted`,
      );
      expect(locks.rows[0].n).toBe(1);

      const before = reader.messages.length;
      await publish(30);
      await reader.waitFor(() => true, before + 30);

      await first.stop();
      await publish(30);
      const all = await reader.waitFor(() => true, before + 60);
      expect(new Set(all.map((m) => m.headers.ce_id)).size).toBe(all.length);
    } finally {
      await Promise.all([first.stop().catch(() => undefined), second.stop()]);
    }
  });

  it('resends a batch that was sent but not marked when the relay died; the copies share their ce_id', async () => {
    await publish(3);
    const rows: { message_key: string; headers: Record<string, string>; payload: unknown }[] = await dataSource.query(
      'SELECT message_key, headers, payload FROM messaging_outbox ORDER BY seq',
    );
    // What a relay that crashed between its Kafka send and its DELETE would have left: sent, still in the outbox.
    await publishRaw(
      topic,
      rows.map((row) => ({ key: row.message_key, value: JSON.stringify(row.payload), headers: row.headers })),
    );
    const relay = startRelay();
    try {
      for (const row of rows) {
        const copies = await reader.waitFor((m) => m.headers.ce_id === row.headers.ce_id, 2);
        expect(copies.map((m) => m.value)).toEqual([copies[0].value, copies[0].value]);
      }
    } finally {
      await relay.stop();
    }
  });

  it('is woken by its own commits, also while it is busy sending: no event waits for the idle poll', async () => {
    idlePollMs = 30_000; // only a wake-up can deliver in time
    const relay = startRelay();
    try {
      await new Promise((resolve) => setTimeout(resolve, 500)); // idle, asleep on the long poll
      for (let round = 0; round < 10; round++) {
        const before = reader.messages.length;
        const started = Date.now();
        // The second commit lands while the relay is sending the first: that wake-up must not be lost.
        await publish(1);
        await publish(1);
        await reader.waitFor(() => true, before + 2, 5_000);
        expect(Date.now() - started).toBeLessThan(2_000);
      }
    } finally {
      await relay.stop();
      idlePollMs = 200;
    }
  });

  it("is woken by a standby replica's commits too (a NOTIFY after that commit), not by the idle poll", async () => {
    idlePollMs = 30_000; // only a notification can deliver in time
    const standbyDataSource = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
    const sender = startRelay();
    let standby: ReturnType<typeof startRelay> | undefined;
    try {
      await eventually(async () => {
        const { rows } = await query(
          `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
           WHERE d.datname = current_database() AND l.locktype = 'advisory' AND l.granted`,
        );
        return rows[0].n === 1;
      });
      standby = startRelay(standbyDataSource);
      await new Promise((resolve) => setTimeout(resolve, 500)); // the sender idle, asleep on the long poll
      for (let round = 0; round < 5; round++) {
        const before = reader.messages.length;
        const started = Date.now();
        // Committed through the standby replica's own connection pool: the sender's process never sees it.
        await publish(1, standbyDataSource);
        await publish(1, standbyDataSource);
        await reader.waitFor(() => true, before + 2, 5_000);
        expect(Date.now() - started).toBeLessThan(2_000);
      }
    } finally {
      await standby?.stop();
      await sender.stop();
      await standbyDataSource.destroy();
      idlePollMs = 200;
    }
  });

  async function query(sql: string) {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return await client.query(sql);
    } finally {
      await client.end();
    }
  }
});
