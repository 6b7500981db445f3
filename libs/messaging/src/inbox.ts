import { EntityManager } from 'typeorm';

/**
 * Records that `consumer` has applied event `eventId`, in the caller's transaction. Returns false when
 * it already had: the caller then skips its effects, so a redelivery changes nothing. A concurrent
 * duplicate blocks on the primary key until the first transaction ends, then sees the conflict.
 */
export async function claimInboxEntry(
  manager: EntityManager,
  consumer: string,
  eventId: string,
  eventType: string,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO messaging_inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumer, eventId, eventType],
  );
  return rows.length === 1;
}
