import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Message } from 'kafkajs';
import { Client } from 'pg';
import { KafkaConnection } from './kafka-connection';
import { messagingMetrics } from './messaging.metrics';
import { MESSAGING_OPTIONS, MessagingOptions, prefixed } from './messaging.options';

interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  headers: Record<string, string>;
  payload: unknown;
}

/** Any constant works: each service has its own database, so the lock is per service. */
const RELAY_LOCK_KEY = 7_270_001;
const RETENTION_SWEEP_EVERY_MS = 10 * 60_000;

/**
 * Sends outbox rows to Kafka in batches, oldest first. Every replica runs one, but only the holder of a
 * PostgreSQL advisory lock sends, so per-key order is kept; the others wait to take over. A crash
 * between the Kafka send and the UPDATE resends the batch; consumers deduplicate on ce_id.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private client?: Client;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private lastRetentionSweep = 0;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly connection: KafkaConnection,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.relay.enabled) {
      this.logger.warn('outbox relay disabled by configuration (OUTBOX_RELAY_ENABLED=false)');
      return;
    }
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the batch in hand and releases the lock before the producer closes (onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.connectAndLead();
        while (this.running) {
          const sent = await this.drainBatch();
          if (sent < this.options.relay.batchSize) await this.sleepUntilNotified(this.options.relay.idlePollMs);
        }
      } catch (error) {
        if (!this.running) break;
        this.logger.error({ msg: 'outbox relay failed; retrying', err: error });
        await this.disconnect();
        await this.sleepUntilNotified(1000);
      }
    }
    await this.disconnect();
  }

  private async connectAndLead(): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: `${this.options.service}-outbox-relay` });
    client.on('error', (error) => this.logger.warn({ msg: 'relay connection error', err: error }));
    client.on('notification', () => this.wake?.());
    await client.connect();
    this.client = client;
    await client.query('LISTEN messaging_outbox');
    let announcedStandby = false;
    while (this.running) {
      const { rows } = await client.query('SELECT pg_try_advisory_lock($1) AS locked', [RELAY_LOCK_KEY]);
      if (rows[0].locked) {
        this.logger.log('outbox relay is the active sender for this service');
        return;
      }
      if (!announcedStandby) this.logger.log('another replica is sending the outbox; standing by');
      announcedStandby = true;
      await this.sleepUntilNotified(2000);
    }
  }

  /** Sends up to one batch; returns how many rows it sent. */
  async drainBatch(): Promise<number> {
    const client = this.client!;
    await client.query('BEGIN');
    try {
      const { rows } = await client.query<OutboxRow>(
        `SELECT seq, topic, message_key, headers, payload FROM messaging_outbox
         WHERE sent_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.relay.batchSize],
      );
      if (rows.length > 0) {
        await this.send(rows);
        await client.query('UPDATE messaging_outbox SET sent_at = now() WHERE seq = ANY($1::bigint[])', [rows.map((row) => row.seq)]);
      }
      await client.query('COMMIT');
      await this.updateBacklogAndSweep(client);
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      // A failed send (broker down) is when the backlog and its age matter most: keep them current.
      await this.updateBacklogAndSweep(client).catch(() => undefined);
      throw error;
    }
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

  private async updateBacklogAndSweep(client: Client): Promise<void> {
    const { rows } = await client.query(
      `SELECT count(*)::int AS backlog, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest
       FROM messaging_outbox WHERE sent_at IS NULL`,
    );
    messagingMetrics.outboxBacklog.set(rows[0].backlog);
    messagingMetrics.outboxOldestUnsentAge.set(rows[0].oldest);
    if (Date.now() - this.lastRetentionSweep > RETENTION_SWEEP_EVERY_MS) {
      this.lastRetentionSweep = Date.now();
      // Sent rows are kept a day for investigation, then removed so the table stays small.
      await client.query(`DELETE FROM messaging_outbox WHERE sent_at < now() - interval '1 day'`);
    }
  }

  private sleepUntilNotified(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    // Closing the session releases the advisory lock, letting a standby replica take over at once.
    await client?.end().catch(() => undefined);
  }
}
