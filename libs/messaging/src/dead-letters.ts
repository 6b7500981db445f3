import { IHeaders, KafkaMessage } from 'kafkajs';

/** Headers a dead letter carries besides the original ones. */
export const DeadLetterHeaders = {
  reason: 'dlq_reason',
  error: 'dlq_error',
  originalTopic: 'dlq_original_topic',
  originalPartition: 'dlq_original_partition',
  originalOffset: 'dlq_original_offset',
  consumerGroup: 'dlq_consumer_group',
  failedAt: 'dlq_failed_at',
  attempts: 'dlq_attempts',
} as const;

/** Why a message was dead-lettered; stable values for alerts and dashboards. */
export type DeadLetterReason =
  | 'invalid-envelope'
  | 'invalid-json'
  | 'invalid-data'
  /** A version of an event type the consumer handles, in a version it does not. */
  | 'unknown-event-type'
  /** Kept failing after its retries. */
  | 'handler-failed'
  /** A domain rule refused it: deterministic, so it was not retried. */
  | 'handler-refused'
  /** An earlier message of its key is in the dead-letter topic: it follows, to keep the key's order. */
  | 'parked';

export function headersAsStrings(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    result[name] = Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  }
  return result;
}

export function deadLetterMessage(
  message: KafkaMessage,
  origin: { topic: string; partition: number; consumerGroup: string },
  reason: DeadLetterReason,
  error: string,
  attempts: number,
) {
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...headersAsStrings(message.headers),
      [DeadLetterHeaders.reason]: reason,
      // Header values are bytes on the wire; keep them reasonably small.
      [DeadLetterHeaders.error]: error.slice(0, 4000),
      [DeadLetterHeaders.originalTopic]: origin.topic,
      [DeadLetterHeaders.originalPartition]: String(origin.partition),
      [DeadLetterHeaders.originalOffset]: message.offset,
      [DeadLetterHeaders.consumerGroup]: origin.consumerGroup,
      [DeadLetterHeaders.failedAt]: new Date().toISOString(),
      [DeadLetterHeaders.attempts]: String(attempts),
    },
  };
}

/** The original message, as it was before it was dead-lettered, for replay. */
export function withoutDeadLetterHeaders(headers: Record<string, string>): Record<string, string> {
  const dlqNames = new Set<string>(Object.values(DeadLetterHeaders));
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !dlqNames.has(name)));
}
