import type { JsonSchema } from './json-schema';

/**
 * What a consumer of a published event version relies on, and so what a new build of the contract
 * may not change within that version:
 * - a property may not disappear, and its type, format and pattern may not change;
 * - the required set may not change (a new required field fails on old events still in the topic;
 *   a field no longer required may be missing for a consumer that needs it);
 * - an enum may not change its values, and numeric or length bounds may not tighten or loosen.
 * Adding an optional property is the one change a version absorbs.
 */
export function breakingChanges(published: JsonSchema, current: JsonSchema, path = '$'): string[] {
  const problems: string[] = [];
  const compareDefinitionsOf = (name: string) => {
    const before = published.definitions?.[name];
    const after = current.definitions?.[name];
    if (!after) return [`${path}: definition ${name} was removed`];
    return breakingChanges(before, after, `${path}.definitions.${name}`);
  };

  for (const keyword of [
    'type',
    'format',
    'pattern',
    '$ref',
    'minimum',
    'maximum',
    'minLength',
    'maxLength',
    'minItems',
  ]) {
    if (JSON.stringify(published[keyword]) !== JSON.stringify(current[keyword])) {
      problems.push(
        `${path}: ${keyword} changed from ${JSON.stringify(published[keyword])} to ${JSON.stringify(current[keyword])}`,
      );
    }
  }
  if (published.enum || current.enum) {
    const before = JSON.stringify([...(published.enum ?? [])].sort());
    const after = JSON.stringify([...(current.enum ?? [])].sort());
    if (before !== after) problems.push(`${path}: enum changed from ${before} to ${after}`);
  }

  const requiredBefore = JSON.stringify([...(published.required ?? [])].sort());
  const requiredAfter = JSON.stringify([...(current.required ?? [])].sort());
  if (requiredBefore !== requiredAfter) {
    problems.push(`${path}: required changed from ${requiredBefore} to ${requiredAfter}`);
  }

  for (const [name, schema] of Object.entries<JsonSchema>(published.properties ?? {})) {
    const now = current.properties?.[name];
    if (!now) problems.push(`${path}.${name}: property was removed`);
    else problems.push(...breakingChanges(schema, now, `${path}.${name}`));
  }
  if (published.items) {
    if (!current.items) problems.push(`${path}: items were removed`);
    else problems.push(...breakingChanges(published.items, current.items, `${path}[]`));
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (JSON.stringify(published[key]) !== JSON.stringify(current[key])) problems.push(`${path}: ${key} changed`);
  }
  if (path === '$') {
    for (const name of Object.keys(published.definitions ?? {})) problems.push(...compareDefinitionsOf(name));
  }
  return problems;
}
