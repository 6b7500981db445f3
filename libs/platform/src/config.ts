import { plainToInstance, Transform } from 'class-transformer';
import { accessSync, constants, promises as fs, readFileSync } from 'node:fs';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  registerDecorator,
  ValidateIf,
  validateSync,
  ValidationOptions,
} from 'class-validator';
import { MIN_INBOX_RETENTION_DAYS } from '@emporium/messaging';
import type { KafkaSecurity, MessagingOptions } from '@emporium/messaging';
import { flattenValidationErrors } from '@emporium/contracts';

/** A path the process can read now: a missing certificate or secret stops the boot, not the first connection. */
function IsReadableFile(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isReadableFile',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must name a readable file`, ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || value === '') return false;
          try {
            accessSync(value, constants.R_OK);
            return true;
          } catch {
            return false;
          }
        },
      },
    });
}

export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512', 'oauthbearer'] as const;
const usesPassword = (config: ServiceConfig) =>
  ['plain', 'scram-sha-256', 'scram-sha-512'].includes(config.KAFKA_SASL_MECHANISM ?? '');

const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value;

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

  /** TLS to the brokers (required by MSK, Confluent Cloud and Strimzi's tls listeners). */
  @Transform(toBoolean)
  @IsBoolean()
  KAFKA_SSL_ENABLED: boolean;

  /** PEM bundle of the CA that signed the brokers' certificates; unset: the system trust store. */
  @IsOptional()
  @IsReadableFile()
  KAFKA_SSL_CA_FILE?: string;

  /** Client certificate (PEM) for mutual TLS, with KAFKA_SSL_KEY_FILE. */
  @ValidateIf(
    (config: ServiceConfig) => config.KAFKA_SSL_CERT_FILE !== undefined || config.KAFKA_SSL_KEY_FILE !== undefined,
  )
  @IsReadableFile({
    message: 'KAFKA_SSL_CERT_FILE must name a readable file (mutual TLS needs both certificate and key)',
  })
  KAFKA_SSL_CERT_FILE?: string;

  @ValidateIf(
    (config: ServiceConfig) => config.KAFKA_SSL_CERT_FILE !== undefined || config.KAFKA_SSL_KEY_FILE !== undefined,
  )
  @IsReadableFile({
    message: 'KAFKA_SSL_KEY_FILE must name a readable file (mutual TLS needs both certificate and key)',
  })
  KAFKA_SSL_KEY_FILE?: string;

  /** Passphrase of an encrypted KAFKA_SSL_KEY_FILE. */
  @IsOptional()
  @IsString()
  KAFKA_SSL_KEY_PASSWORD?: string;

  /** false only for a test broker with a self-signed certificate: it turns off checking who the broker is. */
  @Transform(toBoolean)
  @IsBoolean()
  KAFKA_SSL_REJECT_UNAUTHORIZED: boolean;

  /** Unset: no SASL. */
  @IsOptional()
  @IsIn(KAFKA_SASL_MECHANISMS)
  KAFKA_SASL_MECHANISM?: (typeof KAFKA_SASL_MECHANISMS)[number];

  @ValidateIf(usesPassword)
  @IsString()
  @IsNotEmpty({ message: 'KAFKA_SASL_USERNAME is required with a plain or scram mechanism' })
  KAFKA_SASL_USERNAME?: string;

  /** From a Kubernetes Secret as an environment variable; or KAFKA_SASL_PASSWORD_FILE for a mounted one. */
  @ValidateIf((config: ServiceConfig) => usesPassword(config) && config.KAFKA_SASL_PASSWORD_FILE === undefined)
  @IsString()
  @IsNotEmpty({
    message: 'KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE is required with a plain or scram mechanism',
  })
  KAFKA_SASL_PASSWORD?: string;

  @IsOptional()
  @IsReadableFile()
  KAFKA_SASL_PASSWORD_FILE?: string;

  /**
   * OAUTHBEARER: a file holding the current token, re-read on every authentication, so whatever rotates
   * it (a projected service-account token, a sidecar talking to the identity provider) needs no restart.
   */
  @ValidateIf((config: ServiceConfig) => config.KAFKA_SASL_MECHANISM === 'oauthbearer')
  @IsReadableFile({
    message: 'KAFKA_SASL_OAUTHBEARER_TOKEN_FILE must name a readable file with the oauthbearer mechanism',
  })
  KAFKA_SASL_OAUTHBEARER_TOKEN_FILE?: string;

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

  /** Must exceed the topics' retention: an inbox entry must outlive any possible redelivery (libs/messaging's rule). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(MIN_INBOX_RETENTION_DAYS)
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
    KAFKA_SSL_ENABLED: 'false',
    KAFKA_SSL_REJECT_UNAUTHORIZED: 'true',
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
    OUTBOX_RELAY_IDLE_POLL_MS: '1000',
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
  // An empty variable counts as unset: Helm and compose render optional settings as "".
  const set = Object.entries(env).filter(([, value]) => value !== undefined && value !== '');
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
    security: kafkaSecurityFrom(config),
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    databaseUrl: config.DATABASE_URL,
    relay: {
      enabled: config.OUTBOX_RELAY_ENABLED,
      batchSize: config.OUTBOX_RELAY_BATCH_SIZE,
      idlePollMs: config.OUTBOX_RELAY_IDLE_POLL_MS,
    },
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

/** Reads the certificate and secret files named by the KAFKA_SSL_* and KAFKA_SASL_* settings. */
export function kafkaSecurityFrom(config: ServiceConfig): KafkaSecurity {
  const security: KafkaSecurity = {};
  const read = (path: string | undefined) => (path ? readFileSync(path, 'utf8') : undefined);
  if (config.KAFKA_SSL_ENABLED) {
    security.ssl = {
      rejectUnauthorized: config.KAFKA_SSL_REJECT_UNAUTHORIZED,
      ca: read(config.KAFKA_SSL_CA_FILE),
      cert: read(config.KAFKA_SSL_CERT_FILE),
      key: read(config.KAFKA_SSL_KEY_FILE),
      passphrase: config.KAFKA_SSL_KEY_PASSWORD,
    };
  }
  const mechanism = config.KAFKA_SASL_MECHANISM;
  if (mechanism === 'oauthbearer') {
    const tokenFile = config.KAFKA_SASL_OAUTHBEARER_TOKEN_FILE as string;
    security.sasl = { mechanism, token: async () => (await fs.readFile(tokenFile, 'utf8')).trim() };
  } else if (mechanism) {
    const password = config.KAFKA_SASL_PASSWORD_FILE
      ? (read(config.KAFKA_SASL_PASSWORD_FILE) as string).trimEnd()
      : (config.KAFKA_SASL_PASSWORD as string);
    security.sasl = { mechanism, username: config.KAFKA_SASL_USERNAME as string, password };
  }
  return security;
}

/**
 * Brokers and TLS/SASL for the operational tools (topics job, dead-letter replay), from the same
 * KAFKA_* variables as the services, validated the same way.
 */
export function kafkaClientSettings(env: Record<string, string | undefined> = process.env): {
  brokers: string[];
  security: KafkaSecurity;
} {
  // The tools verify no tokens, so the rule against the public development JWT secret is not theirs:
  // `npm run topics` must work on a laptop and in the topics job without any JWT setting.
  const config = loadConfig(ServiceConfig, platformDefaults('tools', 0), { EMPORIUM_DEV_MODE: 'true', ...env });
  return {
    brokers: config.KAFKA_BROKERS.split(',').map((broker) => broker.trim()),
    security: kafkaSecurityFrom(config),
  };
}
