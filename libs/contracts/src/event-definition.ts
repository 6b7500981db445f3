import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { memoiseValidationMetadata } from './validation-metadata-cache';

memoiseValidationMetadata();

export type DataClass<T extends object> = new () => T;

/** One version of one event type, declared once and used by producers, consumers and the docs. */
export interface EventDefinition<T extends object = object> {
  /** Unversioned type, `<service>.<aggregate>.<past-tense-verb>`. */
  readonly name: string;
  readonly version: number;
  /** `ce_type` on the wire: `<name>.v<version>`. */
  readonly type: string;
  readonly topic: string;
  readonly dataClass: DataClass<T>;
  readonly summary: string;
  readonly example: T;
  /** The aggregate id: the `ce_subject` and the Kafka key. */
  subjectOf(data: T): string;
}

export function defineEvent<T extends object>(spec: {
  name: string;
  version: number;
  topic: string;
  dataClass: DataClass<T>;
  summary: string;
  example: NoInfer<T>;
  subjectOf(data: NoInfer<T>): string;
}): EventDefinition<T> {
  return { ...spec, type: `${spec.name}.v${spec.version}` };
}

/**
 * The data field the Kafka key (and `ce_subject`) comes from, read off the declared example: the one
 * field whose value `subjectOf` returns. Documents state it per event, because a stream may mix keys
 * (inventory.stock.v1 keys level events by SKU and reservation events by order).
 */
export function keyFieldOf(definition: EventDefinition): string {
  const example = definition.example as Record<string, unknown>;
  const key = definition.subjectOf(definition.example);
  const fields = Object.keys(example).filter((field) => example[field] === key);
  if (fields.length !== 1)
    throw new Error(
      `${definition.type}: the example must have exactly one field equal to its key ${key}, found ${fields.join(', ') || 'none'}`,
    );
  return fields[0];
}

export interface FieldViolation {
  /** Dotted path, e.g. `lines.0.quantity`. */
  field: string;
  message: string;
}

export type ValidationResult<T> = { ok: true; data: T } | { ok: false; violations: FieldViolation[] };

/**
 * Validates event data. Unknown fields are stripped, never rejected, so producers can add optional
 * fields without breaking consumers that have not upgraded yet.
 */
export function validateEventData<T extends object>(definition: EventDefinition<T>, raw: unknown): ValidationResult<T> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, violations: [{ field: '', message: 'event data must be a JSON object' }] };
  }
  const instance = plainToInstance(definition.dataClass, raw, { enableImplicitConversion: false });
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: false });
  if (errors.length > 0) return { ok: false, violations: flattenValidationErrors(errors) };
  return { ok: true, data: instance };
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
