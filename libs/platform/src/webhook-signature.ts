import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Inbound webhooks (a payment gateway's to orders, a carrier's to logistics) are signed like Stripe's: a
 * header `t=<unix seconds>,v1=<hex>` where v1 = HMAC-SHA256(secret, `${t}.${eventId}.${rawBody}`), next to
 * a header naming the event id (`Payment-Event-Id`, `Carrier-Event-Id`). The timestamp bounds replays in
 * time; the event id, recorded by the receiving service, refuses them for good.
 */
export function signWebhook(secret: string, timestamp: number, eventId: string, rawBody: string | Buffer): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${eventId}.`).update(rawBody).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

export type SignatureVerdict = 'VALID' | 'MISSING' | 'MALFORMED' | 'MISMATCH' | 'STALE';

export function verifyWebhook(input: {
  secret: string;
  header: string | undefined;
  eventId: string | undefined;
  rawBody: Buffer | undefined;
  nowSeconds: number;
  toleranceSeconds: number;
}): SignatureVerdict {
  if (!input.header || !input.eventId || !input.rawBody) return 'MISSING';
  const parts = Object.fromEntries(
    input.header.split(',').map((part) => part.trim().split('=', 2) as [string, string]),
  );
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return 'MALFORMED';
  const expected = signWebhook(input.secret, timestamp, input.eventId, input.rawBody).split('v1=')[1];
  // Compare before judging the age: a stale but forged request must not learn that its timestamp was the problem.
  if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(parts.v1, 'hex'))) return 'MISMATCH';
  if (Math.abs(input.nowSeconds - timestamp) > input.toleranceSeconds) return 'STALE';
  return 'VALID';
}
