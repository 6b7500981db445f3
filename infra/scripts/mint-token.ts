/**
 * Mints a development bearer token, signed with JWT_SECRET (or the development default).
 *   npm run token -- --role ops [--sub <uuid>] [--merchant <uuid>] [--hours 8]
 * Services refuse tokens that live longer than JWT_MAX_LIFETIME_SECONDS (default 24 h); customer
 * subjects and merchant ids must be UUIDs.
 */
import { mintToken, platformDefaults, Role, ROLES } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'customer' },
    sub: { type: 'string' },
    merchant: { type: 'string' },
    hours: { type: 'string', default: '8' },
  },
});
if (!ROLES.includes(values.role as Role)) {
  console.error(`--role must be one of ${ROLES.join(', ')}`);
  process.exit(2);
}
const secret = process.env.JWT_SECRET ?? platformDefaults('any', 0).JWT_SECRET;
const subject = values.sub ?? randomUUID();
console.log(
  mintToken(
    secret,
    { subject, roles: [values.role as Role], merchantId: values.merchant },
    Number(values.hours) * 3600,
  ),
);
