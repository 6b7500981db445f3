import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { ALL_EVENTS } from '../registry';
import { asyncApiDocument } from './asyncapi';
import { breakingChanges } from './compatibility';
import { eventDataSchema, JsonSchema } from './json-schema';

const repoRoot = path.resolve(__dirname, '../../../..');
export const paths = {
  schemas: path.join(repoRoot, 'docs/events/schemas'),
  asyncApi: path.join(repoRoot, 'docs/events/asyncapi.yaml'),
  /** Frozen copies of each event version as first published; never rewritten. */
  published: path.join(repoRoot, 'libs/contracts/published'),
};

const contractsVersion = '1.0.0';

/** Everything the generator writes, as file path → content. */
export function renderDocuments(): Map<string, string> {
  const files = new Map<string, string>();
  for (const definition of ALL_EVENTS) {
    files.set(path.join(paths.schemas, `${definition.type}.json`), `${JSON.stringify(eventDataSchema(definition), null, 2)}\n`);
  }
  files.set(paths.asyncApi, stringify(asyncApiDocument(ALL_EVENTS, contractsVersion), { lineWidth: 0, aliasDuplicateObjects: false }));
  return files;
}

export function readPublishedSchemas(): Map<string, JsonSchema> {
  const found = new Map<string, JsonSchema>();
  if (!fs.existsSync(paths.published)) return found;
  for (const file of fs.readdirSync(paths.published).filter((name) => name.endsWith('.json')).sort()) {
    found.set(file.replace(/\.json$/, ''), JSON.parse(fs.readFileSync(path.join(paths.published, file), 'utf8')));
  }
  return found;
}

/** Each published version compared with what the code declares now; empty when nothing breaks. */
export function compatibilityReport(): string[] {
  const current = new Map(ALL_EVENTS.map((definition) => [definition.type, eventDataSchema(definition)]));
  const problems: string[] = [];
  for (const [type, published] of readPublishedSchemas()) {
    const now = current.get(type);
    if (!now) problems.push(`${type}: a published event version was removed`);
    else problems.push(...breakingChanges(published, now).map((problem) => `${type} ${problem}`));
  }
  return problems;
}
