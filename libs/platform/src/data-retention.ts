import { removeExpiredInboxEntries } from '@emporium/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from './config';
import { PeriodicJob } from './periodic-job';

export const DATA_RETENTION_CONFIG = Symbol('DATA_RETENTION_CONFIG');

/**
 * Keeps the bookkeeping tables small, hourly. Idempotency keys (this library's) only need to outlive a
 * client's retries (a day, as payment APIs do). Inbox entries are the messaging library's: what they
 * must outlive and how they are deleted is its rule (`removeExpiredInboxEntries`); this job only runs it.
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
    if (removed.idempotencyKeys + removed.inboxEntries > 0)
      this.logger.log({ msg: 'removed expired bookkeeping rows', ...removed });
  }

  /** Deletes in batches of BATCH rows by age, as the inbox sweep does, until nothing old is left. */
  async removeExpired(): Promise<{ idempotencyKeys: number; inboxEntries: number }> {
    const idempotencyKeys = await this.deleteInBatches(
      `DELETE FROM idempotency_keys WHERE ctid = ANY(ARRAY(
         SELECT ctid FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1) LIMIT ${BATCH}))`,
      this.config.IDEMPOTENCY_KEY_RETENTION_HOURS,
    );
    const inboxEntries = await removeExpiredInboxEntries(this.dataSource, this.config.INBOX_RETENTION_DAYS, BATCH);
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
