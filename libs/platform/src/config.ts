import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import type { MessagingOptions } from '@emporium/messaging';
import { flattenValidationErrors } from '@emporium/contracts';

const toBoolean = ({ value }: { value: unknown }) => (typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value);

/**
 * The variables every service reads, with the same names everywhere. A service extends this class for
 * its own settings. Validated once at boot: a bad value stops the process with every problem listed.
 */
export class ServiceConfig {
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number;

  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  @IsString()
  @IsNotEmpty()
  KAFKA_BROKERS: string;

  @IsString()
  @Matches(/^[a-z0-9._-]*$/, { message: 'KAFKA_TOPIC_PREFIX may only contain a-z, 0-9, dot, underscore and dash' })
  KAFKA_TOPIC_PREFIX: string;

  @IsString()
  @MinLength(16)
  JWT_SECRET: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string;

  @Transform(toBoolean)
  @IsBoolean()
  OUTBOX_RELAY_ENABLED: boolean;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(5000)
  OUTBOX_RELAY_BATCH_SIZE: number;

  /** How often an idle relay looks for rows written by other replicas (its own commits wake it at once). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(5)
  @Max(60_000)
  OUTBOX_RELAY_IDLE_POLL_MS: number;

  @Transform(toBoolean)
  @IsBoolean()
  EVENT_CONSUMER_ENABLED: boolean;

  /** Messages of one partition applied in one transaction (a failing chunk is split until the bad message is found). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(1000)
  EVENT_CHUNK_SIZE: number;

  /** How long a batch waits for an unavailable database, or retries contention, before it is given back to Kafka. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1000)
  EVENT_MAX_WAIT_MS: number;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(20)
  EVENT_MAX_ATTEMPTS: number;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  EVENT_RETRY_BASE_DELAY_MS: number;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(64)
  KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY: number;

  /** How long a client may retry a POST with the same Idempotency-Key and get the first answer. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  IDEMPOTENCY_KEY_RETENTION_HOURS: number;

  /** Must exceed the topics' retention: an inbox entry must outlive any possible redelivery. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  INBOX_RETENTION_DAYS: number;
}

/** Defaults that suit a laptop running `npm run infra:up`. Production sets everything explicitly. */
export function platformDefaults(service: string, port: number): Record<string, string> {
  return {
    PORT: String(port),
    DATABASE_URL: `postgresql://emporium:emporium@127.0.0.1:5432/emporium_${service.replace(/-/g, '_')}`,
    KAFKA_BROKERS: '127.0.0.1:9092',
    KAFKA_TOPIC_PREFIX: '',
    JWT_SECRET: 'emporium-dev-secret-change-me',
    LOG_LEVEL: 'info',
    OUTBOX_RELAY_ENABLED: 'true',
    OUTBOX_RELAY_BATCH_SIZE: '500',
    OUTBOX_RELAY_IDLE_POLL_MS: '100',
    EVENT_CONSUMER_ENABLED: 'true',
    EVENT_CHUNK_SIZE: '200',
    EVENT_MAX_WAIT_MS: '60000',
    EVENT_MAX_ATTEMPTS: '5',
    EVENT_RETRY_BASE_DELAY_MS: '200',
    KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY: '6',
    IDEMPOTENCY_KEY_RETENTION_HOURS: '24',
    INBOX_RETENTION_DAYS: '30',
  };
}

export class ConfigError extends Error {}

export function loadConfig<T extends ServiceConfig>(
  configClass: new () => T,
  defaults: Record<string, string>,
  env: Record<string, string | undefined> = process.env,
): T {
  const set = Object.entries(env).filter(([, value]) => value !== undefined);
  const raw = { ...defaults, ...Object.fromEntries(set) };
  const config = plainToInstance(configClass, raw);
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const lines = flattenValidationErrors(errors).map((v) => `  ${v.field}: ${v.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}

export function messagingOptionsFrom(service: string, config: ServiceConfig): MessagingOptions {
  return {
    service,
    brokers: config.KAFKA_BROKERS.split(',').map((broker) => broker.trim()),
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    databaseUrl: config.DATABASE_URL,
    relay: { enabled: config.OUTBOX_RELAY_ENABLED, batchSize: config.OUTBOX_RELAY_BATCH_SIZE, idlePollMs: config.OUTBOX_RELAY_IDLE_POLL_MS },
    consumer: {
      enabled: config.EVENT_CONSUMER_ENABLED,
      chunkSize: config.EVENT_CHUNK_SIZE,
      maxWaitMs: config.EVENT_MAX_WAIT_MS,
      maxAttempts: config.EVENT_MAX_ATTEMPTS,
      retryBaseDelayMs: config.EVENT_RETRY_BASE_DELAY_MS,
      partitionsConsumedConcurrently: config.KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY,
    },
  };
}
