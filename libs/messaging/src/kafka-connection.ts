import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka, KafkaConfig, logLevel, Producer, SASLOptions } from 'kafkajs';
import { stopIdlePendingRequestChecks } from './kafkajs-request-queue';
import { KafkaSasl, KafkaSecurity, MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

/** Maps kafkajs log lines onto Nest's logger so they come out as structured JSON like everything else. */
function kafkaLogCreator() {
  const logger = new Logger('kafkajs');
  return () =>
    ({ level, log }: { level: logLevel; log: { message: string } & Record<string, unknown> }) => {
      const { message, ...extra } = log;
      if (level === logLevel.ERROR) logger.error({ msg: message, ...extra });
      else if (level === logLevel.WARN) logger.warn({ msg: message, ...extra });
      else logger.log({ msg: message, ...extra });
    };
}

function saslOptions(sasl: KafkaSasl): SASLOptions {
  if (sasl.mechanism === 'oauthbearer') {
    const token = sasl.token;
    return { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: await token() }) };
  }
  return { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password } as SASLOptions;
}

/** The one place a kafkajs client is built: every producer, consumer and admin goes through it. */
export function createKafka(clientId: string, brokers: string[], security: KafkaSecurity = {}): Kafka {
  stopIdlePendingRequestChecks();
  const config: KafkaConfig = {
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(),
    retry: { initialRetryTime: 200, retries: 8 },
  };
  if (security.ssl) config.ssl = { ...security.ssl };
  if (security.sasl) config.sasl = saslOptions(security.sasl);
  return new Kafka(config);
}

/**
 * The service's one Kafka client and one idempotent producer (acks from every in-sync replica, at most
 * one request in flight, so retries never reorder or duplicate within a partition).
 */
@Injectable()
export class KafkaConnection implements OnApplicationShutdown {
  readonly kafka: Kafka;
  private producerPromise?: Promise<Producer>;
  private adminPromise?: Promise<Admin>;

  constructor(@Inject(MESSAGING_OPTIONS) readonly options: MessagingOptions) {
    this.kafka = createKafka(`emporium-${options.service}`, options.brokers, options.security);
  }

  producer(): Promise<Producer> {
    this.producerPromise ??= (async () => {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await producer.connect();
      return producer;
    })().catch((error) => {
      this.producerPromise = undefined;
      throw error;
    });
    return this.producerPromise;
  }

  admin(): Promise<Admin> {
    this.adminPromise ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error) => {
      this.adminPromise = undefined;
      throw error;
    });
    return this.adminPromise;
  }

  /** For readiness: the broker answers a metadata request within the timeout. */
  async ping(timeoutMs = 2000): Promise<void> {
    const admin = await this.admin();
    await Promise.race([
      admin.describeCluster(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('broker did not answer in time')), timeoutMs)),
    ]);
  }

  async onApplicationShutdown(): Promise<void> {
    // Runs after the relay and the consumer have drained (they shut down first).
    const producer = await this.producerPromise?.catch(() => undefined);
    const admin = await this.adminPromise?.catch(() => undefined);
    await Promise.allSettled([producer?.disconnect(), admin?.disconnect()]);
  }
}
