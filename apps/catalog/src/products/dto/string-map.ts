import { ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';

/** `{ "colour": "red" }`-style maps: at most 50 simple keys, each value a non-empty string of at most 500 characters. */
@ValidatorConstraint({ name: 'isStringMap' })
export class IsStringMap implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const entries = Object.entries(value);
    return (
      entries.length <= 50 &&
      entries.every(
        ([key, item]) =>
          /^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/.test(key) &&
          typeof item === 'string' &&
          item.length > 0 &&
          item.length <= 500,
      )
    );
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must map up to 50 simple names to non-empty strings (at most 500 characters)`;
  }
}
