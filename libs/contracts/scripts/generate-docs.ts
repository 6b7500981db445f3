/**
 * Writes the JSON Schemas and the AsyncAPI document from the contract classes, and freezes each new
 * event version in libs/contracts/published. Refuses to write when a published version would break.
 *   npm run contracts:generate
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_EVENTS } from '../src/registry';
import { compatibilityReport, paths, renderDocuments } from '../src/schema/documents';
import { eventDataSchema } from '../src/schema/json-schema';

const problems = compatibilityReport();
if (problems.length > 0) {
  console.error('Breaking changes to published event versions (publish a new version instead):');
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}

for (const [file, content] of renderDocuments()) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}
fs.mkdirSync(paths.published, { recursive: true });
let frozen = 0;
for (const definition of ALL_EVENTS) {
  const file = path.join(paths.published, `${definition.type}.json`);
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, `${JSON.stringify(eventDataSchema(definition), null, 2)}\n`);
    frozen += 1;
  }
}
console.log(`wrote ${ALL_EVENTS.length} event schemas and the AsyncAPI document; froze ${frozen} new version(s)`);
