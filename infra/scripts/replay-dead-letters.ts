/**
 * Puts a service's dead letters back on their original topics (after the cause is fixed).
 *   npm run dlq:replay -- <service> [--limit N]
 * KAFKA_BROKERS, KAFKA_TOPIC_PREFIX and the KAFKA_SSL_* / KAFKA_SASL_* settings as for the services.
 * Safe to repeat: consumers skip events they already applied (inbox on ce_id).
 */
import { createKafka, replayDeadLetters } from '@emporium/messaging';
import { kafkaClientSettings } from '@emporium/platform';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { limit: { type: 'string' } } });
const service = positionals[0];
if (!service) {
  console.error('usage: npm run dlq:replay -- <service> [--limit N]');
  process.exit(2);
}

const { brokers, security } = kafkaClientSettings();
replayDeadLetters(createKafka('emporium-dlq-replay', brokers, security), {
  service,
  topicPrefix: process.env.KAFKA_TOPIC_PREFIX ?? '',
  limit: values.limit ? Number(values.limit) : undefined,
})
  .then((result) => console.log(`[dlq] replayed ${result.replayed} message(s) from ${service}.dlq`, result.byTopic))
  .catch((error) => {
    console.error('[dlq] replay failed:', error.message);
    process.exit(1);
  });
