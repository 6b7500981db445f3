/**
 * What the consumer does when applying a message fails: one pure function, so every rule is in one
 * place and unit-tested (failure-policy.spec.ts).
 *
 * - infrastructure: the database or the network to it is unavailable (connection refused, failover,
 *   too many connections, read-only after a failover). Not the message's fault: wait, heartbeating, and
 *   never dead-letter for it. After `maxWaitMs` the batch is given back unacknowledged (kafkajs fetches
 *   it again), so the consumer stays a healthy group member instead of blocking forever.
 * - contention: serialization failures, deadlocks, lock and statement timeouts. Transient by nature:
 *   retry with backoff without spending the message's attempts, bounded like a wait.
 * - refusal: a domain rule refused the event (a `kind` on the error, see DomainFailure). Retrying
 *   cannot change a deterministic answer: dead-letter at once, so the partition is not stalled.
 * - unknown: a bug or a surprise. Retry `maxAttempts` times with backoff, then dead-letter.
 */
export type FailureKind = 'infrastructure' | 'contention' | 'refusal' | 'unknown';

export type FailureDecision =
  | { action: 'wait'; delayMs: number }
  | { action: 'retry'; delayMs: number }
  | { action: 'dead-letter' }
  | { action: 'give-back' };

export interface FailurePolicyOptions {
  maxAttempts: number;
  retryBaseDelayMs: number;
  /** Longest single backoff. */
  maxDelayMs: number;
  /** How long one batch may wait for infrastructure or contention before it is given back. */
  maxWaitMs: number;
}

/**
 * Errors that carry a transport-neutral `kind` (DomainError in libs/platform does) are deterministic
 * refusals: the same event would be refused again. HTTP maps the kind to a status; the consumer maps it
 * to an immediate dead letter.
 */
export const DOMAIN_FAILURE_KINDS = ['invalid', 'not-found', 'conflict', 'forbidden', 'refused'] as const;
export type DomainFailureKind = (typeof DOMAIN_FAILURE_KINDS)[number];

// PostgreSQL SQLSTATEs. Class 08 connection exception, 53 insufficient resources, 57P operator
// intervention (shutdown, database dropped/closed), 25006 read-only transaction (a replica after failover).
const INFRASTRUCTURE_SQLSTATE = /^(08|53|57P)|^25006$/;
// 40001 serialization failure, 40P01 deadlock, 55P03 lock not available, 57014 statement timeout/cancel.
const CONTENTION_SQLSTATE = /^(40001|40P01|55P03|57014)$/;
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);
const INFRASTRUCTURE_MESSAGES =
  /Driver not Connected|Connection terminated|connection timeout|Client has encountered a connection error|is not currently accepting connections|timeout exceeded when trying to connect/i;

export function classifyFailure(error: unknown): FailureKind {
  if (!(error instanceof Error)) return 'unknown';
  const { code, kind } = error as { code?: unknown; kind?: unknown };
  if (typeof kind === 'string' && (DOMAIN_FAILURE_KINDS as readonly string[]).includes(kind)) return 'refusal';
  if (typeof code === 'string') {
    if (INFRASTRUCTURE_SQLSTATE.test(code) || NETWORK_CODES.has(code)) return 'infrastructure';
    if (CONTENTION_SQLSTATE.test(code)) return 'contention';
  }
  if (INFRASTRUCTURE_MESSAGES.test(error.message)) return 'infrastructure';
  return 'unknown';
}

/**
 * @param attempt how many times this message (or chunk) has failed so far, this failure included
 * @param waitedMs how long this batch has already spent waiting or retrying for infrastructure/contention
 */
export function decideOnFailure(
  kind: FailureKind,
  attempt: number,
  waitedMs: number,
  options: FailurePolicyOptions,
): FailureDecision {
  const backoff = Math.min(options.retryBaseDelayMs * 2 ** Math.max(0, attempt - 1), options.maxDelayMs);
  switch (kind) {
    case 'infrastructure':
      return waitedMs >= options.maxWaitMs
        ? { action: 'give-back' }
        : { action: 'wait', delayMs: Math.min(1000, options.maxDelayMs) };
    case 'contention':
      return waitedMs >= options.maxWaitMs ? { action: 'give-back' } : { action: 'retry', delayMs: backoff };
    case 'refusal':
      return { action: 'dead-letter' };
    case 'unknown':
      return attempt >= options.maxAttempts ? { action: 'dead-letter' } : { action: 'retry', delayMs: backoff };
  }
}

/** Kept for callers that only ask "is the database away?" (health checks, the relay). */
export function isInfrastructureError(error: unknown): boolean {
  return classifyFailure(error) === 'infrastructure';
}
