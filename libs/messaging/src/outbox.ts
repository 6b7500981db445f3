import { Inject, Injectable } from '@nestjs/common';
import {
  DomainEvent,
  EventDefinition,
  EventMetadata,
  FieldViolation,
  sourceOf,
  toCloudEventHeaders,
  validateEventData,
} from '@emporium/contracts';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { currentTraceHeaders } from './trace-context';

/** A producer tried to publish data its own contract rejects: a bug, so it fails the transaction. */
export class InvalidEventError extends Error {
  constructor(
    readonly type: string,
    readonly violations: FieldViolation[],
  ) {
    super(`${type} does not match its contract: ${violations.map((v) => `${v.field}: ${v.message}`).join('; ')}`);
  }
}

export interface PublishOptions {
  /**
   * The event being handled: carries its correlation id forward and becomes the causation id. Inside
   * a single-event handler it is the handled event without saying so; batch handlers name it.
   */
  causedBy?: EventMetadata;
  correlationId?: string;
}

export interface PendingEvent<T extends object = object> extends PublishOptions {
  definition: EventDefinition<T>;
  data: T;
}

const causation = new AsyncLocalStorage<EventMetadata>();

/** Runs `work` with `cause` as the default causation of everything it publishes. */
export function withCausation<T>(cause: EventMetadata, work: () => Promise<T>): Promise<T> {
  return causation.run(cause, work);
}

/** Set on a transaction's query runner when it wrote to the outbox: its commit wakes the relay. */
export const OUTBOX_WRITTEN = 'emporium.outboxWritten';

/**
 * Writes events into the service's outbox table with the caller's transaction, so the state change and
 * its events commit or roll back together. The relay sends them after the commit.
 */
@Injectable()
export class Outbox {
  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {}

  async publish<T extends object>(
    manager: EntityManager,
    definition: EventDefinition<T>,
    data: T,
    options: PublishOptions = {},
  ): Promise<DomainEvent<T>> {
    const [event] = await this.publishAll(manager, [{ definition, data, ...options }]);
    return event as DomainEvent<T>;
  }

  /** Several events in one INSERT: what batch handlers use. Validated one by one; all or none are written. */
  async publishAll(manager: EntityManager, pending: PendingEvent[]): Promise<DomainEvent<object>[]> {
    if (pending.length === 0) return [];
    const events = pending.map((item) => this.toEvent(item));
    await manager.query(
      `INSERT INTO messaging_outbox (event_id, topic, message_key, event_type, headers, payload)
       SELECT i, t, k, y, h, p FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[]) WITH ORDINALITY AS e(i, t, k, y, h, p, n)
        ORDER BY n`,
      [
        events.map((e) => e.event.metadata.id),
        events.map((e) => e.topic),
        events.map((e) => e.event.metadata.subject),
        events.map((e) => e.event.metadata.type),
        events.map((e) => JSON.stringify(toCloudEventHeaders(e.event.metadata))),
        events.map((e) => JSON.stringify(e.event.data)),
      ],
    );
    if (manager.queryRunner) manager.queryRunner.data = { ...manager.queryRunner.data, [OUTBOX_WRITTEN]: true };
    return events.map((e) => e.event);
  }

  private toEvent({ definition, data, causedBy: explicitCause, correlationId }: PendingEvent): {
    topic: string;
    event: DomainEvent<object>;
  } {
    const validated = validateEventData(definition, data);
    if (!validated.ok) throw new InvalidEventError(definition.type, validated.violations);
    const causedBy = explicitCause ?? causation.getStore();
    const id = randomUUID();
    const trace = currentTraceHeaders();
    const metadata: EventMetadata = {
      id,
      type: definition.type,
      source: sourceOf(this.options.service),
      time: new Date().toISOString(),
      subject: definition.subjectOf(validated.data),
      correlationId: correlationId ?? causedBy?.correlationId ?? causedBy?.id ?? id,
      causationId: causedBy?.id,
      // Outside a span (a batch handler) the causing message's trace goes on, so an order stays one trace.
      traceParent: trace.traceParent ?? causedBy?.traceParent,
      traceState: trace.traceParent ? trace.traceState : causedBy?.traceState,
    };
    // Serialise the validated instance, so stripped unknown fields never reach the wire.
    return { topic: definition.topic, event: { metadata, data: JSON.parse(JSON.stringify(validated.data)) } };
  }
}
