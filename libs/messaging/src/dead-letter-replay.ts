import { deadLetterTopic } from '@emporium/contracts';
import { Kafka } from 'kafkajs';
import { DeadLetterHeaders, headersAsStrings, withoutDeadLetterHeaders } from './dead-letters';

export interface ReplayResult {
  replayed: number;
  byTopic: Record<string, number>;
}

/**
 * Puts a service's dead letters back on their original topics with their original key and headers.
 * Only what was in the DLQ when the replay started is replayed: a message that fails again lands in
 * the DLQ behind that mark and waits for the next replay, instead of looping. Consumers that had
 * applied an event skip it by ce_id, so a replay is safe to repeat. Progress is kept by the
 * `<prefix><service>.dlq-replay` consumer group: each dead letter is replayed once.
 */
export async function replayDeadLetters(
  kafka: Kafka,
  options: { service: string; topicPrefix: string; limit?: number; timeoutMs?: number },
): Promise<ReplayResult> {
  const dlq = `${options.topicPrefix}${deadLetterTopic(options.service)}`;
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `${options.topicPrefix}${options.service}.dlq-replay`;
  const [endOffsets, committed] = await Promise.all([
    admin.fetchTopicOffsets(dlq),
    admin.fetchOffsets({ groupId, topics: [dlq] }),
  ]);
  await admin.disconnect();

  // Per partition: replay offsets below the high watermark seen now.
  const stopAt = new Map(endOffsets.map((p) => [p.partition, Number(p.high)]));
  const startAt = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  const pending = new Set(
    [...stopAt]
      .filter(([partition, high]) => high > Math.max(0, startAt.get(partition) ?? 0))
      .map(([partition]) => partition),
  );

  const result: ReplayResult = { replayed: 0, byTopic: {} };
  if (pending.size === 0) return result;

  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await Promise.all([consumer.connect(), producer.connect()]);
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  try {
    await consumer.subscribe({ topic: dlq, fromBeginning: true });
    await consumer.run({
      // Progress is committed by hand, and only past what was really put back: the group's offset never
      // passes a letter that was not replayed (the limit, or the end mark, stop the batch before it).
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        let next: number | undefined;
        const end = stopAt.get(batch.partition) ?? 0;
        for (const message of batch.messages) {
          const offset = Number(message.offset);
          if (offset >= end || result.replayed >= limit) break;
          const headers = headersAsStrings(message.headers);
          const originalTopic = headers[DeadLetterHeaders.originalTopic];
          if (originalTopic) {
            await producer.send({
              topic: originalTopic,
              acks: -1,
              messages: [{ key: message.key, value: message.value, headers: withoutDeadLetterHeaders(headers) }],
            });
            result.replayed += 1;
            result.byTopic[originalTopic] = (result.byTopic[originalTopic] ?? 0) + 1;
          }
          resolveOffset(message.offset);
          next = offset + 1;
          if (next >= end) pending.delete(batch.partition);
          await heartbeat();
        }
        if (next !== undefined)
          await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(next) }]);
        if (pending.size === 0 || result.replayed >= limit) finish();
      },
    });
    await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, options.timeoutMs ?? 60_000))]);
  } finally {
    await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
  }
  return result;
}
