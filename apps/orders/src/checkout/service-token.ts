import { serviceTokenSource } from '@emporium/platform';
import type { OrdersConfig } from '../config';

/**
 * A short-lived `service` token for orders' synchronous calls (logistics' shipping quotes, marketing's
 * quotes), signed with the platform's HS256 secret and reused until shortly before it expires. With
 * JWKS-issued tokens (JWT_JWKS_URL) a deployment gives orders a client credential instead; that is outside
 * this service.
 */
export function serviceToken(config: OrdersConfig): () => string {
  return serviceTokenSource(config.JWT_SECRET, 'orders', {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE || undefined,
  });
}
