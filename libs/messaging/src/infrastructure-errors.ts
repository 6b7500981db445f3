/**
 * Errors that say the database (or the network to it) is unavailable, not that the message is bad.
 * A handler failing this way would fail for every message, so the consumer waits and retries instead
 * of dead-lettering: an outage must not empty the topics into the DLQ.
 */
export function isInfrastructureError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    // PostgreSQL SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57P operator intervention.
    if (/^(08|53|57P)/.test(code)) return true;
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return true;
  }
  return /Driver not Connected|Connection terminated|connection timeout|Client has encountered a connection error|is not currently accepting connections/i.test(
    error.message,
  );
}
