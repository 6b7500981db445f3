import { readFileSync } from 'node:fs';
import { generateAll, metadataFile } from './openapi-metadata';

/**
 * The committed swagger plugin metadata (apps/<service>/src/openapi-metadata.ts) must be what the
 * plugin makes of today's controllers and DTOs: a stale file would document yesterday's API.
 */
describe('OpenAPI plugin metadata', () => {
  it('is up to date for every service (npm run openapi:generate rewrites it)', () => {
    for (const [service, expected] of generateAll()) {
      expect({ service, text: readFileSync(metadataFile(service), 'utf8') }).toEqual({ service, text: expected });
    }
  }, 180_000);
});
