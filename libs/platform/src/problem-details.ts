import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { flattenValidationErrors, FieldViolation } from '@emporium/contracts';
import type { Request, Response } from 'express';

/**
 * A rule of the domain said no (an illegal state change, a conflict). `code` is stable: clients and
 * tests match on it, never on the message.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = HttpStatus.CONFLICT,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  /**
   * The transport-neutral meaning of the refusal: HTTP answers with `status`, the event consumer reads
   * `kind` and dead-letters at once, since the same event would be refused again (failure-policy.ts).
   */
  get kind(): 'invalid' | 'not-found' | 'conflict' | 'forbidden' | 'refused' {
    if (this.status === HttpStatus.NOT_FOUND) return 'not-found';
    if (this.status === HttpStatus.CONFLICT) return 'conflict';
    if (this.status === HttpStatus.FORBIDDEN) return 'forbidden';
    if (this.status === HttpStatus.BAD_REQUEST || this.status === HttpStatus.UNPROCESSABLE_ENTITY) return 'invalid';
    return 'refused';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super(`${what.toUpperCase().replace(/\s+/g, '_')}_NOT_FOUND`, `${what} ${id} was not found`, HttpStatus.NOT_FOUND, {
      id,
    });
  }
}

/** Bad input, with the offending fields; rendered as 400 problem+json. */
export class InvalidInputException extends BadRequestException {
  constructor(readonly violations: FieldViolation[]) {
    super('The request has invalid fields');
  }
}

/** Rejects unknown fields and names every bad one, including nested ones (`lines.0.quantity`). */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors: ValidationError[]) => new InvalidInputException(flattenValidationErrors(errors)),
  });
}

function withoutParameters(exception: unknown): unknown {
  if (!(exception instanceof Error)) return exception;
  const { name, message, stack } = exception;
  const code = (exception as { code?: unknown }).code;
  return { type: name, message, code, stack };
}

const PROBLEM_CONTENT_TYPE = 'application/problem+json';

function problemType(code: string): string {
  return `urn:emporium:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/** Every error leaves as RFC 9457 problem details. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception, (request.originalUrl ?? request.url).split('?')[0]);
    // The error without its SQL parameters (a QueryFailedError carries them): they can hold personal data.
    if (problem.status >= 500)
      this.logger.error({
        msg: 'unhandled error',
        err: withoutParameters(exception),
        path: request.route?.path ?? 'unmatched',
      });
    if (problem.status === 401)
      response.setHeader(
        'WWW-Authenticate',
        `Bearer realm="emporium"${request.headers.authorization ? ', error="invalid_token"' : ''}`,
      );
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, instance: string) {
    if (exception instanceof InvalidInputException) {
      return {
        type: problemType('VALIDATION_FAILED'),
        title: 'Invalid request',
        status: 400,
        detail: exception.violations.map((v) => `${v.field}: ${v.message}`).join('; '),
        instance,
        code: 'VALIDATION_FAILED',
        errors: exception.violations,
      };
    }
    if (exception instanceof DomainError) {
      return {
        type: problemType(exception.code),
        title: exception.code.replace(/_/g, ' ').toLowerCase(),
        status: exception.status,
        detail: exception.message,
        instance,
        code: exception.code,
        ...exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = HttpStatus[status] ?? 'HTTP_ERROR';
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      return {
        type: problemType(code),
        title: code.replace(/_/g, ' ').toLowerCase(),
        status,
        detail: Array.isArray(detail) ? detail.join('; ') : String(detail),
        instance,
        code,
      };
    }
    return {
      type: problemType('INTERNAL_ERROR'),
      title: 'internal error',
      status: 500,
      detail: 'An unexpected error occurred',
      instance,
      code: 'INTERNAL_ERROR',
    };
  }
}
