import { createRunTopics, eventually, publishRaw, TestRun } from '@emporium/testing';

/** A valid registration body; tests override what they exercise. */
export function registration(overrides: Record<string, unknown> = {}) {
  return {
    legalName: 'Green Threads GmbH',
    contactName: 'Anna Schmidt',
    contactEmail: 'anna@greenthreads.example',
    businessLicenceNumber: 'HRB-123456',
    documents: [{ type: 'BUSINESS_LICENCE', number: 'HRB-123456', issuer: 'Amtsgericht Berlin', expiresOn: '2099-12-31', url: 'https://files.example/licence.pdf' }],
    ...overrides,
  };
}

/**
 * publishRaw, retried: right after createRunTopics a fresh producer can still be told "This server does
 * not host this topic-partition" while partition leadership settles on a busy broker.
 */
export async function publish(topic: string, messages: Parameters<typeof publishRaw>[1]): Promise<void> {
  await eventually(async () => {
    await publishRaw(topic, messages);
    return true;
  }, 20_000, `publishing to ${topic}`);
}

/**
 * createRunTopics, retried: kafkajs' createTopics({ waitForLeaders }) gives up with "This server does not
 * host this topic-partition" when the broker is busy creating other runs' topics (see the report on
 * libs/messaging ensureTopics); creating the missing topics again succeeds.
 */
export async function createTopics(run: TestRun): Promise<void> {
  await eventually(async () => {
    await createRunTopics(run);
    return true;
  }, 60_000, 'the run topics to be created');
}
