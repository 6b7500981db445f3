import type { IncomingMessage } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { authenticate, AuthenticatedRequest, TokenVerifier } from './auth';
import type { ServiceConfig } from './config';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/**
 * The HTTP pipeline in front of every controller, in the order a request meets it (docs/security.md):
 * headers, NUL bytes in the URL, the per-IP limit, the token (verified before any body is read), the
 * per-principal limit, the operations endpoints' gate, then the JSON body with a size cap that depends
 * on whether the caller is authenticated, a nesting cap checked before parsing, and no NUL bytes.
 * Each refusal is a problem+json 4xx: a 500 means a bug.
 */
export function applyHttpHardening(app: INestApplication, config: ServiceConfig, verifier: TokenVerifier): void {
  const instance = app.getHttpAdapter().getInstance() as express.Express;
  instance.disable('x-powered-by');
  app.use(securityHeaders);
  app.use(rejectNulInUrl);
  const perIp = new FixedWindowLimiter(config.RATE_LIMIT_PER_IP_PER_MINUTE, 60_000);
  const perPrincipal = new FixedWindowLimiter(config.RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE, 60_000);
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (isHealth(request)) return next();
    if (!perIp.take(`ip:${request.ip ?? request.socket.remoteAddress}`, response, 'ip'))
      return tooManyRequests(response);
    next();
  });
  app.use((request: AuthenticatedRequest, response: Response, next: NextFunction) => {
    authenticate(request, verifier).then(() => {
      if (request.principal && !perPrincipal.take(`sub:${request.principal.subject}`, response, 'principal'))
        return tooManyRequests(response);
      next();
    }, next);
  });
  if (!config.OPERATIONS_ENDPOINTS_PUBLIC) app.use(operationsGate);
  app.use(jsonBody(config));
}

const HEALTH = /^\/health(\/|$|\?)/;
const OPERATIONS = /^\/(metrics|docs)([/?-]|$)/;

function isHealth(request: Request): boolean {
  return HEALTH.test(request.url);
}

function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  // An authenticated answer is that caller's data: no shared cache (or browser back button) keeps it.
  if (request.headers.authorization) response.setHeader('Cache-Control', 'no-store');
  next();
}

function rejectNulInUrl(request: Request, response: Response, next: NextFunction): void {
  const url = request.url;
  if (!url.includes('%00') && !url.includes('\u0000')) return next();
  const query = url.indexOf('?');
  const params = query >= 0 ? new URLSearchParams(url.slice(query + 1)) : undefined;
  const field = params
    ? [...params.keys()].find(
        (key) => key.includes('\u0000') || params.getAll(key).some((value) => value.includes('\u0000')),
      )
    : undefined;
  sendProblem(response, 400, 'VALIDATION_FAILED', 'Invalid request', [
    { field: field ?? 'path', message: 'must not contain NUL characters' },
  ]);
}

/** Metrics and the API documents describe the system to whoever reads them: ops and services only. */
function operationsGate(request: AuthenticatedRequest, response: Response, next: NextFunction): void {
  if (!OPERATIONS.test(request.url)) return next();
  if (request.authError || !request.principal) return unauthorized(response, request.authError);
  if (!request.principal.roles.some((role) => role === 'ops' || role === 'service')) {
    return sendProblem(response, 403, 'FORBIDDEN', 'Requires one of the roles: ops, service');
  }
  next();
}

/** Counts nesting depth on the raw bytes (outside strings), so a deeply nested body is refused before JSON.parse. */
export function jsonDepthExceeds(body: Buffer, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === 0x5c) i++;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
  return false;
}

/** The first string (value or key) holding a NUL character, as a field path (`lines.0.sku`). */
export function fieldWithNul(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return at;
    const found = fieldWithNul(item, at);
    if (found) return found;
  }
  return undefined;
}

class DepthError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
}

function jsonBody(config: ServiceConfig): RequestHandler {
  const verify = (request: IncomingMessage & { rawBody?: Buffer }, _response: unknown, body: Buffer) => {
    if (jsonDepthExceeds(body, config.JSON_MAX_DEPTH))
      throw new DepthError(`nested deeper than ${config.JSON_MAX_DEPTH} levels`);
    // The raw bytes are kept because signed webhooks are verified over exactly what was sent.
    request.rawBody = body;
  };
  // Without a valid token a caller gets a small allowance: parsing is not done for strangers at scale.
  const authenticated = express.json({ limit: config.JSON_BODY_LIMIT_BYTES, verify });
  const anonymous = express.json({ limit: config.ANONYMOUS_BODY_LIMIT_BYTES, verify });
  return (request: AuthenticatedRequest, response: Response, next: NextFunction) => {
    // body-parser decodes any utf-* charset; JSON on this API is UTF-8 (RFC 8259), anything else is refused up front.
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset && charset !== 'utf-8' && charset !== 'utf8')
      return sendBodyError(response, { type: 'charset.unsupported' });
    const parse = request.principal ? authenticated : anonymous;
    parse(request, response, (error?: { type?: string; status?: number; statusCode?: number; message?: string }) => {
      if (error) return sendBodyError(response, error);
      const field = fieldWithNul(request.body);
      if (field)
        return sendProblem(response, 400, 'VALIDATION_FAILED', 'Invalid request', [
          { field, message: 'must not contain NUL characters' },
        ]);
      next();
    });
  };
}

function sendBodyError(
  response: Response,
  error: { type?: string; status?: number; statusCode?: number; message?: string },
): void {
  const status = error.status ?? error.statusCode ?? 500;
  switch (error.type) {
    case 'entity.parse.failed':
      return sendProblem(response, 400, 'VALIDATION_FAILED', 'Invalid request', [
        { field: 'body', message: 'must be valid JSON' },
      ]);
    case 'entity.too.deep':
      return sendProblem(response, 400, 'VALIDATION_FAILED', 'Invalid request', [
        { field: 'body', message: error.message ?? 'nested too deep' },
      ]);
    case 'entity.too.large':
      return sendProblem(response, 413, 'PAYLOAD_TOO_LARGE', 'The body is larger than this API accepts');
    case 'charset.unsupported':
      return sendProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Only UTF-8 JSON is accepted', [
        { field: 'Content-Type', message: 'charset must be utf-8' },
      ]);
    case 'encoding.unsupported':
      return sendProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported Content-Encoding', [
        { field: 'Content-Encoding', message: 'must be identity, gzip, deflate or br' },
      ]);
  }
  // Anything else the body reader raised with a client status (a corrupt gzip stream, an aborted upload).
  if (status >= 400 && status < 500) return sendProblem(response, status, 'BAD_REQUEST', 'The body could not be read');
  sendProblem(response, 400, 'BAD_REQUEST', 'The body could not be read');
}

function unauthorized(response: Response, reason?: string): void {
  response.setHeader('WWW-Authenticate', wwwAuthenticate(reason));
  sendProblem(response, 401, 'UNAUTHORIZED', reason ? `Invalid bearer token: ${reason}` : 'A bearer token is required');
}

export function wwwAuthenticate(reason?: string): string {
  return reason ? `Bearer realm="emporium", error="invalid_token"` : `Bearer realm="emporium"`;
}

function tooManyRequests(response: Response): void {
  sendProblem(response, 429, 'TOO_MANY_REQUESTS', 'Too many requests; retry after the time in Retry-After');
}

export function sendProblem(
  response: Response,
  status: number,
  code: string,
  detail: string,
  errors?: { field: string; message: string }[],
): void {
  const body = {
    type: `urn:emporium:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: code.replace(/_/g, ' ').toLowerCase(),
    status,
    detail: errors ? errors.map((e) => `${e.field}: ${e.message}`).join('; ') : detail,
    instance: response.req?.originalUrl?.split('?')[0],
    code,
    ...(errors ? { errors } : {}),
  };
  response.status(status).type('application/problem+json').send(JSON.stringify(body));
}

/**
 * Requests per key per window, each key's window starting at its first request (so a burst is never
 * split by a wall-clock boundary), in memory: per replica, so the effective limit is the replica count
 * times this (a shared store is the next step). Sets the IETF RateLimit headers.
 */
export class FixedWindowLimiter {
  private windows = new Map<string, { used: number; resetAt: number }>();
  private nextSweep = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  take(key: string, response: Response, policy: string, now = Date.now()): boolean {
    if (this.limit <= 0) return true;
    if (now >= this.nextSweep) this.sweep(now);
    let window = this.windows.get(key);
    if (!window || now >= window.resetAt) {
      window = { used: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.used += 1;
    const reset = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
    const remaining = Math.max(0, this.limit - window.used);
    response.setHeader('RateLimit-Policy', `"${policy}";q=${this.limit};w=${this.windowMs / 1000}`);
    response.setHeader('RateLimit', `"${policy}";r=${remaining};t=${reset}`);
    response.setHeader('RateLimit-Limit', String(this.limit));
    response.setHeader('RateLimit-Remaining', String(remaining));
    response.setHeader('RateLimit-Reset', String(reset));
    if (window.used <= this.limit) return true;
    response.setHeader('Retry-After', String(reset));
    return false;
  }

  /** Forgets expired windows, at most once a window, so memory follows the active callers only. */
  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now >= window.resetAt) this.windows.delete(key);
    this.nextSweep = now + this.windowMs;
  }
}

/** Node answers an oversized header block itself, with an empty 431; this gives it a problem body. */
export function answerClientErrorsWithProblems(server: Server): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const [status, code, detail] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'REQUEST_HEADER_FIELDS_TOO_LARGE', 'The request headers are too large']
        : [400, 'BAD_REQUEST', 'The request is malformed'];
    const body = JSON.stringify({
      type: `urn:emporium:problem:${code.toLowerCase().replace(/_/g, '-')}`,
      title: code.replace(/_/g, ' ').toLowerCase(),
      status,
      detail,
      code,
    });
    socket.end(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
