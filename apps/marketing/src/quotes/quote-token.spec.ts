import { signQuote, verifyQuote } from './quote-token';

const SECRET = 'a-test-secret-of-some-length';
const claims = {
  u: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
  cur: 'EUR',
  exp: Date.parse('2026-11-25T12:15:00Z'),
  codes: ['WELCOME4'],
  dt: 400,
  p: [{ id: 'p-1', d: 400, f: 0, c: 'WELCOME4' }],
};

describe('quote ids (signed, time-limited)', () => {
  const token = signQuote(SECRET, claims);

  it('round-trips before the expiry', () => {
    const verdict = verifyQuote(SECRET, token, new Date('2026-11-25T12:14:59Z'));
    expect(verdict).toEqual({ ok: true, claims: expect.objectContaining(claims) });
  });

  it('is expired at and after the expiry', () => {
    expect(verifyQuote(SECRET, token, new Date('2026-11-25T12:15:00Z'))).toEqual({
      ok: false,
      reason: 'QUOTE_EXPIRED',
    });
  });

  it('a changed body (a bigger discount) is invalid', () => {
    const [prefix, body, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), dt: 4000 }),
    ).toString('base64url');
    expect(verifyQuote(SECRET, `${prefix}.${forged}.${signature}`, new Date('2026-11-25T12:00:00Z'))).toEqual({
      ok: false,
      reason: 'QUOTE_INVALID',
    });
  });

  it('another secret, a truncated or a foreign token is invalid', () => {
    const at = new Date('2026-11-25T12:00:00Z');
    expect(verifyQuote('another-secret-of-some-length', token, at)).toEqual({ ok: false, reason: 'QUOTE_INVALID' });
    expect(verifyQuote(SECRET, token.slice(0, -2), at)).toEqual({ ok: false, reason: 'QUOTE_INVALID' });
    expect(verifyQuote(SECRET, 'not-a-quote', at)).toEqual({ ok: false, reason: 'QUOTE_INVALID' });
  });
});
