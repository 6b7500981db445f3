import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Payment webhooks are signed like Stripe's: `Payment-Signature: t=<unix seconds>,v1=<hex>` where
 * v1 = HMAC-SHA256(secret, `${t}.${eventId}.${rawBody}`), and `Payment-Event-Id` names the event. The
 * timestamp bounds replays in time; the recorded event id refuses them for good.
 */
export function signPaymentWebhook(secret: string, timestamp: number, eventId: string, rawBody: string | Buffer): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${eventId}.`).update(rawBody).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

export type SignatureVerdict = 'VALID' | 'MISSING' | 'MALFORMED' | 'MISMATCH' | 'STALE';

export function verifyPaymentWebhook(input: {
  secret: string;
  header: string | undefined;
  eventId: string | undefined;
  rawBody: Buffer | undefined;
  nowSeconds: number;
  toleranceSeconds: number;
}): SignatureVerdict {
  if (!input.header || !input.eventId || !input.rawBody) return 'MISSING';
  const parts = Object.fromEntries(input.header.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return 'MALFORMED';
  const expected = signPaymentWebhook(input.secret, timestamp, input.eventId, input.rawBody).split('v1=')[1];
  // Compare first: a forged request must not learn that its timestamp was the problem.
  if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(parts.v1, 'hex'))) return 'MISMATCH';
  if (Math.abs(input.nowSeconds - timestamp) > input.toleranceSeconds) return 'STALE';
  return 'VALID';
}
