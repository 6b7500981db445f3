/**
 * Creates every platform topic (streams and dead-letter topics) with its partition count.
 *   node -r @swc-node/register infra/scripts/create-topics.ts
 * KAFKA_BROKERS and KAFKA_TOPIC_PREFIX as for the services.
 */
import { allTopicSpecs } from '@emporium/contracts';
import { createKafka, ensureTopics } from '@emporium/messaging';

async function main() {
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
  const created = await ensureTopics(createKafka('emporium-topics', brokers), prefix);
  console.log(`[topics] ${allTopicSpecs().length} topics present; created ${created.length === 0 ? 'none' : created.join(', ')}`);
}

main().catch((error) => {
  console.error('[topics] failed:', error.message);
  process.exit(1);
});
