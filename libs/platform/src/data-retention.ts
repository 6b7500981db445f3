import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from './config';
import { PeriodicJob } from './periodic-job';

export const DATA_RETENTION_CONFIG = Symbol('DATA_RETENTION_CONFIG');

/**
 * Keeps the bookkeeping tables small. Idempotency keys only need to outlive a client's retries (a day,
 * as payment APIs do). Inbox entries must outlive anything Kafka could redeliver, so their retention is
 * set longer than the topics' (7 days by default): an entry dropped too early would let a replayed old
 * event apply twice.
 */
@Injectable()
export class DataRetention extends PeriodicJob {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(DATA_RETENTION_CONFIG) private readonly config: ServiceConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return 60 * 60_000;
  }

  protected async tick(): Promise<void> {
    const removed = await this.removeExpired();
    if (removed.idempotencyKeys + removed.inboxEntries > 0) this.logger.log({ msg: 'removed expired bookkeeping rows', ...removed });
  }

  /**
   * Deletes in batches of BATCH rows by age (each batch walks an index, and no statement holds locks
   * or builds a huge WAL burst), until nothing old is left: at 40 million inbox rows a day, one DELETE of
   * a day's rows would run for minutes. The outbox needs no sweep: the relay deletes rows as it sends them.
   */
  async removeExpired(): Promise<{ idempotencyKeys: number; inboxEntries: number }> {
    const idempotencyKeys = await this.deleteInBatches(
      `DELETE FROM idempotency_keys WHERE ctid = ANY(ARRAY(
         SELECT ctid FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1) LIMIT ${BATCH}))`,
      this.config.IDEMPOTENCY_KEY_RETENTION_HOURS,
    );
    const inboxEntries = await this.deleteInBatches(
      `DELETE FROM messaging_inbox WHERE ctid = ANY(ARRAY(
         SELECT ctid FROM messaging_inbox WHERE processed_at < now() - make_interval(days => $1) LIMIT ${BATCH}))`,
      this.config.INBOX_RETENTION_DAYS,
    );
    return { idempotencyKeys, inboxEntries };
  }

  private async deleteInBatches(sql: string, age: number): Promise<number> {
    let total = 0;
    for (;;) {
      const [, removed]: [unknown, number] = await this.dataSource.query(sql, [age]);
      total += removed;
      if (removed < BATCH) return total;
    }
  }
}

const BATCH = 10_000;
