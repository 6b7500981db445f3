import { EventDefinition, keyFieldOf } from '../event-definition';
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
    [CloudEventHeaders.id]: {
      type: 'string',
      format: 'uuid',
      description: 'Unique per event; consumers deduplicate on it.',
    },
    [CloudEventHeaders.source]: { type: 'string', description: '/emporium/<service>' },
    [CloudEventHeaders.type]: { type: 'string', description: '<service>.<aggregate>.<verb>.v<version>' },
    [CloudEventHeaders.time]: { type: 'string', format: 'date-time' },
    [CloudEventHeaders.subject]: { type: 'string', description: 'Aggregate id; also the Kafka message key.' },
    [CloudEventHeaders.contentType]: { type: 'string', const: 'application/json' },
    [CloudEventHeaders.correlationId]: {
      type: 'string',
      description: 'The id of the request or event that started the flow.',
    },
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
      description: `Kafka key: the \`${keyFieldOf(definition)}\` of the data (also ce_subject).`,
      bindings: {
        kafka: {
          key: { type: 'string', description: `The ${keyFieldOf(definition)} of the data (same as ce_subject).` },
          bindingVersion: '0.5.0',
        },
      },
      examples: [
        {
          name: 'example',
          headers: { ce_type: definition.type, ce_source: `/emporium/${producerOf(definition)}` },
          payload: definition.example,
        },
      ],
    };
    channels[channelId] ??= {
      address: definition.topic,
      description: channelDescription(definition.topic, events),
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
    servers: {
      production: {
        host: '{bootstrap}',
        protocol: 'kafka-secure',
        description:
          'A managed or Strimzi cluster over TLS (KAFKA_SSL_ENABLED, KAFKA_SSL_CA_FILE; KAFKA_SSL_CERT_FILE and ' +
          'KAFKA_SSL_KEY_FILE for mutual TLS) with SASL: KAFKA_SASL_MECHANISM scram-sha-512, scram-sha-256, plain or ' +
          'oauthbearer (KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE; ' +
          'KAFKA_SASL_OAUTHBEARER_TOKEN_FILE). See docs/operations.md.',
        variables: {
          bootstrap: {
            description: 'KAFKA_BROKERS: the bootstrap brokers, host:port[,host:port]',
            default: 'kafka-bootstrap:9093',
          },
        },
        security: [
          { $ref: '#/components/securitySchemes/scramSha512' },
          { $ref: '#/components/securitySchemes/scramSha256' },
          { $ref: '#/components/securitySchemes/plain' },
          { $ref: '#/components/securitySchemes/oauthBearer' },
          { $ref: '#/components/securitySchemes/mutualTls' },
        ],
        bindings: { kafka: { bindingVersion: '0.5.0' } },
      },
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description: 'PLAINTEXT, no authentication: infra/scripts/infra.sh up',
        bindings: { kafka: { bindingVersion: '0.5.0' } },
      },
      'local-sasl': {
        host: '127.0.0.1:9094',
        protocol: 'kafka',
        description:
          'SASL_PLAINTEXT with SCRAM (user emporium, password emporium-dev-secret): the same broker, for testing the SASL path',
        security: [
          { $ref: '#/components/securitySchemes/scramSha512' },
          { $ref: '#/components/securitySchemes/scramSha256' },
        ],
        bindings: { kafka: { bindingVersion: '0.5.0' } },
      },
    },
    channels,
    operations,
    components: {
      messages,
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        scramSha512: {
          type: 'scramSha512',
          description: 'SASL/SCRAM-SHA-512 (KAFKA_SASL_MECHANISM=scram-sha-512): MSK, Strimzi scram-sha-512 listeners',
        },
        scramSha256: { type: 'scramSha256', description: 'SASL/SCRAM-SHA-256 (KAFKA_SASL_MECHANISM=scram-sha-256)' },
        plain: {
          type: 'plain',
          description: 'SASL/PLAIN over TLS (KAFKA_SASL_MECHANISM=plain): Confluent Cloud API keys',
        },
        oauthBearer: {
          type: 'oauth2',
          description:
            'SASL/OAUTHBEARER (KAFKA_SASL_MECHANISM=oauthbearer): the token is read from KAFKA_SASL_OAUTHBEARER_TOKEN_FILE on every authentication',
          flows: {},
        },
        mutualTls: { type: 'X509', description: 'TLS client certificate (KAFKA_SSL_CERT_FILE, KAFKA_SSL_KEY_FILE)' },
      },
    },
  };
}

/** What keys a stream: one field for all its events, or, where a stream mixes keys, each key with its events. */
function channelDescription(topic: string, events: readonly EventDefinition[]): string {
  const stream = topic.split('.').slice(0, 2).join(' ');
  const byKey = new Map<string, string[]>();
  for (const definition of events.filter((d) => d.topic === topic)) {
    byKey.set(keyFieldOf(definition), [
      ...(byKey.get(keyFieldOf(definition)) ?? []),
      definition.name.split('.').pop() as string,
    ]);
  }
  if (byKey.size === 1)
    return `Stream of ${stream} events, keyed by \`${[...byKey.keys()][0]}\`: one key's events are in order.`;
  const parts = [...byKey].map(([field, names]) => `by \`${field}\` for ${names.join(', ')}`);
  return `Stream of ${stream} events with more than one key: ${parts.join('; ')}. Order holds per key only: two events with different keys (one SKU's level and one order's reservation) may be read in either order.`;
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
