import { signPaymentWebhook, verifyPaymentWebhook } from './webhook-signature';

describe('payment webhook signatures', () => {
  const secret = 's3cret';
  const body = Buffer.from('{"eventId":"e1","reference":"r1","outcome":"AUTHORISED"}');
  const now = 1_800_000_000;
  const check = (header: string | undefined, over: Partial<Parameters<typeof verifyPaymentWebhook>[0]> = {}) =>
    verifyPaymentWebhook({ secret, header, eventId: 'e1', rawBody: body, nowSeconds: now, toleranceSeconds: 300, ...over });

  it('accepts its own signature within the tolerance', () => {
    expect(check(signPaymentWebhook(secret, now - 299, 'e1', body))).toBe('VALID');
  });

  it('refuses a missing, malformed, mis-signed or stale signature', () => {
    expect(check(undefined)).toBe('MISSING');
    expect(check('t=abc,v1=zz')).toBe('MALFORMED');
    expect(check(signPaymentWebhook('other', now, 'e1', body))).toBe('MISMATCH');
    // The event id is signed: the same body under another id does not verify.
    expect(check(signPaymentWebhook(secret, now, 'e2', body))).toBe('MISMATCH');
    expect(check(signPaymentWebhook(secret, now - 301, 'e1', body))).toBe('STALE');
  });
});
