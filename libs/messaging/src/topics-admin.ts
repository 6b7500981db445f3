import { allTopicSpecs, TopicSpec } from '@emporium/contracts';
import { Kafka } from 'kafkajs';

/**
 * Creates the platform's topics (with their partition counts) when missing. Auto-creation is off on
 * the broker: a typo in a topic name should fail, not silently create a new stream.
 */
export async function ensureTopics(kafka: Kafka, prefix: string, specs: TopicSpec[] = allTopicSpecs()): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(`${prefix}${spec.name}`));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({ topic: `${prefix}${spec.name}`, numPartitions: spec.partitions, replicationFactor: 1 })),
      });
    }
    return missing.map((spec) => `${prefix}${spec.name}`);
  } finally {
    await admin.disconnect();
  }
}

/** Deletes every topic with the prefix: for test runs cleaning up after themselves. */
export async function deleteTopicsWithPrefix(kafka: Kafka, prefix: string): Promise<void> {
  if (!prefix) throw new Error('refusing to delete topics without a prefix');
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
