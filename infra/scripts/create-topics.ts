/**
 * Creates every platform topic (streams and dead-letter topics) with its partition count.
 *   node -r @swc-node/register infra/scripts/create-topics.ts
 * KAFKA_BROKERS, KAFKA_TOPIC_PREFIX and the KAFKA_SSL_* / KAFKA_SASL_* settings as for the services.
 */
import { allTopicSpecs } from '@emporium/contracts';
import { createKafka, ensureTopics } from '@emporium/messaging';
import { kafkaClientSettings } from '@emporium/platform';

async function main() {
  const { brokers, security } = kafkaClientSettings();
  const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
  const created = await ensureTopics(createKafka('emporium-topics', brokers, security), prefix);
  console.log(
    `[topics] ${allTopicSpecs().length} topics present; created ${created.length === 0 ? 'none' : created.join(', ')}`,
  );
}

main().catch((error) => {
  console.error('[topics] failed:', error.message);
  process.exit(1);
});
