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
  catalog: path.join(repoRoot, 'docs/events/README.md'),
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
  files.set(paths.catalog, eventCatalog());
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

/** docs/events/README.md: the page another team reads before subscribing. */
function eventCatalog(): string {
  const rows = [...ALL_EVENTS]
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.type.localeCompare(b.type))
    .map((d) => `| \`${d.type}\` | \`${d.topic}\` | ${d.summary} | [schema](schemas/${d.type}.json) |`);
  return `# Event catalog

Generated from \`libs/contracts\` by \`npm run contracts:generate\`; do not edit by hand.
The machine-readable contract is [asyncapi.yaml](asyncapi.yaml) (AsyncAPI 3.0) with one JSON Schema per
event version in [schemas/](schemas).

## Subscribing

- Topics are \`<service>.<aggregate>.v<major>\`; the message key is the aggregate id, so one aggregate's
  events arrive in order on one partition. Each stream has 6 partitions and keeps events for 7 days:
  a subscriber that is down longer than that must rebuild from its own snapshot.
- Messages are CloudEvents 1.0 in Kafka binary mode: \`ce_specversion\`, \`ce_id\` (UUID: deduplicate on
  it, delivery is at least once), \`ce_source\` (\`/emporium/<service>\`), \`ce_type\` (\`<type>.v<version>\`),
  \`ce_time\`, \`ce_subject\` (the aggregate id), \`content-type: application/json\`, plus
  \`ce_correlationid\`, \`ce_causationid\` and W3C \`traceparent\`. The value is the event data as JSON.
- A stream carries several event types: switch on \`ce_type\` and ignore types you do not know.
- Compatibility: within a version only optional fields are ever added, so ignore unknown fields. Any
  other change is published as a new version (\`...v2\`) next to the old one. The published schemas are
  frozen in \`libs/contracts/published\` and a test fails the build if a change would break them.
- Money is integer minor units with an ISO 4217 \`currency\`; times are ISO 8601 UTC; ids are UUIDs.

## Events

| type | topic | meaning | schema |
|---|---|---|---|
${rows.join('\n')}
`;
}
