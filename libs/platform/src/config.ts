import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
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

  /**
   * A laptop or a test: allows the public default JWT secret and makes loopback the default listen
   * address. Never set in production; `npm start` and the test helpers set it.
   */
  @Transform(toBoolean)
  @IsBoolean()
  EMPORIUM_DEV_MODE: boolean;

  /** Where to listen. Default: 127.0.0.1 in development, every interface otherwise (a container). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  HOST?: string;

  @IsString()
  @IsNotEmpty()
  JWT_ISSUER: string;

  /** When set, a token must name this audience (`aud`). */
  @IsOptional()
  @IsString()
  JWT_AUDIENCE?: string;

  /**
   * An identity provider's JWKS (https URL): tokens are then RS256/ES256, verified against its public
   * keys, and no service holds a signing secret. HS256 with JWT_SECRET stays for development.
   */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'JWT_JWKS_URL must be an http(s) URL' })
  JWT_JWKS_URL?: string;

  /** The longest a token may live (exp - iat); a token without `exp` is refused. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60)
  JWT_MAX_LIFETIME_SECONDS: number;

  /** Signs pagination cursors, so a tampered cursor is a 400 and never reaches SQL. Default: JWT_SECRET. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  CURSOR_SECRET?: string;

  /** Requests per minute per client IP and per token subject; 0 turns a limit off. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  RATE_LIMIT_PER_IP_PER_MINUTE: number;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE: number;

  /** The largest JSON body an authenticated caller may send; anonymous callers get ANONYMOUS_BODY_LIMIT_BYTES. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1024)
  JSON_BODY_LIMIT_BYTES: number;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  ANONYMOUS_BODY_LIMIT_BYTES: number;

  /** Deepest nesting of arrays and objects a JSON body may have; checked on the raw bytes, before parsing. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(2)
  @Max(1000)
  JSON_MAX_DEPTH: number;

  /**
   * `/metrics`, `/docs` and `/docs-json` need a token with the ops or service role unless this is true
   * (a deployment that serves them only on a private network may open them).
   */
  @Transform(toBoolean)
  @IsBoolean()
  OPERATIONS_ENDPOINTS_PUBLIC: boolean;

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

  @Transform(toBoolean)
  @IsBoolean()
  EVENT_CONSUMER_ENABLED: boolean;

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

/** Public, in this repository: a service refuses it unless EMPORIUM_DEV_MODE is set. */
export const DEVELOPMENT_JWT_SECRET = 'emporium-dev-secret-change-me';

/** Defaults that suit a laptop running `npm run infra:up`. Production sets everything explicitly. */
export function platformDefaults(service: string, port: number): Record<string, string> {
  return {
    PORT: String(port),
    DATABASE_URL: `postgresql://emporium:emporium@127.0.0.1:5432/emporium_${service.replace(/-/g, '_')}`,
    KAFKA_BROKERS: '127.0.0.1:9092',
    KAFKA_TOPIC_PREFIX: '',
    JWT_SECRET: DEVELOPMENT_JWT_SECRET,
    EMPORIUM_DEV_MODE: 'false',
    JWT_ISSUER: 'emporium',
    JWT_MAX_LIFETIME_SECONDS: String(24 * 3600),
    RATE_LIMIT_PER_IP_PER_MINUTE: '6000',
    RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE: '3000',
    JSON_BODY_LIMIT_BYTES: String(1024 * 1024),
    ANONYMOUS_BODY_LIMIT_BYTES: String(16 * 1024),
    JSON_MAX_DEPTH: '32',
    OPERATIONS_ENDPOINTS_PUBLIC: 'false',
    LOG_LEVEL: 'info',
    OUTBOX_RELAY_ENABLED: 'true',
    OUTBOX_RELAY_BATCH_SIZE: '500',
    EVENT_CONSUMER_ENABLED: 'true',
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
  if (!config.EMPORIUM_DEV_MODE && config.JWT_SECRET === DEVELOPMENT_JWT_SECRET && !config.JWT_JWKS_URL) {
    throw new ConfigError(
      'invalid configuration:\n  JWT_SECRET: the development default is public; set a secret (or JWT_JWKS_URL), or EMPORIUM_DEV_MODE=true on a laptop',
    );
  }
  config.HOST ??= config.EMPORIUM_DEV_MODE ? '127.0.0.1' : '0.0.0.0';
  return config;
}

export function messagingOptionsFrom(service: string, config: ServiceConfig): MessagingOptions {
  return {
    service,
    brokers: config.KAFKA_BROKERS.split(',').map((broker) => broker.trim()),
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    databaseUrl: config.DATABASE_URL,
    relay: { enabled: config.OUTBOX_RELAY_ENABLED, batchSize: config.OUTBOX_RELAY_BATCH_SIZE, idlePollMs: 1000 },
    consumer: {
      enabled: config.EVENT_CONSUMER_ENABLED,
      maxAttempts: config.EVENT_MAX_ATTEMPTS,
      retryBaseDelayMs: config.EVENT_RETRY_BASE_DELAY_MS,
      partitionsConsumedConcurrently: config.KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY,
    },
  };
}
