import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * A quote id is the quote itself, signed: `q1.<base64url JSON>.<base64url HMAC-SHA256>`. Marketing keeps
 * no quote rows (a quote is asked for on every cart change), and redemption trusts only what it signed:
 * the customer, the expiry, the coupon codes and what each promotion gave.
 */
export interface QuotedPromotion {
  /** promotion id */
  id: string;
  /** discount off the lines plus off shipping, minor units */
  d: number;
  /** flash-sale units at the sale price */
  f: number;
  /** the coupon code that brought it, if any */
  c?: string;
}

export interface QuoteClaims {
  /** a unique id for this quote (logs, support) */
  n: string;
  /** customer id, when the quote was for one */
  u: string | null;
  cur: string;
  /** expiry, epoch milliseconds */
  exp: number;
  codes: string[];
  /** discountTotal + shippingDiscount */
  dt: number;
  p: QuotedPromotion[];
}

export type QuoteVerdict = { ok: true; claims: QuoteClaims } | { ok: false; reason: 'QUOTE_INVALID' | 'QUOTE_EXPIRED' };

const PREFIX = 'q1';

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`${PREFIX}.${body}`).digest('base64url');
}

export function signQuote(secret: string, claims: Omit<QuoteClaims, 'n'>): string {
  const body = Buffer.from(JSON.stringify({ n: randomUUID(), ...claims })).toString('base64url');
  return `${PREFIX}.${body}.${sign(secret, body)}`;
}

/** Tampered, malformed or signed with another secret: QUOTE_INVALID; past its expiry at `at`: QUOTE_EXPIRED. */
export function verifyQuote(secret: string, token: string, at: Date): QuoteVerdict {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return { ok: false, reason: 'QUOTE_INVALID' };
  const [, body, signature] = parts;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'QUOTE_INVALID' };
  let claims: QuoteClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'QUOTE_INVALID' };
  }
  if (typeof claims.exp !== 'number' || !Array.isArray(claims.p) || !Array.isArray(claims.codes))
    return { ok: false, reason: 'QUOTE_INVALID' };
  if (at.getTime() >= claims.exp) return { ok: false, reason: 'QUOTE_EXPIRED' };
  return { ok: true, claims };
}
