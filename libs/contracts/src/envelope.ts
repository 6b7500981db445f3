/**
 * CloudEvents 1.0 in Kafka binary mode: the event's attributes travel as `ce_*` headers and the
 * message value is the JSON `data` alone, so any CloudEvents SDK can read our topics.
 * Extension attribute names must be lower-case alphanumerics, hence `ce_correlationid`.
 */
export const CloudEventHeaders = {
  specVersion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  time: 'ce_time',
  subject: 'ce_subject',
  contentType: 'content-type',
  correlationId: 'ce_correlationid',
  causationId: 'ce_causationid',
  /** W3C trace context, as OpenTelemetry's messaging conventions carry it. */
  traceParent: 'traceparent',
  traceState: 'tracestate',
} as const;

export const CLOUD_EVENTS_SPEC_VERSION = '1.0';
export const EVENT_CONTENT_TYPE = 'application/json';

/** The attributes of one event, independent of how they travel. */
export interface EventMetadata {
  id: string;
  /** Full versioned type, e.g. `orders.order.placed.v1`. */
  type: string;
  source: string;
  time: string;
  subject: string;
  correlationId?: string;
  causationId?: string;
  traceParent?: string;
  traceState?: string;
}

/** An event as a handler sees it: validated data plus its attributes. */
export interface DomainEvent<T> {
  metadata: EventMetadata;
  data: T;
}

export function sourceOf(service: string): string {
  return `/emporium/${service}`;
}

/** Kafka headers for an event (values are strings; kafkajs turns them into bytes). */
export function toCloudEventHeaders(metadata: EventMetadata): Record<string, string> {
  const headers: Record<string, string> = {
    [CloudEventHeaders.specVersion]: CLOUD_EVENTS_SPEC_VERSION,
    [CloudEventHeaders.id]: metadata.id,
    [CloudEventHeaders.source]: metadata.source,
    [CloudEventHeaders.type]: metadata.type,
    [CloudEventHeaders.time]: metadata.time,
    [CloudEventHeaders.subject]: metadata.subject,
    [CloudEventHeaders.contentType]: EVENT_CONTENT_TYPE,
  };
  if (metadata.correlationId) headers[CloudEventHeaders.correlationId] = metadata.correlationId;
  if (metadata.causationId) headers[CloudEventHeaders.causationId] = metadata.causationId;
  if (metadata.traceParent) headers[CloudEventHeaders.traceParent] = metadata.traceParent;
  if (metadata.traceState) headers[CloudEventHeaders.traceState] = metadata.traceState;
  return headers;
}

export class EnvelopeError extends Error {}

/** Reads the attributes back from Kafka headers; throws EnvelopeError naming what is missing. */
export function fromCloudEventHeaders(headers: Record<string, string | undefined>): EventMetadata {
  const required = ['specVersion', 'id', 'source', 'type', 'time', 'subject'] as const;
  const missing = required.filter((name) => !headers[CloudEventHeaders[name]]);
  if (missing.length > 0) {
    throw new EnvelopeError(`missing CloudEvents header(s): ${missing.map((m) => CloudEventHeaders[m]).join(', ')}`);
  }
  if (headers[CloudEventHeaders.specVersion] !== CLOUD_EVENTS_SPEC_VERSION) {
    throw new EnvelopeError(`unsupported ce_specversion ${headers[CloudEventHeaders.specVersion]}`);
  }
  return {
    id: headers[CloudEventHeaders.id]!,
    source: headers[CloudEventHeaders.source]!,
    type: headers[CloudEventHeaders.type]!,
    time: headers[CloudEventHeaders.time]!,
    subject: headers[CloudEventHeaders.subject]!,
    correlationId: headers[CloudEventHeaders.correlationId],
    causationId: headers[CloudEventHeaders.causationId],
    traceParent: headers[CloudEventHeaders.traceParent],
    traceState: headers[CloudEventHeaders.traceState],
  };
}
