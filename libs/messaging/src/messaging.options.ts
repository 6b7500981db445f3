export interface MessagingOptions {
  /** The owning service, e.g. `orders`: names its consumer group, DLQ topic and CloudEvents source. */
  service: string;
  brokers: string[];
  /** TLS and SASL for the broker connection (MSK, Confluent Cloud, Strimzi); absent means PLAINTEXT. */
  security?: KafkaSecurity;
  /** Prepended to every topic and consumer group; lets test runs share one broker without colliding. */
  topicPrefix: string;
  /** For the relay's LISTEN connection and its leader lock. */
  databaseUrl: string;
  relay: {
    enabled: boolean;
    batchSize: number;
    /** How long an idle relay sleeps when no NOTIFY arrives (it polls as a safety net). */
    idlePollMs: number;
  };
  consumer: {
    enabled: boolean;
    /** Messages of one partition applied in one transaction. */
    chunkSize: number;
    /** How long a batch waits for infrastructure or contention before it is given back unacknowledged. */
    maxWaitMs: number;
    /** Attempts per message before it is dead-lettered. */
    maxAttempts: number;
    retryBaseDelayMs: number;
    partitionsConsumedConcurrently: number;
  };
}

/**
 * How a client proves who it is and checks the broker. Certificates and keys are the PEM contents, not
 * paths: reading files is configuration's job (libs/platform), so this library stays free of it.
 */
export interface KafkaSecurity {
  /** TLS to the brokers. `ca` replaces the system trust store; `cert`+`key` are for mutual TLS. */
  ssl?: { ca?: string; cert?: string; key?: string; passphrase?: string; rejectUnauthorized: boolean };
  sasl?: KafkaSasl;
}

export type KafkaSasl =
  | { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string }
  /** `token()` is called on every (re)authentication, so a rotated token is picked up without a restart. */
  | { mechanism: 'oauthbearer'; token: () => Promise<string> };

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export function prefixed(options: Pick<MessagingOptions, 'topicPrefix'>, name: string): string {
  return `${options.topicPrefix}${name}`;
}

export function unprefixed(options: Pick<MessagingOptions, 'topicPrefix'>, name: string): string {
  return name.startsWith(options.topicPrefix) ? name.slice(options.topicPrefix.length) : name;
}
