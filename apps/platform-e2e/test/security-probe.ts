import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { accessOf, mintToken, platformDefaults, Role } from '@emporium/platform';
import { ServiceRecipe } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { catalogRecipe } from '../../catalog/test/catalog.recipe';
import { customerServiceRecipe } from '../../customer-service/test/customer-service.recipe';
import { inventoryRecipe } from '../../inventory/test/inventory.recipe';
import { logisticsRecipe } from '../../logistics/test/logistics.recipe';
import { marketingRecipe } from '../../marketing/test/marketing.recipe';
import { membershipRecipe } from '../../membership/test/membership.recipe';
import { merchantsRecipe } from '../../merchants/test/merchants.recipe';
import { ordersRecipe } from '../../orders/test/orders.recipe';

/**
 * Every service the security suite probes. A new service adds its recipe here and inherits every
 * probe: routes without a role, 500s to malformed input, headers, limits.
 */
export const SECURED_SERVICES: ServiceRecipe<never>[] = [
  merchantsRecipe,
  catalogRecipe,
  inventoryRecipe,
  ordersRecipe,
  logisticsRecipe,
  membershipRecipe,
  marketingRecipe,
  customerServiceRecipe,
] as never;

/**
 * Routes anyone may call without a token, by service. Anything else marked @Public fails the suite:
 * opening a route is a decision made here, in review, not by a decorator alone.
 */
export const PUBLIC_ROUTES: Record<string, string[]> = {
  // Probes and scrapers hold no token. /health/broker (the platform's broker check, for alerting and
  // diagnosis) answers the same checks body as /health/ready.
  '*': ['GET /health/live', 'GET /health/ready', 'GET /health/broker', 'GET /metrics'],
  // The storefront: listed products only. /search/suggest completes what a shopper types, like /search.
  catalog: ['GET /products/:id', 'GET /search', 'GET /search/suggest', 'GET /categories'],
  // Carriers hold no bearer token: the webhook authenticates each call by its HMAC Carrier-Signature
  // (CarrierWebhookGuard; unsigned, mis-signed or stale is a 401 before the body is read).
  logistics: ['POST /carriers/:carrier/tracking-webhooks'],
  // The payment gateway holds no bearer token: its webhook is authenticated by the HMAC Payment-Signature.
  orders: ['POST /payments/webhooks/sandbox'],
};

export interface ProbedRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Nest form: `/products/:id`. */
  path: string;
  public: boolean;
  roles: Role[] | undefined;
}

const METHODS: Record<number, ProbedRoute['method'] | undefined> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

/** Every HTTP route of a running app, read from Nest's own metadata, with what it declares about access. */
export function routesOf(app: INestApplication): ProbedRoute[] {
  const reflector = new Reflector();
  const routes: ProbedRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const subPath = Reflect.getMetadata(PATH_METADATA, handler);
        const method = METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        if (subPath === undefined || !method) continue;
        const path = `/${[base, String(subPath)]
          .map((part) => part.replace(/^\/|\/$/g, ''))
          .filter(Boolean)
          .join('/')}`;
        routes.push({ method, path, ...accessOf(reflector, [handler as never, controller]) });
      }
    }
  }
  return routes;
}

export function isAllowedPublic(service: string, route: ProbedRoute): boolean {
  const key = `${route.method} ${route.path}`;
  return [...PUBLIC_ROUTES['*'], ...(PUBLIC_ROUTES[service] ?? [])].includes(key);
}

/** The route with each path parameter replaced. */
export function concretePath(route: ProbedRoute, value: (param: string) => string): string {
  return route.path.replace(/:([A-Za-z0-9_]+)/g, (_, param: string) => value(param));
}

export function paramsOf(route: ProbedRoute): string[] {
  return [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an OpenAPI document as served
type OpenApi = any;

/** The documented query parameters of a route. */
export function queryParamsOf(document: OpenApi, route: ProbedRoute): string[] {
  const operation = document.paths?.[route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[route.method.toLowerCase()];
  return (operation?.parameters ?? [])
    .filter((p: { in: string }) => p.in === 'query')
    .map((p: { name: string }) => p.name);
}

/** The top-level fields of a route's documented JSON body. */
export function bodyFieldsOf(document: OpenApi, route: ProbedRoute): string[] {
  const operation = document.paths?.[route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[route.method.toLowerCase()];
  let schema = operation?.requestBody?.content?.['application/json']?.schema;
  if (schema?.$ref) schema = document.components.schemas[schema.$ref.split('/').pop()];
  return Object.keys(schema?.properties ?? {});
}

const secret = platformDefaults('any', 0).JWT_SECRET;

/** A caller holding every role: whatever a route demands, the probe reaches its validation. */
export function everyRoleToken(): string {
  return `Bearer ${mintToken(secret, { subject: randomUUID(), roles: ['customer', 'merchant', 'ops', 'service'], merchantId: randomUUID() }, 600)}`;
}

export function bearer(role: Role, subject: string = randomUUID(), merchantId?: string): string {
  return `Bearer ${mintToken(secret, { subject, roles: [role], merchantId }, 600)}`;
}

/** A 4xx RFC 9457 problem (never a 5xx), naming `field` among its errors when given. */
export function expectClientProblem(response: Response, what: string, field?: string): void {
  const summary = `${what}: ${response.status} ${response.text?.slice(0, 300)}`;
  if (response.status < 400 || response.status >= 500) throw new Error(`expected a 4xx problem, got ${summary}`);
  if (!/application\/problem\+json/.test(String(response.headers['content-type'])))
    throw new Error(`expected problem+json, got ${response.headers['content-type']}: ${summary}`);
  if (field && !(response.body.errors ?? []).some((error: { field: string }) => error.field === field))
    throw new Error(`expected the field ${field} to be named: ${summary}`);
}

/** Anything but a 5xx: for inputs a route may legitimately accept (a search for "1e30"). */
export function expectNoServerError(response: Response, what: string): void {
  if (response.status >= 500)
    throw new Error(`expected no server error, got ${what}: ${response.status} ${response.text?.slice(0, 300)}`);
  if (response.status >= 400) expectClientProblem(response, what);
}
