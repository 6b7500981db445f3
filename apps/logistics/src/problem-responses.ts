import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors` names each field',
  401: 'Missing or invalid bearer token (or webhook signature)',
  403: 'The token lacks the required role',
  404: 'Not found (or not visible to this caller)',
  409: 'Refused in the current state; `code` says why',
  422: 'Understood but cannot be served; `code` says why',
};

const problemSchema = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
};

/** The error answers of a route, documented as RFC 9457 application/problem+json. */
export function ProblemResponses(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], content: { 'application/problem+json': { schema: problemSchema } } })),
  );
}
