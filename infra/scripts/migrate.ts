/**
 * Runs database migrations, as its own deploy step (services never migrate at boot).
 *   node -r @swc-node/register infra/scripts/migrate.ts [service ...]   (default: every service)
 * DATABASE_URL overrides the database when exactly one service is named.
 */
import { runMigrations } from '@emporium/platform';
import { findService, SERVICES } from './services';

async function main() {
  const names = process.argv.slice(2);
  const targets = names.length > 0 ? names.map(findService) : SERVICES;
  for (const service of targets) {
    const url =
      targets.length === 1 && process.env.DATABASE_URL ? process.env.DATABASE_URL : service.defaultDatabaseUrl;
    const applied = await runMigrations(url, await service.migrations());
    console.log(`[migrate] ${service.name}: ${applied.length === 0 ? 'up to date' : `applied ${applied.join(', ')}`}`);
  }
}

main().catch((error) => {
  console.error('[migrate] failed:', error.message);
  process.exit(1);
});
