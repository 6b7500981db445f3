import { DomainError } from '@emporium/platform';

export class IllegalReturnTransitionError extends DomainError {
  constructor(returnId: string, from: string, action: string) {
    super('ILLEGAL_RETURN_TRANSITION', `return ${returnId} cannot ${action} while ${from}`, 409, {
      returnId,
      from,
      action,
    });
  }
}

/**
 * A request that is well-formed but asks for something the order does not allow; names the field, like a
 * validation problem (`errors: [{ field, message }]`).
 */
export class UnprocessableFieldError extends DomainError {
  constructor(code: string, field: string, message: string) {
    super(code, `${field}: ${message}`, 422, { errors: [{ field, message }] });
  }
}
