import { signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signatures (payment gateway, carriers)', () => {
  const secret = 'sandbox-post-webhook-secret';
  const body = Buffer.from('{"eventId":"e-1","trackingNumber":"X","status":"DELIVERED"}');
  const now = 1_764_000_000;
  const check = (header: string | undefined, eventId = 'e-1', at = now, raw = body) =>
    verifyWebhook({ secret, header, eventId, rawBody: raw, nowSeconds: at, toleranceSeconds: 300 });

  it('accepts a fresh, correctly signed request', () => {
    expect(check(signWebhook(secret, now - 10, 'e-1', body))).toBe('VALID');
    // The tolerance is inclusive: 299 s old is fresh, 301 s is stale (below).
    expect(check(signWebhook(secret, now - 299, 'e-1', body))).toBe('VALID');
  });

  it('refuses missing, malformed and mis-signed requests', () => {
    expect(check(undefined)).toBe('MISSING');
    expect(check('v1=abc')).toBe('MALFORMED');
    expect(check('t=abc,v1=zz')).toBe('MALFORMED');
    expect(check(signWebhook('another-secret', now, 'e-1', body))).toBe('MISMATCH');
    // The event id is inside the signature: replaying the body under a new id does not verify.
    expect(check(signWebhook(secret, now, 'e-1', body), 'e-2')).toBe('MISMATCH');
    expect(
      check(
        signWebhook(secret, now, 'e-1', body),
        'e-1',
        now,
        Buffer.from(body.toString().replace('DELIVERED', 'LOST')),
      ),
    ).toBe('MISMATCH');
  });

  it('refuses a correctly signed request outside the replay window', () => {
    expect(check(signWebhook(secret, now - 301, 'e-1', body))).toBe('STALE');
    expect(check(signWebhook(secret, now + 301, 'e-1', body))).toBe('STALE');
  });
});
