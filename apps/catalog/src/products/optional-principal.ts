import { UnauthorizedException } from '@nestjs/common';
import { Principal, verifyToken } from '@emporium/platform';
import type { Request } from 'express';

/**
 * For @Public routes whose answer depends on who asks (a merchant sees its own unlisted products,
 * anonymous callers only listed ones): the guard skips public routes, so the token is read here.
 * A token that is present but invalid is still refused.
 */
export function optionalPrincipal(request: Request, secret: string): Principal | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) throw new UnauthorizedException('A bearer token is required');
  try {
    return verifyToken(secret, token);
  } catch (error) {
    throw new UnauthorizedException(`Invalid token: ${(error as Error).message}`);
  }
}
