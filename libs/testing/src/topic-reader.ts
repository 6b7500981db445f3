import { createKafka, headersAsStrings, Kafka, KafkaMessage } from '@emporium/messaging';
import { randomBytes, randomUUID } from 'node:crypto';
import { EventDefinition, toCloudEventHeaders } from '@emporium/contracts';
import { eventually, testInfrastructure } from './test-run';

export interface ReadMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  /** The parsed JSON value, when it is JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever JSON the message held; tests assert on its shape
  json?: any;
}

/**
 * Reads topics from the beginning in its own consumer group and keeps every message, so a test can
 * assert on what really went over the wire.
 */
export class TopicReader {
  readonly messages: ReadMessage[] = [];
  private readonly kafka: Kafka = createKafka('emporium-test-reader', testInfrastructure.brokers);
  private consumer = this.kafka.consumer({
    groupId: `test-reader-${randomBytes(4).toString('hex')}`,
    allowAutoTopicCreation: false,
  });

  async start(topics: string[]): Promise<this> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => void this.messages.push(toRead(topic, partition, message)),
    });
    return this;
  }

  async waitFor(predicate: (message: ReadMessage) => boolean, count = 1, timeoutMs = 20_000): Promise<ReadMessage[]> {
    return eventually(
      () => {
        const found = this.messages.filter(predicate);
        return found.length >= count ? found : undefined;
      },
      timeoutMs,
      `${count} matching message(s)`,
    );
  }

  ofType(type: string): ReadMessage[] {
    return this.messages.filter((message) => message.headers.ce_type === type);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

function toRead(topic: string, partition: number, message: KafkaMessage): ReadMessage {
  const value = message.value?.toString('utf8') ?? null;
  let json: unknown;
  try {
    json = value === null ? undefined : JSON.parse(value);
  } catch {
    json = undefined;
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    value,
    headers: headersAsStrings(message.headers),
    json,
  };
}

/** Publishes raw messages, bypassing the outbox and its validation: for malformed and duplicate deliveries. */
export async function publishRaw(
  topic: string,
  messages: { key?: string; value: string; headers?: Record<string, string> }[],
): Promise<void> {
  const producer = createKafka('emporium-test-publisher', testInfrastructure.brokers).producer({
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

/** A well-formed CloudEvents message for an event definition, as a producer would write it. */
export function eventMessage<T extends object>(definition: EventDefinition<T>, data: T, id: string = randomUUID()) {
  const metadata = {
    id,
    type: definition.type,
    source: '/emporium/test',
    time: new Date().toISOString(),
    subject: definition.subjectOf(data),
  };
  return { key: metadata.subject, value: JSON.stringify(data), headers: toCloudEventHeaders(metadata) };
}
