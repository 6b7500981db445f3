export interface MessagingOptions {
  /** The owning service, e.g. `orders`: names its consumer group, DLQ topic and CloudEvents source. */
  service: string;
  brokers: string[];
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

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export function prefixed(options: Pick<MessagingOptions, 'topicPrefix'>, name: string): string {
  return `${options.topicPrefix}${name}`;
}

export function unprefixed(options: Pick<MessagingOptions, 'topicPrefix'>, name: string): string {
  return name.startsWith(options.topicPrefix) ? name.slice(options.topicPrefix.length) : name;
}
