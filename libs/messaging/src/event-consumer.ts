import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import {
  deadLetterTopic,
  DomainEvent,
  EnvelopeError,
  EventDefinition,
  EventMetadata,
  findEventDefinition,
  fromCloudEventHeaders,
  validateEventData,
} from '@emporium/contracts';
import { context, Link, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { createHash } from 'node:crypto';
import { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { DeadLetterReason, deadLetterMessage, headersAsStrings } from './dead-letters';
import { EventContext, EventHandlerRegistration } from './event-context';
import { classifyFailure, decideOnFailure, FailurePolicyOptions } from './failure-policy';
import { claimInboxEntries } from './inbox';
import { KafkaConnection } from './kafka-connection';
import { messagingMetrics } from './messaging.metrics';
import { MESSAGING_OPTIONS, MessagingOptions, prefixed, unprefixed } from './messaging.options';
import { withCausation } from './outbox';
import { ParkedKeys } from './parking';
import { contextFromTraceHeaders } from './trace-context';

type AnyEvent = DomainEvent<object>;

/** One consumed message, read and validated once, before any transaction. */
type Entry =
  | { kind: 'event'; message: KafkaMessage; key: string | null; id: string; event: AnyEvent }
  | { kind: 'ignored'; message: KafkaMessage; key: string | null; id: string; type: string }
  | { kind: 'poison'; message: KafkaMessage; key: string | null; id: string; reason: DeadLetterReason; error: string };

interface DeadLetter {
  entry: Entry;
  reason: DeadLetterReason;
  error: string;
  attempts: number;
}

const tracer = trace.getTracer('@emporium/messaging');

/**
 * The service's one consumer group (see docs/architecture.md, "The event path"). For each partition's
 * batch it reads and validates every message, then applies them in chunks, one transaction per chunk:
 * the inbox entries of the chunk in one statement, then the handlers in partition order (a batch
 * handler gets each run of consecutive events of its type at once), then the parked-key changes and the
 * dead letters. Offsets are resolved only after the chunk commits.
 *
 * A failing chunk is split in halves until the one bad message is found; only that message is retried
 * and, if it keeps failing, dead-lettered. What happens on each kind of failure is decided by
 * failure-policy.ts. Its key is parked behind it, so per-key order survives dead letters (parking.ts).
 */
@Injectable()
export class EventConsumer implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly handlers = new Map<string, EventHandlerRegistration[]>();
  private readonly definitions = new Map<string, EventDefinition>();
  /** Unversioned names of the handled types, to tell "a version we don't handle" from "not ours". */
  private readonly handledNames = new Map<string, number[]>();
  private consumer?: Consumer;
  private stopping = false;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly connection: KafkaConnection,
    private readonly dataSource: DataSource,
  ) {}

  get groupId(): string {
    return prefixed(this.options, this.options.service);
  }

  /** The event types this service handles, for documentation and tests. */
  handledTypes(): string[] {
    return [...this.handlers.keys()].sort();
  }

  /** Called by KafkaEventTransport.listen with the @EventPattern handlers Nest found. */
  async start(registrations: EventHandlerRegistration[]): Promise<void> {
    for (const registration of registrations) {
      const definition = findEventDefinition(registration.type);
      if (!definition)
        throw new Error(`@EventPattern('${registration.type}'): no such event is declared in @emporium/contracts`);
      this.definitions.set(definition.type, definition);
      this.handlers.set(definition.type, [...(this.handlers.get(definition.type) ?? []), registration]);
      this.handledNames.set(definition.name, [
        ...new Set([...(this.handledNames.get(definition.name) ?? []), definition.version]),
      ]);
    }
    if (!this.options.consumer.enabled || this.handlers.size === 0) return;
    const topics = [
      ...new Set([...this.definitions.values()].map((definition) => prefixed(this.options, definition.topic))),
    ];
    this.consumer = this.connection.kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      // A crashed replica's partitions move to the others after this long without heartbeats.
      sessionTimeout: 10_000,
      heartbeatInterval: 3_000,
      // The broker answers a fetch as soon as data arrives; the cap only bounds how long shutdown waits.
      maxWaitTimeInMs: 1_000,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.consumer.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.consumeBatch(payload),
    });
    this.logger.log({ msg: 'consuming', groupId: this.groupId, topics });
  }

  /**
   * Before the database and producer close (they close in onApplicationShutdown): disconnect() waits for
   * the chunk in hand and commits the offsets of what was applied.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect();
  }

  private get policy(): FailurePolicyOptions {
    const { maxAttempts, retryBaseDelayMs, maxWaitMs } = this.options.consumer;
    return { maxAttempts, retryBaseDelayMs, maxWaitMs, maxDelayMs: 10_000 };
  }

  private async consumeBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
    commitOffsetsIfNecessary,
  }: EachBatchPayload): Promise<void> {
    const topic = unprefixed(this.options, batch.topic);
    const entries = batch.messages.map((message) => this.read(message));
    const size = this.options.consumer.chunkSize;
    for (let start = 0; start < entries.length; start += size) {
      if (!isRunning() || isStale() || this.stopping) return;
      const chunk = entries.slice(start, start + size);
      // Not settled: given back unresolved, so Kafka hands the same messages over again.
      if (!(await this.settle(topic, batch.partition, chunk, heartbeat, { waitedMs: 0 }))) return;
      const last = chunk[chunk.length - 1].message.offset;
      resolveOffset(last);
      messagingMetrics.consumerLag.set(
        { topic, partition: String(batch.partition) },
        Math.max(0, Number(batch.highWatermark) - Number(last) - 1),
      );
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  /**
   * Applies the chunk, or each of its messages, or dead-letters the ones that cannot be applied.
   * Returns false when the chunk must be given back (shutdown, or infrastructure away too long).
   */
  private async settle(
    topic: string,
    partition: number,
    chunk: Entry[],
    heartbeat: () => Promise<void>,
    budget: { waitedMs: number },
  ): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.applyChunk(topic, partition, chunk, attempt);
        return true;
      } catch (error) {
        const kind = classifyFailure(error);
        if ((kind === 'refusal' || kind === 'unknown') && chunk.length > 1) {
          // One message is bad, or one handler trips on one message: find it, apply the rest.
          const half = Math.ceil(chunk.length / 2);
          return (
            (await this.settle(topic, partition, chunk.slice(0, half), heartbeat, budget)) &&
            (await this.settle(topic, partition, chunk.slice(half), heartbeat, budget))
          );
        }
        const decision = decideOnFailure(kind, kind === 'infrastructure' ? 1 : attempt, budget.waitedMs, this.policy);
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        const first = chunk[0];
        if (decision.action === 'dead-letter') {
          this.logger.error({
            msg: 'handler failed; dead-lettering',
            topic,
            offset: first.message.offset,
            eventId: first.id,
            attempt,
            err: error,
          });
          await this.deadLetterAlone(
            topic,
            partition,
            first,
            kind === 'refusal' ? 'handler-refused' : 'handler-failed',
            reason,
            attempt,
          );
          return true;
        }
        if (decision.action === 'give-back' || this.stopping) {
          this.logger.warn({
            msg: 'giving the batch back unacknowledged',
            topic,
            partition,
            offset: first.message.offset,
            kind,
            error: reason,
          });
          return false;
        }
        this.logger.warn({
          msg: kind === 'infrastructure' ? 'database unavailable; waiting' : 'chunk failed; retrying',
          kind,
          topic,
          offset: first.message.offset,
          size: chunk.length,
          attempt,
          error: reason,
        });
        if (kind === 'infrastructure' || kind === 'contention') budget.waitedMs += decision.delayMs;
        await this.pause(decision.delayMs, heartbeat);
      }
    }
  }

  /** One transaction: parked keys, inbox entries, handlers in partition order, dead letters. */
  private async applyChunk(topic: string, partition: number, chunk: Entry[], attempt: number): Promise<void> {
    const consumer = this.options.service;
    // Other services' events (most of a shared stream) read and write nothing here: no transaction for them.
    if (chunk.every((entry) => entry.kind === 'ignored')) {
      for (const entry of chunk) messagingMetrics.eventsConsumed.inc({ type: entry.type, outcome: 'ignored' });
      return;
    }
    const outcomes: { type: string; outcome: string }[] = [];
    await this.dataSource.transaction(async (manager) => {
      outcomes.length = 0;
      const parked = await ParkedKeys.load(
        manager,
        consumer,
        topic,
        chunk.flatMap((entry) => (entry.key === null ? [] : [entry.key])),
      );
      const deadLetters: DeadLetter[] = [];
      const candidates: Extract<Entry, { kind: 'event' }>[] = [];
      for (const entry of chunk) {
        if (entry.kind === 'ignored') {
          outcomes.push({ type: entry.type, outcome: 'ignored' });
        } else if (parked.verdict(entry.key, entry.id) === 'follow') {
          parked.park(entry.key, entry.id, 'parked');
          deadLetters.push({
            entry,
            reason: 'parked',
            error: `an earlier message of key ${entry.key} is in the dead-letter topic`,
            attempts: 0,
          });
        } else if (entry.kind === 'poison') {
          parked.park(entry.key, entry.id, entry.reason);
          deadLetters.push({ entry, reason: entry.reason, error: entry.error, attempts: 1 });
        } else {
          // Assume it applies (if anything in the chunk fails, the whole chunk is rolled back and read
          // again): the next message of its key, later in this chunk, is then the head of the queue.
          parked.applied(entry.key, entry.id);
          candidates.push(entry);
        }
      }
      const fresh = await claimInboxEntries(manager, consumer, uniqueEvents(candidates));
      const apply: AnyEvent[] = [];
      for (const entry of candidates) {
        const isNew = fresh.delete(entry.id); // a second copy in the same chunk is a duplicate too
        if (isNew) apply.push(entry.event);
        outcomes.push({ type: entry.event.metadata.type, outcome: isNew ? 'applied' : 'duplicate' });
      }
      await this.runHandlers(apply, new EventContext(manager, topic, partition));
      if (parked.changed) await parked.save(manager, consumer, topic);
      // Before the commit: if Kafka refuses them, the chunk rolls back and nothing is lost. A crash after
      // the send and before the commit sends them again, which replay and the inbox absorb.
      if (deadLetters.length > 0) await this.sendDeadLetters(topic, partition, deadLetters, attempt);
    });
    for (const { type, outcome } of outcomes) messagingMetrics.eventsConsumed.inc({ type, outcome });
  }

  /** Consecutive events of one type go to batch handlers together; order across types is kept. */
  private async runHandlers(events: AnyEvent[], eventContext: EventContext): Promise<void> {
    for (let start = 0; start < events.length;) {
      const type = events[start].metadata.type;
      let end = start + 1;
      while (end < events.length && events[end].metadata.type === type) end++;
      const run = events.slice(start, end);
      const stopTimer = messagingMetrics.handlerSeconds.startTimer({ type });
      for (const handler of this.handlers.get(type) ?? []) {
        if (handler.batch) await this.traced(eventContext.topic, run, () => handler.invoke(run, eventContext));
        else
          for (const event of run)
            await this.traced(eventContext.topic, [event], () =>
              withCausation(event.metadata, () => handler.invoke(event, eventContext)),
            );
      }
      stopTimer();
      start = end;
    }
  }

  /** A consumer span: child of the message's trace for one event, linked to each message's trace for a batch. */
  private traced(topic: string, events: AnyEvent[], work: () => Promise<void>): Promise<void> {
    const single = events.length === 1 ? events[0].metadata : undefined;
    const parent = single ? contextFromTraceHeaders(single.traceParent, single.traceState) : context.active();
    const links: Link[] = single
      ? []
      : events.flatMap(({ metadata }) => {
          const spanContext = trace.getSpanContext(contextFromTraceHeaders(metadata.traceParent, metadata.traceState));
          return spanContext ? [{ context: spanContext }] : [];
        });
    return context.with(parent, () =>
      tracer.startActiveSpan(
        `${topic} process`,
        {
          kind: SpanKind.CONSUMER,
          links,
          attributes: {
            'messaging.system': 'kafka',
            'messaging.destination.name': topic,
            'messaging.kafka.consumer.group': this.groupId,
            'messaging.batch.message_count': events.length,
            ...(single ? { 'messaging.message.id': single.id, 'cloudevents.event_type': single.type } : {}),
          },
        },
        async (span) => {
          try {
            await work();
          } catch (error) {
            span.setStatus({
              code: SpanStatusCode.ERROR,
              message: error instanceof Error ? error.message : String(error),
            });
            throw error;
          } finally {
            span.end();
          }
        },
      ),
    );
  }

  /** A message that failed on its own: its key is parked behind it and it goes to the dead-letter topic. */
  private async deadLetterAlone(
    topic: string,
    partition: number,
    entry: Entry,
    reason: DeadLetterReason,
    error: string,
    attempts: number,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const parked = await ParkedKeys.load(manager, this.options.service, topic, entry.key === null ? [] : [entry.key]);
      parked.park(entry.key, entry.id, reason);
      await parked.save(manager, this.options.service, topic);
      await this.sendDeadLetters(topic, partition, [{ entry, reason, error, attempts }], attempts);
    });
  }

  private async sendDeadLetters(
    topic: string,
    partition: number,
    letters: DeadLetter[],
    attempt: number,
  ): Promise<void> {
    const producer = await this.connection.producer();
    await producer.send({
      topic: prefixed(this.options, deadLetterTopic(this.options.service)),
      acks: -1,
      messages: letters.map(({ entry, reason, error, attempts }) =>
        deadLetterMessage(
          entry.message,
          { topic: prefixed(this.options, topic), partition, consumerGroup: this.groupId },
          reason,
          error,
          attempts || attempt,
        ),
      ),
    });
    for (const { entry, reason, error } of letters) {
      messagingMetrics.deadLetters.inc({ reason });
      if (reason === 'parked') messagingMetrics.parkedMessages.inc();
      this.logger.warn({
        msg: 'message dead-lettered',
        topic,
        partition,
        offset: entry.message.offset,
        key: entry.key,
        reason,
        error,
      });
    }
  }

  /** Reads the envelope and validates the data: once per message, outside any transaction. */
  private read(message: KafkaMessage): Entry {
    const key = message.key?.toString('utf8') ?? null;
    let metadata: EventMetadata;
    try {
      metadata = fromCloudEventHeaders(headersAsStrings(message.headers));
    } catch (error) {
      if (!(error instanceof EnvelopeError)) throw error;
      return {
        kind: 'poison',
        message,
        key,
        id: fingerprint(message),
        reason: 'invalid-envelope',
        error: error.message,
      };
    }
    const id = metadata.id.toLowerCase();
    const definition = this.definitions.get(metadata.type);
    if (!definition) {
      const [name, version] = splitType(metadata.type);
      const handledVersions = this.handledNames.get(name);
      // Another service's event on a shared stream: not ours to judge. A version of an event we handle
      // that we do not understand is ours: silently skipping a newer one would lose it. An older one is
      // what a producer keeps publishing beside its successor for subscribers that have not migrated
      // (orders.order.cancelled v1 beside v2): we read the successor, so the older copy is skipped.
      if (!handledVersions) return { kind: 'ignored', message, key, id, type: metadata.type };
      if (version !== undefined && Number(version.slice(1)) < Math.min(...handledVersions))
        return { kind: 'ignored', message, key, id, type: metadata.type };
      return {
        kind: 'poison',
        message,
        key,
        id,
        reason: 'unknown-event-type',
        error: `${metadata.type}: this consumer handles ${name} in version(s) ${handledVersions.map((v) => `v${v}`).join(', ')}, not ${version ?? 'unversioned'}`,
      };
    }
    let raw: unknown;
    try {
      raw = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch (error) {
      return {
        kind: 'poison',
        message,
        key,
        id,
        reason: 'invalid-json',
        error: `value is not JSON: ${(error as Error).message}`,
      };
    }
    const validated = validateEventData(definition, raw);
    if (!validated.ok) {
      const violations = validated.violations.map((v) => `${v.field}: ${v.message}`).join('; ');
      return {
        kind: 'poison',
        message,
        key,
        id,
        reason: 'invalid-data',
        error: `${definition.type} failed validation: ${violations}`,
      };
    }
    return { kind: 'event', message, key, id, event: { metadata: { ...metadata, id }, data: validated.data } };
  }

  /** Sleeps in slices, heartbeating, so a long wait never gets this member evicted from the group. */
  private async pause(ms: number, heartbeat: () => Promise<void>): Promise<void> {
    for (let left = ms; left > 0 && !this.stopping; left -= 1000) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(left, 1000)));
      await heartbeat().catch(() => undefined);
    }
  }
}

/** For a message without a readable ce_id: a stable identity across redelivery and replay. */
function fingerprint(message: KafkaMessage): string {
  return `sha256:${createHash('sha256')
    .update(message.value ?? Buffer.alloc(0))
    .digest('hex')}`;
}

function splitType(type: string): [string, string | undefined] {
  const match = /^(.*)\.(v\d+)$/.exec(type);
  return match ? [match[1], match[2]] : [type, undefined];
}

function uniqueEvents(entries: { event: AnyEvent }[]): { id: string; type: string }[] {
  const seen = new Map<string, string>();
  for (const { event } of entries) seen.set(event.metadata.id, event.metadata.type);
  return [...seen].map(([id, type]) => ({ id, type }));
}

export type { EntityManager };
