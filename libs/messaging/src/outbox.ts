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
  /** The event being handled, if any: carries its correlation id forward and becomes the causation id. */
  causedBy?: EventMetadata;
  correlationId?: string;
}

/**
 * Writes events into the service's outbox table with the caller's transaction, so the state change and
 * its events commit or roll back together. The relay sends them later.
 */
@Injectable()
export class Outbox {
  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {}

  async publish<T extends object>(
    manager: EntityManager,
    definition: EventDefinition<T>,
    data: T,
    publishOptions: PublishOptions = {},
  ): Promise<DomainEvent<T>> {
    const validated = validateEventData(definition, data);
    if (!validated.ok) throw new InvalidEventError(definition.type, validated.violations);

    const id = randomUUID();
    const causedBy = publishOptions.causedBy;
    const metadata: EventMetadata = {
      id,
      type: definition.type,
      source: sourceOf(this.options.service),
      time: new Date().toISOString(),
      subject: definition.subjectOf(validated.data),
      correlationId: publishOptions.correlationId ?? causedBy?.correlationId ?? causedBy?.id ?? id,
      causationId: causedBy?.id,
      ...currentTraceHeaders(),
    };
    // Serialise the validated instance, so stripped unknown fields never reach the wire.
    const payload = JSON.parse(JSON.stringify(validated.data));
    await manager.query(
      `INSERT INTO messaging_outbox (event_id, topic, message_key, event_type, headers, payload)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, definition.topic, metadata.subject, definition.type, toCloudEventHeaders(metadata), payload],
    );
    return { metadata, data: validated.data };
  }
}
