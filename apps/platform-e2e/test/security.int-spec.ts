import { integrationSuite } from '@emporium/testing';
import * as jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import {
  bearer,
  bodyFieldsOf,
  concretePath,
  everyRoleToken,
  expectClientProblem,
  expectNoServerError,
  isAllowedPublic,
  paramsOf,
  ProbedRoute,
  queryParamsOf,
  routesOf,
  SECURED_SERVICES,
} from './security-probe';

/**
 * The OWASP API Security Top 10 probe of issue 11, as a suite: every finding that applies to a route
 * shape is tried on every route of every service in SECURED_SERVICES. Service-specific findings
 * (scoping, listing rules, transitions, idempotency, unit caps) are in security-findings.int-spec.ts.
 * docs/security.md describes the threat model.
 */
const quiet = { EVENT_CONSUMER_ENABLED: 'false', OUTBOX_RELAY_ENABLED: 'false' };

for (const recipe of SECURED_SERVICES) {
  const name = recipe.name;
  // A second instance with small limits, for the rate limit probes.
  const setup = {
    services: {
      service: { recipe, env: quiet },
      limited: {
        recipe,
        env: { ...quiet, RATE_LIMIT_PER_IP_PER_MINUTE: '8', RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE: '3' },
      },
    },
  };

  integrationSuite(`security probe: ${name}`, setup, ({ service, limited }) => {
    let routes: ProbedRoute[];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the OpenAPI document as served
    let document: any;
    const ops = bearer('ops');
    const secret = 'emporium-dev-secret-change-me';

    beforeAll(async () => {
      routes = routesOf(service.app);
      document = (await request(service.url).get('/docs-json').set('Authorization', ops).expect(200)).body;
    });

    const each = (filter: (route: ProbedRoute) => boolean = () => true) => routes.filter(filter);
    const withBody = (route: ProbedRoute) => ['POST', 'PUT', 'PATCH'].includes(route.method);
    const call = (route: ProbedRoute, path = concretePath(route, () => randomUUID())) =>
      request(service.url)[route.method.toLowerCase() as 'get'](path);

    it('finds the routes it probes', () => {
      expect(routes.length).toBeGreaterThan(3);
    });

    // Finding 1 (and API5): a route is public only if listed in PUBLIC_ROUTES; every other route names its roles.
    it('every route is either an allowed public route or declares the roles that may call it', () => {
      const unguarded = routes.filter((route) =>
        route.public ? !isAllowedPublic(name, route) : !route.roles || route.roles.length === 0,
      );
      expect(unguarded.map((route) => `${route.method} ${route.path}`)).toEqual([]);
    });

    it('every non-public route answers 401 without a token, with WWW-Authenticate and a problem that names no configuration', async () => {
      for (const route of each((r) => !r.public)) {
        const response = await call(route)
          .set('Idempotency-Key', randomUUID())
          .send(withBody(route) ? {} : undefined);
        expect([route.path, response.status]).toEqual([route.path, 401]);
        expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="emporium"/);
        expectClientProblem(response, `${route.method} ${route.path}`);
      }
    });

    // Finding 2: a correctly signed token with malformed ids, and finding 3: exp required, lifetime capped.
    it.each([
      [
        'a customer subject that is not a UUID',
        () => jwt.sign({ roles: ['customer'] }, secret, { subject: 'not-a-uuid', issuer: 'emporium', expiresIn: 600 }),
      ],
      [
        'a merchantId that is not a UUID',
        () =>
          jwt.sign({ roles: ['merchant'], merchantId: "1' OR '1'='1" }, secret, {
            subject: randomUUID(),
            issuer: 'emporium',
            expiresIn: 600,
          }),
      ],
      ['no exp', () => jwt.sign({ roles: ['ops'] }, secret, { subject: randomUUID(), issuer: 'emporium' })],
      [
        'a 30-day lifetime',
        () => jwt.sign({ roles: ['ops'] }, secret, { subject: randomUUID(), issuer: 'emporium', expiresIn: '30d' }),
      ],
      [
        'another issuer',
        () => jwt.sign({ roles: ['ops'] }, secret, { subject: randomUUID(), issuer: 'elsewhere', expiresIn: 600 }),
      ],
    ])('a token with %s is refused with 401 on every route, public ones included', async (_, token) => {
      for (const route of routes) {
        const response = await call(route)
          .set('Authorization', `Bearer ${token()}`)
          .set('Idempotency-Key', randomUUID())
          .send(withBody(route) ? {} : undefined);
        expect([route.path, response.status]).toEqual([route.path, 401]);
        expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
        expect(response.body.detail).not.toMatch(/issuer|emporium|expected/i);
      }
    });

    // Finding 2: NUL bytes and junk in path ids.
    it('a NUL byte or junk in any path parameter is a 4xx problem', async () => {
      for (const route of each((r) => paramsOf(r).length > 0)) {
        for (const junk of ['x%00y', '%00', encodeURIComponent("' OR 1=1 --"), 'a'.repeat(2000), '%F0%28%8C%28']) {
          for (const param of paramsOf(route)) {
            const path = concretePath(route, (p) => (p === param ? junk : randomUUID()));
            const response = await call(route, path)
              .set('Authorization', everyRoleToken())
              .set('Idempotency-Key', randomUUID())
              .send(withBody(route) ? {} : undefined);
            if (junk.includes('%00')) expectClientProblem(response, `${route.method} ${path}`, 'path');
            else expectNoServerError(response, `${route.method} ${path}`);
          }
        }
      }
    });

    // Finding 2: NUL bytes, numbers beyond any column, and tampered cursors in query parameters.
    it('NUL bytes, huge numbers and junk in any query parameter never cause a 5xx', async () => {
      for (const route of each((r) => r.method === 'GET')) {
        for (const param of queryParamsOf(document, route)) {
          for (const value of [
            '\u0000',
            'a\u0000b',
            '9223372036854775807',
            '1e30',
            '-1e30',
            'NaN',
            '-0',
            "'; SELECT pg_sleep(5) --",
            'x'.repeat(5000),
          ]) {
            const response = await call(route)
              .query({ [param]: value })
              .set('Authorization', everyRoleToken());
            const what = `${route.method} ${route.path}?${param}=${value.slice(0, 30)}`;
            if (value.includes('\u0000')) expectClientProblem(response, what, param);
            else expectNoServerError(response, what);
          }
        }
      }
    });

    it('a tampered cursor on every paginated list is a 400 naming cursor', async () => {
      const forged = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
      const lists = each((r) => r.method === 'GET' && queryParamsOf(document, r).includes('cursor'));
      for (const route of lists) {
        for (const cursor of [
          'zzz',
          forged(['not-a-time', 'not-a-uuid']),
          forged(['relevance', 1e308, 'x']),
          `${forged(['2026-01-01T00:00:00Z', randomUUID()])}.AAAAAAAAAAAAAAAAAAAAAA`,
          forged([{ $gt: '' }, null]),
        ]) {
          const response = await call(route).query({ cursor }).set('Authorization', everyRoleToken());
          // inventory's movement ledger uses a numeric id cursor: junk is refused by its DTO, naming cursor as well.
          expectClientProblem(response, `${route.method} ${route.path}?cursor=${cursor}`, 'cursor');
        }
      }
    });

    // Finding 2 and 7: bodies. Size (with and without a token), charset, encoding, gzip, nesting, NUL bytes.
    it('every body route answers malformed bodies with 4xx problems: 413, 415, 400', async () => {
      const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
      for (const route of each(withBody)) {
        const what = `${route.method} ${route.path}`;
        const send = (
          headers: Record<string, string>,
          body: string | Buffer,
          token: string | null = everyRoleToken(),
        ) => {
          const test = call(route).set('Idempotency-Key', randomUUID());
          if (token) test.set('Authorization', token);
          for (const [header, value] of Object.entries(headers)) test.set(header, value);
          return test.send(body);
        };
        const json = { 'Content-Type': 'application/json' };
        expect((await send(json, JSON.stringify({ x: 'a'.repeat(1_100_000) }))).status).toBe(413);
        // Without a token only a small body is read at all: a stranger cannot make the service parse megabytes.
        const anonymous = await send(json, JSON.stringify({ x: 'a'.repeat(100_000) }), null);
        expect([what, anonymous.status]).toEqual([what, 413]);
        expectClientProblem(
          await send({ 'Content-Type': 'application/json; charset=utf-16' }, '{}'),
          `${what} utf-16`,
          'Content-Type',
        );
        expect((await send({ 'Content-Type': 'application/json; charset=utf-16' }, '{}')).status).toBe(415);
        const compress = await send({ ...json, 'Content-Encoding': 'compress' }, '{}');
        expect([what, compress.status]).toEqual([what, 415]);
        expectClientProblem(compress, `${what} compress`);
        expectClientProblem(
          await send({ ...json, 'Content-Encoding': 'gzip' }, Buffer.from('this is not gzip')),
          `${what} bad gzip`,
        );
        const gzipBomb = await send(
          { ...json, 'Content-Encoding': 'gzip' },
          gzipSync(Buffer.from(JSON.stringify({ x: 'a'.repeat(5_000_000) }))),
        );
        // Inflation stops at the limit: refused as too large or as an unreadable stream, never parsed.
        expectClientProblem(gzipBomb, `${what} gzip bomb`);
        expect([413, 400]).toContain(gzipBomb.status);
        expectClientProblem(await send(json, deep), `${what} nested 5000 deep`, 'body');
        expectClientProblem(await send(json, '{"a":'), `${what} truncated JSON`, 'body');
        for (const field of [...bodyFieldsOf(document, route), 'unknownField']) {
          expectClientProblem(
            await send(json, JSON.stringify({ [field]: 'x\u0000y' })),
            `${what} NUL in ${field}`,
            field,
          );
          expectClientProblem(
            await send(json, JSON.stringify({ [field]: ['x\u0000y'] })),
            `${what} NUL in ${field}.0`,
            `${field}.0`,
          );
        }
      }
    });

    // Finding 9: headers and exposure.
    it('answers with nosniff, without X-Powered-By, and with no-store when authenticated', async () => {
      for (const route of each((r) => r.method === 'GET')) {
        const response = await call(route).set('Authorization', everyRoleToken());
        expect(response.headers['x-powered-by']).toBeUndefined();
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['cache-control']).toBe('no-store');
      }
      const anonymous = await request(service.url).get('/health/live').expect(200);
      expect(anonymous.headers['x-powered-by']).toBeUndefined();
      expect(anonymous.headers['x-content-type-options']).toBe('nosniff');
    });

    it('answers oversized headers with a 431 problem body', async () => {
      const { status, body, type } = await rawGet(service.url, '/health/live', { 'X-Padding': 'a'.repeat(20_000) });
      expect(status).toBe(431);
      expect(type).toBe('application/problem+json');
      expect(JSON.parse(body)).toMatchObject({ status: 431, code: 'REQUEST_HEADER_FIELDS_TOO_LARGE' });
    });

    it('serves /metrics and the API documents to ops and services only; /health stays public', async () => {
      for (const path of ['/metrics', '/docs-json', '/docs/']) {
        const anonymous = await request(service.url).get(path).expect(401);
        expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="emporium"');
        expectClientProblem(
          await request(service.url).get(path).set('Authorization', bearer('customer')).expect(403),
          `${path} as customer`,
        );
        await request(service.url).get(path).set('Authorization', bearer('service', 'prometheus')).expect(200);
      }
      await request(service.url).get('/health/live').expect(200);
    });

    // Finding 7: rate limits per principal and per IP, answered with a 429 problem and RateLimit headers.
    it('limits requests per principal and per IP with 429 problems and RateLimit headers; health is never limited', async () => {
      const route = routes.find((r) => r.method === 'GET' && !r.public && paramsOf(r).length === 0) ?? {
        path: '/health/ready',
      };
      const sameCaller = bearer('ops', `ops-${randomUUID()}`);
      for (let i = 0; i < 3; i++) {
        const ok = await request(limited.url).get(route.path).set('Authorization', sameCaller);
        expect(ok.status).not.toBe(429);
        expect(ok.headers['ratelimit-policy']).toBeDefined();
      }
      const throttled = await request(limited.url).get(route.path).set('Authorization', sameCaller).expect(429);
      expectClientProblem(throttled, 'fourth request of one principal');
      expect(throttled.headers['retry-after']).toMatch(/^\d+$/);
      expect(throttled.headers.ratelimit).toMatch(/^"principal";r=0;t=\d+$/);
      // Other callers from the same IP go on until the IP's own limit (8 a minute here).
      for (let i = 0; i < 4; i++)
        expect((await request(limited.url).get(route.path).set('Authorization', bearer('ops'))).status).not.toBe(429);
      const perIp = await request(limited.url).get(route.path).set('Authorization', bearer('ops')).expect(429);
      expect(perIp.headers.ratelimit).toMatch(/^"ip";r=0;t=\d+$/);
      for (let i = 0; i < 5; i++) await request(limited.url).get('/health/live').expect(200);
    });
  });

  /** A GET with raw headers (supertest would refuse oversized ones client-side). */
  function rawGet(
    base: string,
    path: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; body: string; type: string }> {
    return new Promise((resolve, reject) => {
      const req = http.get(new URL(path, base), { headers }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type']) }));
      });
      req.on('error', reject);
    });
  }
}
