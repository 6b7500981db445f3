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

  async removeExpired(): Promise<{ idempotencyKeys: number; inboxEntries: number }> {
    const [, idempotencyKeys] = await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`,
      [this.config.IDEMPOTENCY_KEY_RETENTION_HOURS],
    );
    const [, inboxEntries] = await this.dataSource.query(`DELETE FROM messaging_inbox WHERE processed_at < now() - make_interval(days => $1)`, [
      this.config.INBOX_RETENTION_DAYS,
    ]);
    return { idempotencyKeys, inboxEntries };
  }
}
