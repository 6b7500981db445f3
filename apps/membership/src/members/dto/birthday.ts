import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * A calendar date `YYYY-MM-DD` that exists (no 31 April), from 1900 up to today: a birthday in the future
 * or before 1900 is a typo, and the database would refuse some of them with a 500.
 */
export function IsBirthday(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isBirthday',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a real date YYYY-MM-DD between 1900-01-01 and today`, ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
          const date = new Date(`${value}T00:00:00.000Z`);
          if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return false;
          return value >= '1900-01-01' && date.getTime() <= Date.now();
        },
      },
    });
}
