import { EventDefinition } from '../event-definition';
import { CloudEventHeaders } from '../envelope';
import { deadLetterTopic, SERVICES } from '../topics';
import { eventDataSchema, JsonSchema } from './json-schema';

function messageName(definition: EventDefinition): string {
  return definition.type.replace(/[^A-Za-z0-9]+/g, '_');
}

function producerOf(definition: EventDefinition): string {
  return definition.name.split('.')[0];
}

const cloudEventsHeaders: JsonSchema = {
  type: 'object',
  required: [
    CloudEventHeaders.specVersion,
    CloudEventHeaders.id,
    CloudEventHeaders.source,
    CloudEventHeaders.type,
    CloudEventHeaders.time,
    CloudEventHeaders.subject,
    CloudEventHeaders.contentType,
  ],
  properties: {
    [CloudEventHeaders.specVersion]: { type: 'string', const: '1.0' },
    [CloudEventHeaders.id]: { type: 'string', format: 'uuid', description: 'Unique per event; consumers deduplicate on it.' },
    [CloudEventHeaders.source]: { type: 'string', description: '/emporium/<service>' },
    [CloudEventHeaders.type]: { type: 'string', description: '<service>.<aggregate>.<verb>.v<version>' },
    [CloudEventHeaders.time]: { type: 'string', format: 'date-time' },
    [CloudEventHeaders.subject]: { type: 'string', description: 'Aggregate id; also the Kafka message key.' },
    [CloudEventHeaders.contentType]: { type: 'string', const: 'application/json' },
    [CloudEventHeaders.correlationId]: { type: 'string', description: 'The id of the request or event that started the flow.' },
    [CloudEventHeaders.causationId]: { type: 'string', description: 'The ce_id of the event this one reacts to.' },
    [CloudEventHeaders.traceParent]: { type: 'string', description: 'W3C trace context.' },
  },
};

/** An AsyncAPI 3.0 document: one channel per topic, one message per event version, send operations per producer. */
export function asyncApiDocument(events: readonly EventDefinition[], version: string): JsonSchema {
  const channels: JsonSchema = {};
  const operations: JsonSchema = {};
  const messages: JsonSchema = {};
  const schemas: JsonSchema = {};

  for (const definition of events) {
    const channelId = definition.topic.replace(/[^A-Za-z0-9]+/g, '_');
    const name = messageName(definition);
    messages[name] = {
      name: definition.type,
      title: definition.type,
      summary: definition.summary,
      contentType: 'application/json',
      headers: cloudEventsHeaders,
      payload: payloadSchema(definition, schemas),
      bindings: { kafka: { key: { type: 'string', description: 'The aggregate id (same as ce_subject).' } } },
      examples: [{ name: 'example', headers: { ce_type: definition.type, ce_source: `/emporium/${producerOf(definition)}` }, payload: definition.example }],
    };
    channels[channelId] ??= {
      address: definition.topic,
      description: `Stream of ${definition.topic.split('.').slice(0, 2).join(' ')} events, keyed by aggregate id.`,
      messages: {},
    };
    channels[channelId].messages[name] = { $ref: `#/components/messages/${name}` };
    const operationId = `${producerOf(definition)}_publishes_${channelId}`;
    operations[operationId] ??= { action: 'send', channel: { $ref: `#/channels/${channelId}` }, messages: [] };
    operations[operationId].messages.push({ $ref: `#/channels/${channelId}/messages/${name}` });
  }

  for (const service of SERVICES) {
    const channelId = deadLetterTopic(service).replace(/[^A-Za-z0-9]+/g, '_');
    channels[channelId] = {
      address: deadLetterTopic(service),
      description:
        `Dead letters of ${service}: the original key, value and headers, plus dlq_reason, dlq_error, ` +
        'dlq_original_topic, dlq_original_partition, dlq_original_offset, dlq_consumer_group and dlq_failed_at headers.',
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Emporium domain events',
      version,
      description:
        'The public event contract of Emporium. CloudEvents 1.0 in Kafka binary mode: attributes as ce_* headers, ' +
        'the value is the JSON data. Topics are `<service>.<aggregate>.v<major>`; additive optional fields keep a ' +
        'version, anything else is a new version. Money is integer minor units with an ISO 4217 currency; times are ' +
        'ISO 8601 UTC; ids are UUIDs.',
    },
    defaultContentType: 'application/json',
    servers: { local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'infra/scripts/infra.sh up' } },
    channels,
    operations,
    components: { messages, schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))) },
  };
}

/**
 * The event's JSON Schema as an AsyncAPI payload: nested classes move to components.schemas (shared by
 * every message that uses them) and references are rewritten to point there.
 */
function payloadSchema(definition: EventDefinition, schemas: JsonSchema): JsonSchema {
  const { $schema: _dialect, $id: _id, definitions, ...payload } = eventDataSchema(definition);
  for (const [name, schema] of Object.entries<JsonSchema>(definitions ?? {})) schemas[name] = toComponentRefs(schema);
  return toComponentRefs(payload);
}

function toComponentRefs(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/definitions\//g, '"#/components/schemas/'));
}
