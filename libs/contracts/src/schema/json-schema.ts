import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { EventDefinition } from '../event-definition';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON Schema documents are untyped JSON
export type JsonSchema = Record<string, any>;

const DEFINITIONS_PREFIX = '#/definitions/';

let cachedClassSchemas: Record<string, JsonSchema> | undefined;

/** JSON Schemas of every class-validator class, keyed by class name (class names are unique in contracts). */
function classSchemas(): Record<string, JsonSchema> {
  cachedClassSchemas ??= validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: DEFINITIONS_PREFIX,
    // Our wire formats are narrower than the validators' defaults: times are always full date-times.
    additionalConverters: {
      isIso8601: { type: 'string', format: 'date-time' },
      isISO4217CurrencyCode: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code' },
      // class-validator checks the code list case-insensitively.
      isISO31661Alpha2: { type: 'string', pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2 country code' },
    },
  });
  return cachedClassSchemas;
}

function referencedClassNames(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((item) => referencedClassNames(item, found));
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(DEFINITIONS_PREFIX)) {
        const name = value.slice(DEFINITIONS_PREFIX.length);
        if (!found.has(name)) {
          found.add(name);
          referencedClassNames(classSchemas()[name], found);
        }
      } else referencedClassNames(value, found);
    }
  }
  return found;
}

/** A self-contained JSON Schema (draft-07) for the `data` of one event version. */
export function eventDataSchema(definition: EventDefinition): JsonSchema {
  const root = classSchemas()[definition.dataClass.name];
  if (!root) throw new Error(`no validation rules found for ${definition.dataClass.name}`);
  const definitions = Object.fromEntries(
    [...referencedClassNames(root)].sort().map((name) => [name, classSchemas()[name]]),
  );
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `urn:emporium:event:${definition.type}`,
    title: definition.type,
    description: definition.summary,
    ...root,
    ...(Object.keys(definitions).length > 0 ? { definitions } : {}),
    examples: [definition.example],
  };
}
