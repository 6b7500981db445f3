import { deadLetterTopic } from '@emporium/contracts';
import { Kafka } from 'kafkajs';
import { DeadLetterHeaders, headersAsStrings, withoutDeadLetterHeaders } from './dead-letters';

export interface ReplayResult {
  replayed: number;
  byTopic: Record<string, number>;
}

/**
 * Puts a service's dead letters back on their original topics with their original key and headers.
 * Consumers that had applied an event skip it by ce_id, so a replay is safe to repeat. Progress is kept
 * by the `<prefix><service>.dlq-replay` consumer group: each dead letter is replayed once.
 */
export async function replayDeadLetters(
  kafka: Kafka,
  options: { service: string; topicPrefix: string; idleMs?: number; limit?: number },
): Promise<ReplayResult> {
  const dlq = `${options.topicPrefix}${deadLetterTopic(options.service)}`;
  const consumer = kafka.consumer({ groupId: `${options.topicPrefix}${options.service}.dlq-replay`, allowAutoTopicCreation: false });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  const result: ReplayResult = { replayed: 0, byTopic: {} };
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  await Promise.all([consumer.connect(), producer.connect()]);
  try {
    await consumer.subscribe({ topic: dlq, fromBeginning: true });
    let lastMessageAt = Date.now();
    let stop: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    await consumer.run({
      autoCommit: true,
      eachMessage: async ({ message, pause }) => {
        if (result.replayed >= limit) {
          pause();
          stop();
          return;
        }
        const headers = headersAsStrings(message.headers);
        const originalTopic = headers[DeadLetterHeaders.originalTopic];
        if (!originalTopic) return;
        await producer.send({
          topic: originalTopic,
          acks: -1,
          messages: [{ key: message.key, value: message.value, headers: withoutDeadLetterHeaders(headers) }],
        });
        result.replayed += 1;
        result.byTopic[originalTopic] = (result.byTopic[originalTopic] ?? 0) + 1;
        lastMessageAt = Date.now();
      },
    });
    // The DLQ has no end marker: stop once it has been quiet for idleMs.
    const idleMs = options.idleMs ?? 3000;
    await Promise.race([
      stopped,
      new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          if (Date.now() - lastMessageAt > idleMs) {
            clearInterval(timer);
            resolve();
          }
        }, 200);
      }),
    ]);
  } finally {
    await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
  }
  return result;
}
