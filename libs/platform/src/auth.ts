import { CanActivate, ExecutionContext, ForbiddenException, Injectable, SetMetadata, UnauthorizedException, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
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

/** The verified caller. On a @Public route it is undefined when no token was sent. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest<Request & { principal: Principal }>().principal;
});

export const JWT_ISSUER = 'emporium';

export function mintToken(secret: string, principal: Principal, expiresInSeconds = 3600): string {
  return jwt.sign({ roles: principal.roles, merchantId: principal.merchantId }, secret, {
    algorithm: 'HS256',
    subject: principal.subject,
    issuer: JWT_ISSUER,
    expiresIn: expiresInSeconds,
  });
}

// A string secret makes jsonwebtoken try to parse it as a PEM public key on every call (~340 µs); a
// prepared secret KeyObject skips that (~8 µs). One per secret, made once.
const secretKeys = new Map<string, KeyObject>();
function secretKey(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) secretKeys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}

export function verifyToken(secret: string, token: string): Principal {
  const claims = jwt.verify(token, secretKey(secret), { algorithms: ['HS256'], issuer: JWT_ISSUER }) as jwt.JwtPayload;
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((role): role is Role => ROLES.includes(role)) : [];
  if (!claims.sub || roles.length === 0) throw new Error('token has no subject or no known role');
  return { subject: claims.sub, roles, merchantId: typeof claims.merchantId === 'string' ? claims.merchantId : undefined };
}

export const JWT_SECRET = Symbol('JWT_SECRET');

/**
 * Bearer JWT on everything but @Public routes. HS256 with a shared secret keeps the dev story simple;
 * an RS256/JWKS verifier can replace verifyToken without touching controllers.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly secret: string,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets);
    // A public route still learns who calls when a token comes with the request (a merchant sees its
    // own unlisted products); a token that is present but invalid is refused even there.
    if (isPublic && !request.headers.authorization) return true;
    request.principal = this.principalFrom(request.headers.authorization ?? '');
    if (isPublic) return true;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (allowed && !request.principal.roles.some((role) => allowed.includes(role))) {
      throw new ForbiddenException(`Requires one of the roles: ${allowed.join(', ')}`);
    }
    return true;
  }

  private principalFrom(header: string): Principal {
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new UnauthorizedException('A bearer token is required');
    try {
      return verifyToken(this.secret, token);
    } catch (error) {
      throw new UnauthorizedException(`Invalid token: ${(error as Error).message}`);
    }
  }
}

/** Who may call a handler, as the guard sees it; the OpenAPI document states the same (openapi.ts). */
export function accessOf(reflector: Reflector, targets: [(...args: never[]) => unknown, abstract new (...args: never[]) => unknown]): { public: boolean; roles?: Role[] } {
  return {
    public: reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true,
    roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
  };
}
