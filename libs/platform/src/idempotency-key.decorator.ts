import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { InvalidInputException } from './problem-details';

/**
 * The `Idempotency-Key` header, required: a client retrying a POST that moves money or stock must be
 * able to do so safely, so we insist on it up front.
 */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const value = context.switchToHttp().getRequest<Request>().header('idempotency-key');
  if (!value || value.length > 200 || !/^[\x21-\x7e]+$/.test(value)) {
    throw new InvalidInputException([
      { field: 'Idempotency-Key', message: 'header is required: 1-200 visible ASCII characters' },
    ]);
  }
  return value;
});
