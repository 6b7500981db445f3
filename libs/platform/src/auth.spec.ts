import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import * as jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { HmacTokenVerifier, JwksTokenVerifier, mintToken, ownerScope, Principal, serviceTokenSource } from './auth';

// Security probe, issue 11 findings 1 and 3: scope by each role held, tokens need exp and a bounded
// lifetime, an audience when configured, well-formed ids, and asymmetric tokens from a JWKS.
const secret = 'a-test-secret-of-enough-length';
const options = { issuer: 'emporium', maxLifetimeSeconds: 3600 };
const customer = randomUUID();

function sign(claims: Record<string, unknown>, signOptions: jwt.SignOptions = {}): string {
  return jwt.sign({ roles: ['customer'], ...claims }, secret, {
    algorithm: 'HS256',
    issuer: 'emporium',
    subject: customer,
    expiresIn: 600,
    ...signOptions,
  });
}

describe('HmacTokenVerifier', () => {
  const verifier = new HmacTokenVerifier(secret, options);

  it('accepts a minted token and returns the principal', async () => {
    const merchantId = randomUUID();
    await expect(
      verifier.verify(mintToken(secret, { subject: 'user-1', roles: ['merchant'], merchantId }, 600)),
    ).resolves.toEqual({
      subject: 'user-1',
      roles: ['merchant'],
      merchantId,
    });
  });

  it.each([
    [
      'no exp',
      () => jwt.sign({ roles: ['customer'] }, secret, { algorithm: 'HS256', issuer: 'emporium', subject: customer }),
      'the token has no expiry',
    ],
    ['a lifetime beyond the cap', () => sign({}, { expiresIn: 7200 }), 'the token lives longer than allowed'],
    [
      'expired',
      () =>
        jwt.sign(
          {
            roles: ['customer'],
            sub: customer,
            iss: 'emporium',
            iat: Math.floor(Date.now() / 1000) - 100,
            exp: Math.floor(Date.now() / 1000) - 10,
          },
          secret,
        ),
      'the token has expired',
    ],
    [
      'a customer subject that is not a UUID',
      () => sign({}, { subject: "x'OR'1'='1" }),
      'a customer token must have a UUID subject',
    ],
    [
      'a merchantId that is not a UUID',
      () => sign({ roles: ['merchant'], merchantId: 'not-a-uuid' }, { subject: 'user-1' }),
      'merchantId must be a UUID',
    ],
    [
      'a subject with a NUL byte',
      () => sign({ roles: ['ops'] }, { subject: 'ops\u0000' }),
      'the token has no valid subject or no known role',
    ],
    ['another issuer', () => sign({}, { issuer: 'someone-else' }), 'the token is invalid'],
    [
      'another secret',
      () =>
        jwt.sign({ roles: ['ops'] }, 'another-secret-of-enough-length', {
          algorithm: 'HS256',
          issuer: 'emporium',
          subject: 'x',
          expiresIn: 60,
        }),
      'the token is invalid',
    ],
    [
      'alg none',
      () =>
        jwt.sign({ roles: ['ops'], iss: 'emporium', sub: 'x', exp: Math.floor(Date.now() / 1000) + 60 }, '', {
          algorithm: 'none',
        }),
      'the token is invalid',
    ],
  ])('refuses a token with %s, with a reason that names no configuration', async (_, token, reason) => {
    await expect(verifier.verify(token())).rejects.toThrow(reason);
  });

  it('requires the configured audience', async () => {
    const withAudience = new HmacTokenVerifier(secret, { ...options, audience: 'emporium-api' });
    await expect(withAudience.verify(sign({}))).rejects.toThrow('the token is invalid');
    await expect(withAudience.verify(sign({}, { audience: 'another-api' }))).rejects.toThrow('the token is invalid');
    await expect(withAudience.verify(sign({}, { audience: 'emporium-api' }))).resolves.toMatchObject({
      subject: customer,
    });
  });
});

describe('serviceTokenSource: one service token, reused until a minute before it expires', () => {
  const verifier = new HmacTokenVerifier(secret, { issuer: 'emporium', maxLifetimeSeconds: 300 });

  it('mints a service token the verifier accepts', async () => {
    const token = serviceTokenSource(secret, 'orders')();
    await expect(verifier.verify(token)).resolves.toEqual({ subject: 'orders', roles: ['service'] });
  });

  it('returns the same token for 240 s of a 300 s lifetime, then a new one', () => {
    let clock = Date.parse('2026-11-30T08:00:00Z');
    const token = serviceTokenSource(secret, 'orders', {}, 300, () => clock);
    const first = token();
    clock += 239_000;
    expect(token()).toBe(first);
    clock += 1_000; // 240 s: a minute before it expires
    expect(token()).not.toBe(first);
  });
});

describe('JwksTokenVerifier', () => {
  let server: Server;
  let jwksUrl: string;
  const keys = {} as {
    rs: Awaited<ReturnType<typeof generateKeyPair>>;
    es: Awaited<ReturnType<typeof generateKeyPair>>;
  };

  beforeAll(async () => {
    keys.rs = await generateKeyPair('RS256');
    keys.es = await generateKeyPair('ES256');
    const jwks = {
      keys: [
        { ...(await exportJWK(keys.rs.publicKey)), kid: 'rs', alg: 'RS256' },
        { ...(await exportJWK(keys.es.publicKey)), kid: 'es', alg: 'ES256' },
      ],
    };
    // A local identity provider's key endpoint, on loopback.
    server = createServer((_, response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks)),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const token = (
    alg: 'RS256' | 'ES256',
    kid: string,
    key: unknown,
    claims: Record<string, unknown> = {},
    expiresIn = '10m',
  ) => {
    const builder = new SignJWT({ roles: ['customer'], ...claims })
      .setProtectedHeader({ alg, kid })
      .setIssuer('emporium')
      .setAudience('emporium-api')
      .setSubject(customer)
      .setIssuedAt();
    return (expiresIn ? builder.setExpirationTime(expiresIn) : builder).sign(key as never);
  };

  it('verifies RS256 and ES256 tokens against the provider’s keys, with the audience', async () => {
    const verifier = new JwksTokenVerifier(jwksUrl, { ...options, audience: 'emporium-api' });
    const expected: Principal = { subject: customer, roles: ['customer'], merchantId: undefined };
    await expect(verifier.verify(await token('RS256', 'rs', keys.rs.privateKey))).resolves.toEqual(expected);
    await expect(verifier.verify(await token('ES256', 'es', keys.es.privateKey))).resolves.toEqual(expected);
  });

  it('refuses an HS256 token signed with a shared secret, one without exp, and one from an unknown key', async () => {
    const verifier = new JwksTokenVerifier(jwksUrl, { ...options, audience: 'emporium-api' });
    await expect(
      verifier.verify(mintToken(secret, { subject: customer, roles: ['customer'] }, 600, { audience: 'emporium-api' })),
    ).rejects.toThrow('the token is invalid');
    await expect(verifier.verify(await token('RS256', 'rs', keys.rs.privateKey, {}, ''))).rejects.toThrow();
    const stranger = await generateKeyPair('ES256');
    await expect(verifier.verify(await token('ES256', 'es', stranger.privateKey))).rejects.toThrow(
      'the token is invalid',
    );
  });
});

describe('ownerScope: the narrowest scope among the roles held wins', () => {
  const merchantId = randomUUID();

  it.each<[string, Principal, 'customer' | 'merchant', string | undefined]>([
    ['customer only', { subject: customer, roles: ['customer'] }, 'customer', customer],
    ['customer and merchant', { subject: customer, roles: ['customer', 'merchant'], merchantId }, 'customer', customer],
    ['customer and ops', { subject: customer, roles: ['ops', 'customer'] }, 'customer', customer],
    ['ops only', { subject: 'ops-1', roles: ['ops'] }, 'customer', undefined],
    [
      'merchant and customer',
      { subject: customer, roles: ['customer', 'merchant'], merchantId },
      'merchant',
      merchantId,
    ],
    ['merchant and ops', { subject: 'u', roles: ['ops', 'merchant'], merchantId }, 'merchant', merchantId],
    ['service only', { subject: 'orders', roles: ['service'] }, 'merchant', undefined],
  ])('%s, scoped as %s', (_, principal, role, expected) => {
    expect(ownerScope(principal, role)).toBe(expected);
  });

  it('a merchant-role token without a merchant sees nothing merchant-scoped', () => {
    expect(() => ownerScope({ subject: 'u', roles: ['merchant', 'ops'] }, 'merchant')).toThrow('merchantId');
  });
});
