import { EntityManager } from 'typeorm';

/**
 * Per-key order through dead letters. When a message of key K is dead-lettered, K is parked (for this
 * consumer and topic): every later message of K follows it to the dead-letter topic instead of being
 * applied out of order. The parked messages form a queue per key, oldest first. When the head of the
 * queue comes back (a replay, or a redelivery) it is applied; if that succeeds it leaves the queue and
 * the next one becomes the head. When the queue is empty the key is no longer parked.
 *
 * The queue is in the consumer's database and changes in the same transaction as the effects, so a
 * crash never leaves a message applied and still queued, or queued and lost.
 */
export class ParkedKeys {
  /** Queue per key (message ids, head first), for the keys a chunk touches. */
  private constructor(
    private readonly queues: Map<string, string[]>,
    private readonly added: { key: string; id: string; reason: string }[] = [],
    private readonly removed: { key: string; id: string }[] = [],
  ) {}

  static async load(manager: EntityManager, consumer: string, topic: string, keys: string[]): Promise<ParkedKeys> {
    const queues = new Map<string, string[]>();
    if (keys.length === 0) return new ParkedKeys(queues);
    const rows: { message_key: string; message_id: string }[] = await manager.query(
      `SELECT message_key, message_id FROM messaging_parked
        WHERE consumer = $1 AND topic = $2 AND message_key = ANY($3::text[]) ORDER BY seq`,
      [consumer, topic, [...new Set(keys)]],
    );
    for (const row of rows) queues.set(row.message_key, [...(queues.get(row.message_key) ?? []), row.message_id]);
    return new ParkedKeys(queues);
  }

  /**
   * What to do with a message of `key`: `apply` when its key is not parked or it is the head of its
   * key's queue; `follow` when an earlier message of its key is still parked.
   */
  verdict(key: string | null, id: string): 'apply' | 'follow' {
    if (key === null) return 'apply';
    const queue = this.queues.get(key);
    if (!queue || queue.length === 0 || queue[0] === id) return 'apply';
    return 'follow';
  }

  /** The message was applied: if it headed its key's queue, it leaves it. */
  applied(key: string | null, id: string): void {
    if (key === null) return;
    const queue = this.queues.get(key);
    if (queue?.[0] !== id) return;
    queue.shift();
    this.removed.push({ key, id });
  }

  /** The message goes to the dead-letter topic: its key is parked behind it (once per message). */
  park(key: string | null, id: string, reason: string): void {
    if (key === null) return;
    const queue = this.queues.get(key) ?? [];
    this.queues.set(key, queue);
    if (queue.includes(id)) return;
    queue.push(id);
    this.added.push({ key, id, reason });
  }

  get changed(): boolean {
    return this.added.length > 0 || this.removed.length > 0;
  }

  async save(manager: EntityManager, consumer: string, topic: string): Promise<void> {
    if (this.removed.length > 0) {
      await manager.query(
        `DELETE FROM messaging_parked p USING unnest($3::text[], $4::text[]) AS r(message_key, message_id)
          WHERE p.consumer = $1 AND p.topic = $2 AND p.message_key = r.message_key AND p.message_id = r.message_id`,
        [consumer, topic, this.removed.map((r) => r.key), this.removed.map((r) => r.id)],
      );
    }
    if (this.added.length > 0) {
      // unnest keeps the array order, and seq is assigned in that order: the queue order.
      await manager.query(
        `INSERT INTO messaging_parked (consumer, topic, message_key, message_id, reason)
         SELECT $1, $2, k, i, r FROM unnest($3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS a(k, i, r, n)
          ORDER BY n
         ON CONFLICT DO NOTHING`,
        [consumer, topic, this.added.map((a) => a.key), this.added.map((a) => a.id), this.added.map((a) => a.reason)],
      );
    }
  }
}

/** How many messages are parked for this consumer: for metrics and the operator's view. */
export async function countParked(manager: EntityManager, consumer: string): Promise<number> {
  const [row] = await manager.query(`SELECT count(*)::int AS n FROM messaging_parked WHERE consumer = $1`, [consumer]);
  return row.n;
}
