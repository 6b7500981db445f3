/**
 * Bearer token verification cost per request (a benchmark, not a test): `npm run bench:jwt`.
 * The reference, in the same run, is what the services did before issue 11: `jsonwebtoken.verify`
 * with the secret as a string, which first tries to parse it as a PEM public key and throws.
 * Sizes: BENCH_VERIFIES (default 20000) per variant, after a warm-up.
 */
import { HmacTokenVerifier, mintToken } from '@emporium/platform';
import { jwtVerify } from 'jose';
import * as jwt from 'jsonwebtoken';
import { createSecretKey, randomUUID } from 'node:crypto';

const N = Number(process.env.BENCH_VERIFIES ?? 20_000);
const secret = 'a-benchmark-secret-of-some-length';
const token = mintToken(secret, { subject: randomUUID(), roles: ['customer'] }, 600);
const key = createSecretKey(Buffer.from(secret));
const verifier = new HmacTokenVerifier(secret, { issuer: 'emporium', maxLifetimeSeconds: 3600 });

async function measure(name: string, verify: () => unknown): Promise<number> {
  // Synchronous variants are not awaited: a microtask per call would be measured, not the verification.
  const isAsync = verify() instanceof Promise;
  for (let i = 0; i < Math.min(2000, N); i++)
    if (isAsync) await verify();
    else verify();
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i++)
    if (isAsync) await verify();
    else verify();
  const micros = Number(process.hrtime.bigint() - start) / 1000 / N;
  console.log(`${name.padEnd(62)} ${micros.toFixed(1).padStart(7)} µs/verify`);
  return micros;
}

async function main() {
  console.log(`${N} verifications of one HS256 token per variant (node ${process.version})`);
  const before = await measure('reference: jsonwebtoken.verify(token, <string secret>)', () =>
    jwt.verify(token, secret, { algorithms: ['HS256'], issuer: 'emporium' }),
  );
  await measure('jsonwebtoken.verify(token, <KeyObject>)', () =>
    jwt.verify(token, key, { algorithms: ['HS256'], issuer: 'emporium' }),
  );
  await measure('jose jwtVerify(token, <KeyObject>)', () =>
    jwtVerify(token, key, { algorithms: ['HS256'], issuer: 'emporium' }),
  );
  const after = await measure('services now: HmacTokenVerifier.verifySync (KeyObject + claim checks)', () =>
    verifier.verifySync(token),
  );
  console.log(`speed-up of the services' verification: ${(before / after).toFixed(1)}x`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
