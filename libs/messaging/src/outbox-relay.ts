import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { Message } from 'kafkajs';
import { Client } from 'pg';
import { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { KafkaConnection } from './kafka-connection';
import { messagingMetrics } from './messaging.metrics';
import { MESSAGING_OPTIONS, MessagingOptions, prefixed } from './messaging.options';
import { OUTBOX_WRITTEN } from './outbox';

interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  headers: Record<string, string>;
  payload: unknown;
}

/** Any constant works: each service has its own database, so the lock is per service. */
const RELAY_LOCK_KEY = 7_270_001;
const BACKLOG_EVERY_MS = 1_000;
/** NOTIFY is per database, and each service has its own: one channel name serves every service. */
const OUTBOX_CHANNEL = 'messaging_outbox';

/**
 * Sends outbox rows to Kafka in batches, oldest first, and deletes them once Kafka has them. Every
 * replica runs one, but only the holder of a PostgreSQL advisory lock sends, so per-key order is kept;
 * the others wait to take over. A crash between the send and the DELETE resends the batch with the same
 * ce_id; consumers deduplicate on it.
 *
 * No transaction is held across the send: the lock makes this the only sender, so rows need no row
 * locks. A commit that wrote to the outbox wakes the sending relay at once: in its own process directly
 * (a TypeORM transaction subscriber), from a standby replica by a NOTIFY sent after that commit, never
 * inside it (a NOTIFY in the transaction holds a cluster-wide lock through the commit's fsync). So a
 * single replica sends no NOTIFY at all. The idle poll (OUTBOX_RELAY_IDLE_POLL_MS, 1 s) is only the safety
 * net for a lost notification or a row written by another tool. A wake-up that arrives while a batch is
 * being sent is remembered, never lost.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private client?: Client;
  private running = false;
  private loop?: Promise<void>;
  private wakeRequested = false;
  private wakeSleeper?: () => void;
  private lastBacklogAt = 0;
  /** This process holds the advisory lock: its own commits wake it directly. */
  private leading = false;
  private notifying?: Promise<void>;
  private notifyAgain = false;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly connection: KafkaConnection,
    // Absent when a tool runs the relay on its own (benchmarks, tests): it then relies on the poll.
    @Optional() private readonly dataSource?: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.relay.enabled) {
      this.logger.warn('outbox relay disabled by configuration (OUTBOX_RELAY_ENABLED=false)');
      return;
    }
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: (event: TransactionCommitEvent) => {
        if (!event.queryRunner.data?.[OUTBOX_WRITTEN]) return;
        if (this.leading) this.wake();
        else this.notifyLeader();
      },
    };
    this.dataSource?.subscribers.push(subscriber);
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the batch in hand and releases the lock before the producer closes (onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await this.notifying;
  }

  /**
   * Tells the sending replica that rows are waiting. One NOTIFY at a time: commits that land while one is
   * on its way are covered by one more after it, so a burst costs two statements, not one per commit.
   */
  private notifyLeader(): void {
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = (async () => {
      do {
        this.notifyAgain = false;
        await this.dataSource?.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`).catch(() => undefined);
      } while (this.notifyAgain && this.running);
      this.notifying = undefined;
    })();
  }

  /** Something was committed to the outbox: send it now rather than at the next poll. */
  wake(): void {
    this.wakeRequested = true;
    this.wakeSleeper?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.connectAndLead();
        while (this.running) {
          this.wakeRequested = false;
          const sent = await this.drainBatch();
          await this.reportBacklog();
          if (sent < this.options.relay.batchSize) await this.sleep(this.options.relay.idlePollMs);
        }
      } catch (error) {
        if (!this.running) break;
        this.logger.error({ msg: 'outbox relay failed; retrying', err: error });
        // A failed send (broker down) must not freeze the backlog and age gauges when they matter most.
        this.lastBacklogAt = 0;
        await this.reportBacklog().catch(() => undefined);
        await this.disconnect();
        await this.sleep(1000);
      }
    }
    await this.disconnect();
  }

  private async connectAndLead(): Promise<void> {
    const client = new Client({
      connectionString: this.options.databaseUrl,
      application_name: `${this.options.service}-outbox-relay`,
    });
    client.on('error', (error) => this.logger.warn({ msg: 'relay connection error', err: error }));
    await client.connect();
    this.client = client;
    let announcedStandby = false;
    while (this.running) {
      const { rows } = await client.query('SELECT pg_try_advisory_lock($1) AS locked', [RELAY_LOCK_KEY]);
      if (rows[0].locked) {
        await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
        client.on('notification', () => this.wake());
        this.leading = true;
        this.logger.log('outbox relay is the active sender for this service');
        return;
      }
      if (!announcedStandby) this.logger.log('another replica is sending the outbox; standing by');
      announcedStandby = true;
      this.wakeRequested = false;
      await this.sleep(2000);
    }
  }

  /** Sends up to one batch and deletes what Kafka acknowledged; returns how many rows it sent. */
  async drainBatch(): Promise<number> {
    const client = this.client!;
    const { rows } = await client.query<OutboxRow>(
      `SELECT seq, topic, message_key, headers, payload FROM messaging_outbox ORDER BY seq LIMIT $1`,
      [this.options.relay.batchSize],
    );
    if (rows.length === 0) return 0;
    await this.send(rows);
    await client.query('DELETE FROM messaging_outbox WHERE seq = ANY($1::bigint[])', [rows.map((row) => row.seq)]);
    return rows.length;
  }

  private async send(rows: OutboxRow[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const row of rows) {
      const topic = prefixed(this.options, row.topic);
      const messages = byTopic.get(topic) ?? [];
      messages.push({ key: row.message_key, value: JSON.stringify(row.payload), headers: row.headers });
      byTopic.set(topic, messages);
    }
    const producer = await this.connection.producer();
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
    for (const [topic, messages] of byTopic) messagingMetrics.outboxSent.inc({ topic }, messages.length);
  }

  /** At most once a second: the backlog (seq span of unsent rows) and the age of the oldest, both from the index. */
  private async reportBacklog(): Promise<void> {
    if (Date.now() - this.lastBacklogAt < BACKLOG_EVERY_MS) return;
    this.lastBacklogAt = Date.now();
    if (!this.client) return;
    const { rows } = await this.client.query(
      `SELECT (SELECT max(seq) FROM messaging_outbox) - o.seq + 1 AS backlog, extract(epoch FROM now() - o.created_at) AS age
         FROM messaging_outbox o ORDER BY o.seq LIMIT 1`,
    );
    messagingMetrics.outboxBacklog.set(rows.length === 0 ? 0 : Number(rows[0].backlog));
    messagingMetrics.outboxOldestAgeSeconds.set(rows.length === 0 ? 0 : Number(rows[0].age));
  }

  private sleep(ms: number): Promise<void> {
    if (this.wakeRequested || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeSleeper = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleeper = done;
    });
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.leading = false;
    // Closing the session releases the advisory lock, letting a standby replica take over at once.
    await client?.end().catch(() => undefined);
  }
}
