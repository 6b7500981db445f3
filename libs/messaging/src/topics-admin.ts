import { allTopicSpecs, TopicSpec } from '@emporium/contracts';
import { Admin, Kafka } from 'kafkajs';

/**
 * Creates the platform's topics (with their partition counts) when missing. Auto-creation is off on
 * the broker: a typo in a topic name should fail, not silently create a new stream.
 */
export async function ensureTopics(
  kafka: Kafka,
  prefix: string,
  specs: TopicSpec[] = allTopicSpecs(),
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(`${prefix}${spec.name}`));
    const names = missing.map((spec) => `${prefix}${spec.name}`);
    if (missing.length > 0) {
      // kafkajs' own waitForLeaders gives up on "does not host this topic-partition" while a busy
      // broker is still electing leaders, so we create without waiting and poll the metadata ourselves.
      await admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((spec) => ({
          topic: `${prefix}${spec.name}`,
          numPartitions: spec.partitions,
          // Replication comes from the broker's default (1 on a laptop, 3 on a real cluster).
          replicationFactor: -1,
          configEntries: [
            { name: 'retention.ms', value: String(spec.retentionMs) },
            { name: 'cleanup.policy', value: 'delete' },
          ],
        })),
      });
      await waitForLeaders(admin, names);
    }
    return names;
  } finally {
    await admin.disconnect();
  }
}

async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      if (
        metadata.length === topics.length &&
        metadata.every((topic) => topic.partitions.every((partition) => partition.leader >= 0))
      )
        return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics without a leader after ${timeoutMs} ms: ${topics.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
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
