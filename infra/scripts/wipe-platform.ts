/**
 * Forgets everything the `npm start` platform holds, so the next `npm start` begins empty: drops each
 * service's database, deletes the platform's topics (streams and dead-letter topics) and the services'
 * consumer groups. Test runs (their own databases, topic prefix and groups) are left alone, and so are
 * PostgreSQL and Kafka themselves. Run by `infra/scripts/platform.sh wipe` after it has stopped the services.
 *   node -r @swc-node/register infra/scripts/wipe-platform.ts
 * Why: benchmarks leave thousands of orders behind, and on the next run every service first works
 * through that backlog (customer-service was 15,000 events behind once), which measures the backlog.
 */
import { allTopicSpecs, SERVICES } from '@emporium/contracts';
import { createKafka } from '@emporium/messaging';
import { kafkaClientSettings, platformDefaults } from '@emporium/platform';
import { Client } from 'pg';

const services = [...SERVICES];

async function main() {
  const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
  const { brokers, security } = kafkaClientSettings();
  const admin = createKafka('emporium-wipe', brokers, security).admin();
  await admin.connect();
  try {
    const groups = new Set((await admin.listGroups()).groups.map((group) => group.groupId));
    const ours = services.map((service) => prefix + service).filter((group) => groups.has(group));
    if (ours.length > 0) await admin.deleteGroups(ours);
    const existing = new Set(await admin.listTopics());
    const topics = allTopicSpecs()
      .map((spec) => prefix + spec.name)
      .filter((topic) => existing.has(topic));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
    console.log(`[wipe] deleted ${topics.length} topics and ${ours.length} consumer groups`);
  } finally {
    await admin.disconnect();
  }
  for (const service of services) {
    const url = new URL(platformDefaults(service, 0).DATABASE_URL);
    const database = url.pathname.slice(1);
    url.pathname = '/postgres';
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, '""')}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
  console.log(`[wipe] dropped the databases of ${services.join(', ')}`);
}

main().catch((error) => {
  console.error('[wipe] failed:', error.message);
  process.exit(1);
});
