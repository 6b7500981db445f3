import { createKafka, ensureTopics, Kafka, KafkaConnection } from '@emporium/messaging';
import { loadConfig, messagingOptionsFrom, platformDefaults, ServiceConfig } from '@emporium/platform';
import { eventually, integrationSuite } from '@emporium/testing';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

/**
 * The SASL/SCRAM path a service takes to MSK, Confluent Cloud or a Strimzi SCRAM listener, against a real
 * broker: settings → platform config → MessagingOptions → KafkaConnection. `infra.sh up` starts the local
 * broker with a SASL_PLAINTEXT listener on :9094 and a SCRAM user. A shared broker started before that
 * listener existed lacks it (it is never restarted under other people's tests), so then this file starts
 * its own short-lived broker with the same scripts, on free ports and a temporary data directory.
 */
const SCRAM_USER = process.env.KAFKA_SCRAM_USER ?? 'emporium';
const SCRAM_PASSWORD = process.env.KAFKA_SCRAM_PASSWORD ?? 'emporium-dev-secret';
const kafkaScript = path.resolve(__dirname, '../../../infra/scripts/kafka.sh');

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.connect(port, '127.0.0.1');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function canAuthenticate(kafka: Kafka): Promise<boolean> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

interface ScramBroker {
  saslBrokers: string[];
  stop: () => Promise<void>;
}

async function scramBroker(): Promise<ScramBroker> {
  const shared = ['127.0.0.1:9094'];
  const sharedKafka = createKafka('emporium-test-sasl-probe', shared, {
    sasl: { mechanism: 'scram-sha-512', username: SCRAM_USER, password: SCRAM_PASSWORD },
  });
  if ((await portOpen(9094)) && (await canAuthenticate(sharedKafka)))
    return { saslBrokers: shared, stop: async () => undefined };

  const dataDir = mkdtempSync(path.join(tmpdir(), 'emporium-kafka-scram-'));
  const [port, controllerPort, saslPort] = [await freePort(), await freePort(), await freePort()];
  const env = {
    ...process.env,
    KAFKA_DATA_DIR: dataDir,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    KAFKA_SASL_PORT: String(saslPort),
    KAFKA_SCRAM_USER: SCRAM_USER,
    KAFKA_SCRAM_PASSWORD: SCRAM_PASSWORD,
    KAFKA_HEAP_OPTS: '-Xmx256m',
    KAFKA_START_TIMEOUT: '120',
  };
  await promisify(execFile)('bash', [kafkaScript, 'up'], { env });
  return {
    saslBrokers: [`127.0.0.1:${saslPort}`],
    stop: async () => {
      await promisify(execFile)('bash', [kafkaScript, 'down'], { env });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// Its own broker: nothing on the shared one, only the run's prefix for the topic name.
integrationSuite('Kafka over SASL/SCRAM (real broker, SASL_PLAINTEXT listener)', { topics: false }, ({ run }) => {
  const topic = `${run.topicPrefix}sasl-check`;
  let broker: ScramBroker;

  const serviceConfig = (mechanism: string, password: string) =>
    loadConfig(ServiceConfig, platformDefaults('sasl-test', 0), {
      EMPORIUM_DEV_MODE: 'true',
      KAFKA_BROKERS: broker.saslBrokers.join(','),
      KAFKA_SASL_MECHANISM: mechanism,
      KAFKA_SASL_USERNAME: SCRAM_USER,
      KAFKA_SASL_PASSWORD: password,
    });

  beforeAll(async () => {
    broker = await scramBroker();
    const kafka = createKafka('emporium-test-sasl-admin', broker.saslBrokers, {
      sasl: { mechanism: 'scram-sha-256', username: SCRAM_USER, password: SCRAM_PASSWORD },
    });
    // ensureTopics polls for the leader itself: kafkajs' waitForLeaders gives up on "does not host this
    // topic-partition" while a busy broker is still electing one (this file failed on it once in CI).
    await ensureTopics(kafka, '', [{ name: topic, partitions: 1, retentionMs: 3_600_000 }]);
  });

  afterAll(async () => {
    if (!broker) return;
    const admin = createKafka('emporium-test-sasl-admin', broker.saslBrokers, {
      sasl: { mechanism: 'scram-sha-256', username: SCRAM_USER, password: SCRAM_PASSWORD },
    }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await broker.stop();
  });

  it('produces through the service connection built from KAFKA_SASL_* settings and consumes with SCRAM-SHA-256', async () => {
    const options = {
      ...messagingOptionsFrom('sasl-test', serviceConfig('scram-sha-512', SCRAM_PASSWORD)),
      topicPrefix: run.topicPrefix,
    };
    expect(options.security?.sasl).toMatchObject({ mechanism: 'scram-sha-512', username: SCRAM_USER });
    const connection = new KafkaConnection(options);
    const consumer = createKafka('emporium-test-sasl-consumer', broker.saslBrokers, {
      sasl: { mechanism: 'scram-sha-256', username: SCRAM_USER, password: SCRAM_PASSWORD },
    }).consumer({ groupId: `${run.id}.sasl` });
    const received: string[] = [];
    try {
      const producer = await connection.producer();
      await producer.send({ topic, acks: -1, messages: [{ key: 'k1', value: 'hello over scram' }] });

      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void received.push(String(message.value)) });
      await eventually(() => received.length > 0, 60_000, 'the message to come back over SASL');
      expect(received).toEqual(['hello over scram']);
    } finally {
      await consumer.disconnect();
      await connection.onApplicationShutdown();
    }
  });

  it('refuses a wrong password: the client fails authentication instead of connecting', async () => {
    const options = messagingOptionsFrom('sasl-test', serviceConfig('scram-sha-512', 'not-the-password'));
    const connection = new KafkaConnection(options);
    try {
      await expect(connection.producer()).rejects.toThrow(/SASL SCRAM SHA512 authentication failed/i);
      await expect(connection.ping()).rejects.toThrow(/authentication failed/i);
    } finally {
      await connection.onApplicationShutdown();
    }
  });

  it('refuses a client without SASL on the SASL listener', async () => {
    expect(await canAuthenticate(createKafka('emporium-test-no-sasl', broker.saslBrokers))).toBe(false);
  });
});
