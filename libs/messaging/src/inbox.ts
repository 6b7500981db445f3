import { EntityManager } from 'typeorm';

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
export async function claimInboxEntry(manager: EntityManager, consumer: string, eventId: string, eventType: string): Promise<boolean> {
  return (await claimInboxEntries(manager, consumer, [{ id: eventId, type: eventType }])).has(eventId);
}
