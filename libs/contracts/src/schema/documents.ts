import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { keyFieldOf } from '../event-definition';
import { ALL_EVENTS } from '../registry';
import { asyncApiDocument } from './asyncapi';
import { breakingChanges } from './compatibility';
import { eventDataSchema, JsonSchema } from './json-schema';
import { ORDER_CANCELLED_MIGRATION, ORDER_CANCELLED_V1_REASON_OF } from '../orders/order-cancelled.v2';

const repoRoot = path.resolve(__dirname, '../../../..');
export const paths = {
  schemas: path.join(repoRoot, 'docs/events/schemas'),
  asyncApi: path.join(repoRoot, 'docs/events/asyncapi.yaml'),
  catalog: path.join(repoRoot, 'docs/events/README.md'),
  /** Frozen copies of each event version as first published; never rewritten. */
  published: path.join(repoRoot, 'libs/contracts/published'),
  /** The installable package (`npm run contracts:pack`); its version follows the event schemas. */
  packageJson: path.join(repoRoot, 'libs/contracts/package.json'),
};

/**
 * The package version follows the published event versions: whenever the event schemas change (a new
 * event, a new version, an added optional field) the minor version goes up, recorded with a digest of
 * the schemas so the change cannot go unnoticed. The major stays 1 because a published event version
 * is never broken or withdrawn (the compatibility check refuses it); a fix that changes no schema is a
 * patch, bumped by hand.
 */
export function contractsPackage(schemas: Map<string, JsonSchema>): { version: string; content: string } {
  const manifest = nextManifest(JSON.parse(fs.readFileSync(paths.packageJson, 'utf8')), schemasDigest(schemas));
  return { version: manifest.version, content: `${JSON.stringify(manifest, null, 2)}\n` };
}

export function schemasDigest(schemas: Map<string, JsonSchema>): string {
  const digest = createHash('sha256');
  for (const type of [...schemas.keys()].sort()) digest.update(`${type}\n${JSON.stringify(schemas.get(type))}\n`);
  return digest.digest('hex');
}

/** The manifest for schemas with this digest: the same when nothing changed, the next minor otherwise. */
export function nextManifest<M extends { version: string; emporium?: { schemasSha256?: string } }>(
  manifest: M,
  digest: string,
): M {
  const recorded = manifest.emporium?.schemasSha256 ?? '';
  if (recorded === digest) return manifest;
  const [major, minor] = manifest.version.split('.').map(Number);
  // An empty digest is the first release: it keeps its version.
  const version = recorded === '' ? manifest.version : `${major}.${minor + 1}.0`;
  return { ...manifest, version, emporium: { ...manifest.emporium, schemasSha256: digest } };
}

/** Everything the generator writes, as file path → content. */
export function renderDocuments(): Map<string, string> {
  const files = new Map<string, string>();
  const schemas = new Map(ALL_EVENTS.map((definition) => [definition.type, eventDataSchema(definition)]));
  for (const [type, schema] of schemas)
    files.set(path.join(paths.schemas, `${type}.json`), `${JSON.stringify(schema, null, 2)}\n`);
  const contracts = contractsPackage(schemas);
  files.set(paths.packageJson, contracts.content);
  files.set(
    paths.asyncApi,
    stringify(asyncApiDocument(ALL_EVENTS, contracts.version), { lineWidth: 0, aliasDuplicateObjects: false }),
  );
  files.set(paths.catalog, eventCatalog());
  return files;
}

export function readPublishedSchemas(): Map<string, JsonSchema> {
  const found = new Map<string, JsonSchema>();
  if (!fs.existsSync(paths.published)) return found;
  for (const file of fs
    .readdirSync(paths.published)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
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
    .map(
      (d) =>
        `| \`${d.type}\` | \`${d.topic}\` | \`${keyFieldOf(d)}\` | ${d.summary} | [schema](schemas/${d.type}.json) |`,
    );
  const keysByTopic = new Map<string, Set<string>>();
  for (const d of ALL_EVENTS) keysByTopic.set(d.topic, (keysByTopic.get(d.topic) ?? new Set()).add(keyFieldOf(d)));
  const mixed = [...keysByTopic].filter(([, keys]) => keys.size > 1).sort(([a], [b]) => a.localeCompare(b));
  const mixedNote =
    mixed.length === 0
      ? ''
      : `\n  Streams with more than one key: ${mixed
          .map(
            ([topic, keys]) =>
              `\`${topic}\` (${[...keys]
                .sort()
                .map((k) => `\`${k}\``)
                .join(', ')})`,
          )
          .join(
            ', ',
          )}.\n  On those, order holds per key only: two events with different keys (for example an order's reservation\n  and the low-stock alert of one of its SKUs) may be read in either order.`;
  return `# Event catalog

Generated from \`libs/contracts\` by \`npm run contracts:generate\`; do not edit by hand.
The machine-readable contract is [asyncapi.yaml](asyncapi.yaml) (AsyncAPI 3.0) with one JSON Schema per
event version in [schemas/](schemas). Both ship in the npm package \`@emporium/contracts\` (\`asyncapi.yaml\`,
\`schemas/*.json\`) with the event classes and their TypeScript declarations: see libs/contracts/README.md.

## Subscribing

- Topics are \`<service>.<aggregate>.v<major>\`. The message key (also \`ce_subject\`) is the field named in
  the *key* column below: events with the same key arrive in order on one partition.${mixedNote}
- Each stream has 6 partitions and keeps events for 7 days: a subscriber that is down longer than that
  must rebuild from its own snapshot.
- Messages are CloudEvents 1.0 in Kafka binary mode: \`ce_specversion\`, \`ce_id\` (UUID: deduplicate on
  it, delivery is at least once), \`ce_source\` (\`/emporium/<service>\`), \`ce_type\` (\`<type>.v<version>\`),
  \`ce_time\`, \`ce_subject\` (the key), \`content-type: application/json\`, plus
  \`ce_correlationid\`, \`ce_causationid\` and W3C \`traceparent\`. The value is the event data as JSON.
- A stream carries several event types: switch on \`ce_type\` and ignore types you do not know.
- Compatibility: within a version only optional fields are ever added, so ignore unknown fields. Any
  other change is published as a new version (\`...v2\`) next to the old one. The published schemas are
  frozen in \`libs/contracts/published\` and a test fails the build if a change would break them.
- Money is integer minor units with an ISO 4217 \`currency\`; times are ISO 8601 UTC; ids are UUIDs.

## Events

| type | topic | key | meaning | schema |
|---|---|---|---|---|
${rows.join('\n')}
${cancelledMigration()}`;
}

/** The orders.order.cancelled v1 -> v2 migration, from the constants in libs/contracts/src/orders. */
function cancelledMigration(): string {
  const rows = Object.entries(ORDER_CANCELLED_V1_REASON_OF).map(([v2, v1]) => `| \`${v2}\` | \`${v1}\` |`);
  return `
## Migrating from \`orders.order.cancelled.v1\` to v2

${ORDER_CANCELLED_MIGRATION.map((step) => `- ${step}`).join('\n')}

What the v1 copy says for each v2 reason (any other v2 reason: \`CONFIRMATION_DEADLINE_PASSED\`; the v1
\`detail\` then starts with \`[<v2 reason>] \`):

| v2 reason | v1 reason |
|---|---|
${rows.join('\n')}
`;
}
