import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import {
  deadLetterTopic,
  DomainEvent,
  EnvelopeError,
  EventDefinition,
  EventMetadata,
  fromCloudEventHeaders,
  validateEventData,
} from '@emporium/contracts';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { DeadLetterReason, deadLetterMessage, headersAsStrings } from './dead-letters';
import { claimInboxEntry } from './inbox';
import { isInfrastructureError } from './infrastructure-errors';
import { KafkaConnection } from './kafka-connection';
import { messagingMetrics } from './messaging.metrics';
import { MESSAGING_OPTIONS, MessagingOptions, prefixed, unprefixed } from './messaging.options';
import { ON_EVENT_METADATA } from './on-event.decorator';
import { contextFromTraceHeaders } from './trace-context';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers of different event types share one dispatch table
type BoundHandler = (event: DomainEvent<any>, manager: EntityManager) => Promise<void>;

/** Shutdown began while a message waited for the database: leave it unacknowledged for redelivery. */
class ConsumerStopping extends Error {}

/** A message that can never succeed, whatever the retries: dead-letter it at once. */
class PoisonMessage extends Error {
  constructor(
    readonly reason: DeadLetterReason,
    message: string,
  ) {
    super(message);
  }
}

const tracer = trace.getTracer('@emporium/messaging');

/**
 * The service's one consumer group. It finds every @OnEvent handler, subscribes to their topics, and for
 * each message: reads the CloudEvents envelope, validates the data against the contract, then applies
 * it in one transaction with the inbox entry. Offsets are resolved only after that commit. A failing
 * message is retried with backoff, then dead-lettered, and the partition moves on.
 */
@Injectable()
export class EventConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly handlers = new Map<string, { definition: EventDefinition; run: BoundHandler[] }>();
  private consumer?: Consumer;
  private stopping = false;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly connection: KafkaConnection,
    private readonly dataSource: DataSource,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  get groupId(): string {
    return prefixed(this.options, this.options.service);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.discoverHandlers();
    if (!this.options.consumer.enabled || this.handlers.size === 0) return;
    const topics = [...new Set([...this.handlers.values()].map(({ definition }) => prefixed(this.options, definition.topic)))];
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
   * the batch in hand to finish and commits the offsets of what was applied.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.consumer?.disconnect();
  }

  /** The event types this service handles, for documentation and tests. */
  handledTypes(): string[] {
    return [...this.handlers.keys()].sort();
  }

  private discoverHandlers(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const definition = this.reflector.get<EventDefinition | undefined>(ON_EVENT_METADATA, prototype[methodName]);
        if (!definition) continue;
        const entry = this.handlers.get(definition.type) ?? { definition, run: [] };
        entry.run.push(prototype[methodName].bind(instance));
        this.handlers.set(definition.type, entry);
      }
    }
  }

  private async consumeBatch({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }: EachBatchPayload) {
    for (const message of batch.messages) {
      if (!isRunning() || isStale() || this.stopping) break;
      try {
        await this.consumeMessage(batch.topic, batch.partition, message);
      } catch (error) {
        if (error instanceof ConsumerStopping) break; // not resolved: redelivered after the restart
        throw error;
      }
      resolveOffset(message.offset);
      messagingMetrics.consumerLag.set(
        { topic: batch.topic, partition: String(batch.partition) },
        Math.max(0, Number(batch.highWatermark) - Number(message.offset) - 1),
      );
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  /** Applies one message, or dead-letters it. Never throws for a bad message: the partition must move on. */
  async consumeMessage(topic: string, partition: number, message: KafkaMessage): Promise<void> {
    let metadata: EventMetadata;
    let definition: EventDefinition | undefined;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers of different event types share one dispatch table
    let event: DomainEvent<any>;
    try {
      metadata = this.readEnvelope(message);
      const handled = this.handlers.get(metadata.type);
      if (!handled) {
        // Another consumer's event on a shared stream (or a type we do not know yet): not ours to judge.
        messagingMetrics.eventsConsumed.inc({ type: metadata.type, outcome: 'ignored' });
        return;
      }
      definition = handled.definition;
      event = { metadata, data: this.readData(definition, message) };
    } catch (error) {
      if (error instanceof PoisonMessage) return this.deadLetter(topic, partition, message, error.reason, error.message, 1);
      throw error;
    }

    const parent = contextFromTraceHeaders(metadata.traceParent, metadata.traceState);
    await context.with(parent, () =>
      tracer.startActiveSpan(
        `${unprefixed(this.options, topic)} process`,
        {
          kind: SpanKind.CONSUMER,
          attributes: {
            'messaging.system': 'kafka',
            'messaging.destination.name': topic,
            'messaging.kafka.consumer.group': this.groupId,
            'messaging.message.id': metadata.id,
            'cloudevents.event_type': metadata.type,
          },
        },
        async (span) => {
          try {
            await this.applyWithRetries(event, topic, partition, message);
          } finally {
            span.end();
          }
        },
      ),
    );
  }

  private readEnvelope(message: KafkaMessage): EventMetadata {
    try {
      return fromCloudEventHeaders(headersAsStrings(message.headers));
    } catch (error) {
      if (error instanceof EnvelopeError) throw new PoisonMessage('invalid-envelope', error.message);
      throw error;
    }
  }

  private readData(definition: EventDefinition, message: KafkaMessage): object {
    let raw: unknown;
    try {
      raw = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch (error) {
      throw new PoisonMessage('invalid-json', `value is not JSON: ${(error as Error).message}`);
    }
    const validated = validateEventData(definition, raw);
    if (!validated.ok) {
      throw new PoisonMessage(
        'invalid-data',
        `${definition.type} failed validation: ${validated.violations.map((v) => `${v.field}: ${v.message}`).join('; ')}`,
      );
    }
    return validated.data;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers of different event types share one dispatch table
  private async applyWithRetries(event: DomainEvent<any>, topic: string, partition: number, message: KafkaMessage) {
    const { maxAttempts, retryBaseDelayMs } = this.options.consumer;
    const span = trace.getActiveSpan();
    for (let attempt = 1; ; attempt++) {
      const stopTimer = messagingMetrics.handlerSeconds.startTimer({ type: event.metadata.type });
      try {
        const outcome = await this.apply(event);
        messagingMetrics.eventsConsumed.inc({ type: event.metadata.type, outcome });
        return;
      } catch (error) {
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        if (isInfrastructureError(error)) {
          // Not this message's fault: wait for the database without spending attempts, and never
          // dead-letter for it. During shutdown, give the message back instead.
          if (this.stopping) throw new ConsumerStopping(reason);
          this.logger.warn({ msg: 'database unavailable; waiting', type: event.metadata.type, eventId: event.metadata.id, error: reason });
          attempt -= 1;
          await sleep(1000);
          continue;
        }
        if (attempt >= maxAttempts) {
          span?.setStatus({ code: SpanStatusCode.ERROR, message: reason });
          this.logger.error({ msg: 'handler failed; dead-lettering', type: event.metadata.type, eventId: event.metadata.id, attempt, err: error });
          return this.deadLetter(topic, partition, message, 'handler-failed', reason, attempt);
        }
        this.logger.warn({ msg: 'handler failed; retrying', type: event.metadata.type, eventId: event.metadata.id, attempt, error: reason });
        await sleep(Math.min(retryBaseDelayMs * 2 ** (attempt - 1), 10_000));
      } finally {
        stopTimer();
      }
    }
  }

  /** One transaction: inbox entry first, then every handler's effects. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers of different event types share one dispatch table
  private async apply(event: DomainEvent<any>): Promise<'applied' | 'duplicate'> {
    const handlers = this.handlers.get(event.metadata.type)!.run;
    return this.dataSource.transaction(async (manager) => {
      const first = await claimInboxEntry(manager, this.options.service, event.metadata.id, event.metadata.type);
      if (!first) return 'duplicate';
      for (const handle of handlers) await handle(event, manager);
      return 'applied';
    });
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, reason: DeadLetterReason, error: string, attempts: number) {
    const producer = await this.connection.producer();
    await producer.send({
      topic: prefixed(this.options, deadLetterTopic(this.options.service)),
      acks: -1,
      messages: [deadLetterMessage(message, { topic, partition, consumerGroup: this.groupId }, reason, error, attempts)],
    });
    messagingMetrics.deadLetters.inc({ reason });
    this.logger.warn({ msg: 'message dead-lettered', topic, partition, offset: message.offset, reason, error });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
