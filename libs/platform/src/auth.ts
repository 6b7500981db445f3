import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { createRemoteJWKSet, jwtVerify, JWTPayload } from 'jose';
import * as jwt from 'jsonwebtoken';
import { createSecretKey, KeyObject } from 'node:crypto';

/** `warehouse`: staff who pack and hand parcels to carriers (logistics' dispatch and return receipt). */
export const ROLES = ['customer', 'merchant', 'ops', 'service', 'warehouse'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, from a verified bearer token. `sub` is the customer, merchant user or service id. */
export interface Principal {
  subject: string;
  roles: Role[];
  /** For merchant users: the merchant they act for. */
  merchantId?: string;
}

const PUBLIC_KEY = 'emporium:public';
const ROLES_KEY = 'emporium:roles';

/** No token needed (health, metrics, public reads); one that is sent is still verified. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** Any of these roles may call. Without @Roles, any authenticated caller may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** What a route declares: public, or the roles that may call it (the security suite checks every route has one). */
export function accessOf(
  reflector: Reflector,
  targets: (object | ((...args: never[]) => unknown))[],
): { public: boolean; roles: Role[] | undefined } {
  return {
    public: !!reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets as never),
    roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets as never),
  };
}

/** The verified caller. On a @Public route it is undefined when no token was sent. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest<Request & { principal: Principal }>().principal;
});

/**
 * The narrowest scope among the roles a token holds. A token with `customer` acts as that customer
 * whatever other roles it also holds; one with `merchant` only for its merchant. Services ask this
 * instead of "does it hold only role X", which let a customer+merchant token read everyone's orders.
 *
 * `ownerScope(principal, 'customer')` is the customer id to confine to, or undefined when the token
 * does not hold that role (ops, service: unrestricted by it).
 */
export function ownerScope(principal: Principal, role: 'customer' | 'merchant'): string | undefined {
  if (!principal.roles.includes(role)) return undefined;
  if (role === 'customer') return principal.subject;
  // A merchant-role token that names no merchant may see nothing merchant-scoped.
  if (!principal.merchantId) throw new ForbiddenException('The token does not name a merchant (merchantId claim)');
  return principal.merchantId;
}

export const JWT_ISSUER = 'emporium';

export interface TokenOptions {
  issuer?: string;
  audience?: string;
  /** `iat` in epoch seconds; now when absent. */
  issuedAt?: number;
}

export function mintToken(
  secret: string | KeyObject,
  principal: Principal,
  expiresInSeconds = 3600,
  options: TokenOptions = {},
): string {
  // A prepared key: given a string, jsonwebtoken first tries to parse it as a PEM private key (~0.3 ms).
  const key = typeof secret === 'string' ? createSecretKey(Buffer.from(secret, 'utf8')) : secret;
  const issuedAt = options.issuedAt !== undefined ? { iat: options.issuedAt } : {};
  return jwt.sign({ roles: principal.roles, merchantId: principal.merchantId, ...issuedAt }, key, {
    algorithm: 'HS256',
    subject: principal.subject,
    issuer: options.issuer ?? JWT_ISSUER,
    ...(options.audience ? { audience: options.audience } : {}),
    expiresIn: expiresInSeconds,
  });
}

/**
 * The `service` token one service presents on its synchronous calls to another, minted once and reused
 * until a minute before it expires. Minting per call showed up as 6 % of orders' CPU under bench:orders
 * (one token per shipping quote and per promotion quote).
 */
export function serviceTokenSource(
  secret: string,
  subject: string,
  options: TokenOptions = {},
  lifetimeSeconds = 300,
  now: () => number = Date.now,
): () => string {
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  let token = '';
  let renewAt = 0;
  return () => {
    if (now() >= renewAt) {
      const issuedAt = Math.floor(now() / 1000);
      token = mintToken(key, { subject, roles: ['service'] }, lifetimeSeconds, { ...options, issuedAt });
      renewAt = now() + Math.max(1, lifetimeSeconds - 60) * 1000;
    }
    return token;
  };
}

export interface VerifierOptions {
  issuer: string;
  audience?: string;
  /** The longest lifetime (exp - iat) accepted. */
  maxLifetimeSeconds: number;
}

/** Verifies a bearer token and returns who calls; throws InvalidTokenError with a reason safe to show. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

export class InvalidTokenError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SAFE_SUBJECT = /^[\x21-\x7e]{1,200}$/;

/** The claims a service relies on, checked once here so no malformed id ever reaches SQL. */
export function principalFromClaims(
  claims: JWTPayload & { roles?: unknown; merchantId?: unknown },
  maxLifetimeSeconds: number,
  now = Date.now() / 1000,
): Principal {
  if (typeof claims.exp !== 'number') throw new InvalidTokenError('the token has no expiry');
  const issuedAt = typeof claims.iat === 'number' ? Math.min(claims.iat, now) : now;
  if (claims.exp - issuedAt > maxLifetimeSeconds) throw new InvalidTokenError('the token lives longer than allowed');
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((role): role is Role => ROLES.includes(role)) : [];
  if (typeof claims.sub !== 'string' || !SAFE_SUBJECT.test(claims.sub) || roles.length === 0)
    throw new InvalidTokenError('the token has no valid subject or no known role');
  // Customer ids and merchant ids are UUIDs everywhere they are stored.
  if (roles.includes('customer') && !UUID.test(claims.sub))
    throw new InvalidTokenError('a customer token must have a UUID subject');
  if (
    claims.merchantId !== undefined &&
    claims.merchantId !== null &&
    (typeof claims.merchantId !== 'string' || !UUID.test(claims.merchantId))
  ) {
    throw new InvalidTokenError('merchantId must be a UUID');
  }
  return {
    subject: claims.sub,
    roles,
    merchantId: typeof claims.merchantId === 'string' ? claims.merchantId : undefined,
  };
}

/**
 * HS256 with a shared secret: development and tests. The secret is prepared once as a KeyObject:
 * `jsonwebtoken.verify` with a string first tries to parse it as a PEM public key, which throws and
 * costs ~340 µs per call (docs/benchmarks.md).
 */
export class HmacTokenVerifier implements TokenVerifier {
  private readonly key: KeyObject;

  constructor(
    secret: string,
    private readonly options: VerifierOptions,
  ) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  verifySync(token: string): Principal {
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.options.issuer,
        ...(this.options.audience ? { audience: this.options.audience } : {}),
      }) as jwt.JwtPayload;
    } catch (error) {
      throw new InvalidTokenError(
        error instanceof jwt.TokenExpiredError ? 'the token has expired' : 'the token is invalid',
      );
    }
    return principalFromClaims(claims, this.options.maxLifetimeSeconds);
  }

  async verify(token: string): Promise<Principal> {
    return this.verifySync(token);
  }
}

/**
 * RS256/ES256 tokens of an identity provider, verified against its published keys (JWKS, fetched and
 * cached by jose, refetched on an unknown `kid`). No service holds a signing secret.
 */
export class JwksTokenVerifier implements TokenVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    jwksUrl: string,
    private readonly options: VerifierOptions,
  ) {
    this.keys = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        algorithms: ['RS256', 'ES256'],
        issuer: this.options.issuer,
        audience: this.options.audience || undefined,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw new InvalidTokenError(
        (error as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'the token has expired' : 'the token is invalid',
      );
    }
    return principalFromClaims(payload, this.options.maxLifetimeSeconds);
  }
}

export function tokenVerifierFor(config: {
  JWT_SECRET: string;
  JWT_JWKS_URL?: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE?: string;
  JWT_MAX_LIFETIME_SECONDS: number;
}): TokenVerifier {
  const options = {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE || undefined,
    maxLifetimeSeconds: config.JWT_MAX_LIFETIME_SECONDS,
  };
  return config.JWT_JWKS_URL
    ? new JwksTokenVerifier(config.JWT_JWKS_URL, options)
    : new HmacTokenVerifier(config.JWT_SECRET, options);
}

export type AuthenticatedRequest = Request & { principal?: Principal; authError?: string; authChecked?: boolean };

/** Verifies the Authorization header once per request (the HTTP pipeline does it before parsing the body). */
export async function authenticate(request: AuthenticatedRequest, verifier: TokenVerifier): Promise<void> {
  if (request.authChecked) return;
  request.authChecked = true;
  const header = request.headers.authorization;
  if (!header) return;
  const [scheme, token, extra] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token || extra !== undefined) {
    request.authError = 'a bearer token is required';
    return;
  }
  try {
    request.principal = await verifier.verify(token);
  } catch (error) {
    request.authError = error instanceof InvalidTokenError ? error.message : 'the token is invalid';
  }
}

/**
 * Bearer JWT on everything but @Public routes, with the roles each route names. A token that is sent
 * is verified even on a public route (a merchant sees its own unlisted products there), and an invalid
 * one is refused everywhere.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const access = accessOf(this.reflector, [context.getHandler(), context.getClass()]);
    await authenticate(request, this.verifier);
    if (request.authError) throw new UnauthorizedException(`Invalid bearer token: ${request.authError}`);
    if (access.public) return true;
    if (!request.principal) throw new UnauthorizedException('A bearer token is required');
    if (access.roles && !request.principal.roles.some((role) => access.roles!.includes(role))) {
      throw new ForbiddenException(`Requires one of the roles: ${access.roles.join(', ')}`);
    }
    return true;
  }
}
