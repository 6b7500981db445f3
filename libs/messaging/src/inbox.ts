import { STREAM_RETENTION_MS } from '@emporium/contracts';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Records that `consumer` has applied these events, in the caller's transaction, with one statement.
 * Returns the ids that were new: the caller applies only those, so a redelivery changes nothing. A
 * concurrent duplicate blocks on the primary key until the first transaction ends, then conflicts.
 */
export async function claimInboxEntries(
  manager: EntityManager,
  consumer: string,
  events: { id: string; type: string }[],
): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const rows: { event_id: string }[] = await manager.query(
    `INSERT INTO messaging_inbox (consumer, event_id, event_type)
     SELECT $1, * FROM unnest($2::uuid[], $3::text[])
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumer, events.map((event) => event.id), events.map((event) => event.type)],
  );
  return new Set(rows.map((row) => row.event_id));
}

/** One event: true when it was new. */
export async function claimInboxEntry(
  manager: EntityManager,
  consumer: string,
  eventId: string,
  eventType: string,
): Promise<boolean> {
  return (await claimInboxEntries(manager, consumer, [{ id: eventId, type: eventType }])).has(eventId);
}

/**
 * Inbox retention: how long `consumer, event_id` rows are kept. An entry must outlive anything Kafka
 * could redeliver (a stream keeps its messages for STREAM_RETENTION_MS, 7 days): one dropped earlier
 * would let a redelivered old event apply twice. Configuration refuses less than this
 * (`INBOX_RETENTION_DAYS`, 30 by default). The outbox has no retention to keep: the relay deletes its
 * rows as it sends them.
 */
export const MIN_INBOX_RETENTION_DAYS = Math.ceil(STREAM_RETENTION_MS / 86_400_000) + 1;

/**
 * Deletes inbox entries older than `retentionDays`, in batches of `batch` rows by age: each batch walks
 * an index, and no statement holds locks or builds a huge WAL burst (at 40 million entries a day, one
 * DELETE of a day's rows would run for minutes). Returns how many were removed.
 */
export async function removeExpiredInboxEntries(
  dataSource: DataSource,
  retentionDays: number,
  batch = 10_000,
): Promise<number> {
  if (retentionDays < MIN_INBOX_RETENTION_DAYS)
    throw new Error(
      `inbox retention of ${retentionDays} days is shorter than the ${MIN_INBOX_RETENTION_DAYS} redeliveries need`,
    );
  let total = 0;
  for (;;) {
    const [, removed]: [unknown, number] = await dataSource.query(
      `DELETE FROM messaging_inbox WHERE ctid = ANY(ARRAY(
         SELECT ctid FROM messaging_inbox WHERE processed_at < now() - make_interval(days => $1) LIMIT ${Math.trunc(batch)}))`,
      [retentionDays],
    );
    total += removed;
    if (removed < batch) return total;
  }
}
