import type { Response } from 'express';
import { fieldWithNul, FixedWindowLimiter, jsonDepthExceeds } from './http-hardening';

function fakeResponse() {
  const headers: Record<string, string> = {};
  return {
    headers,
    response: { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as Response,
  };
}

describe('FixedWindowLimiter', () => {
  it('allows the limit per key per window, then refuses with RateLimit headers until the key’s window ends', () => {
    const limiter = new FixedWindowLimiter(3, 60_000);
    const t0 = 1_000_030_000; // a burst that straddles a wall-clock minute still counts as one window
    for (let i = 0; i < 3; i++)
      expect(limiter.take('a', fakeResponse().response, 'principal', t0 + i * 20_000)).toBe(true);
    const refused = fakeResponse();
    expect(limiter.take('a', refused.response, 'principal', t0 + 59_000)).toBe(false);
    expect(refused.headers).toMatchObject({
      RateLimit: '"principal";r=0;t=1',
      'Retry-After': '1',
      'RateLimit-Policy': '"principal";q=3;w=60',
    });
    expect(limiter.take('b', fakeResponse().response, 'principal', t0 + 59_000)).toBe(true);
    expect(limiter.take('a', fakeResponse().response, 'principal', t0 + 60_000)).toBe(true);
  });

  it('is off at 0', () => {
    const limiter = new FixedWindowLimiter(0, 60_000);
    for (let i = 0; i < 1000; i++) expect(limiter.take('a', fakeResponse().response, 'ip')).toBe(true);
  });
});

describe('body checks', () => {
  it('counts nesting outside strings only', () => {
    expect(jsonDepthExceeds(Buffer.from('{"a":[[1]]}'), 3)).toBe(false);
    expect(jsonDepthExceeds(Buffer.from('{"a":[[[1]]]}'), 3)).toBe(true);
    expect(jsonDepthExceeds(Buffer.from('{"a":"[[[[[[\\"[[["}'), 2)).toBe(false);
  });

  it('names the first field holding a NUL character', () => {
    expect(fieldWithNul({ a: 'ok', lines: [{ sku: 'x\u0000' }] })).toBe('lines.0.sku');
    expect(fieldWithNul({ ['k\u0000']: 1 })).toBe('k\u0000');
    expect(fieldWithNul({ a: 1, b: [true, null] })).toBeUndefined();
  });
});
