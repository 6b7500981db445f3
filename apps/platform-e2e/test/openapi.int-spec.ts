import SwaggerParser from '@apidevtools/swagger-parser';
import { integrationSuite, tokenFor } from '@emporium/testing';
import request from 'supertest';
import { catalogRecipe } from '../../catalog/test/catalog.recipe';
import { customerServiceRecipe } from '../../customer-service/test/customer-service.recipe';
import { inventoryRecipe } from '../../inventory/test/inventory.recipe';
import { logisticsRecipe } from '../../logistics/test/logistics.recipe';
import { marketingRecipe } from '../../marketing/test/marketing.recipe';
import { membershipRecipe } from '../../membership/test/membership.recipe';
import { merchantsRecipe } from '../../merchants/test/merchants.recipe';
import { ordersRecipe } from '../../orders/test/orders.recipe';

/** Each service's OpenAPI document (served at /docs-json) is a valid OpenAPI document a client can generate from. */
// No consumers or relays needed to serve documents; keeps this test light.
const quiet = { EVENT_CONSUMER_ENABLED: 'false', OUTBOX_RELAY_ENABLED: 'false' };
const setup = {
  services: {
    merchants: { recipe: merchantsRecipe, env: quiet },
    catalog: { recipe: catalogRecipe, env: quiet },
    inventory: { recipe: inventoryRecipe, env: quiet },
    orders: { recipe: ordersRecipe, env: quiet },
    logistics: { recipe: logisticsRecipe, env: quiet },
    membership: { recipe: membershipRecipe, env: quiet },
    marketing: { recipe: marketingRecipe, env: quiet },
    'customer-service': { recipe: customerServiceRecipe, env: quiet },
  },
};
const names = Object.keys(setup.services) as (keyof typeof setup.services)[];

integrationSuite('the services’ OpenAPI documents', setup, (services) => {
  // The documents are for ops and services (docs/security.md): not public on the API port.
  const ops = `Bearer ${tokenFor('ops')}`;

  it.each(names)('%s serves a valid document, with bearer auth declared, and the docs page', async (name) => {
    const service = services[name];
    const document = (await request(service.url).get('/docs-json').set('Authorization', ops).expect(200)).body;
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
    expect(document.openapi).toMatch(/^3\./);
    expect(document.components.securitySchemes).toHaveProperty('bearer');
    expect(Object.keys(document.paths).length).toBeGreaterThan(1);
    const docsPage = await request(service.url).get('/docs/').set('Authorization', ops).expect(200);
    expect(docsPage.text).toContain('swagger-ui');
  });

  /**
   * Complete means: a summary, a success response with a schema (204 has no body), every error as
   * problem+json, roles stated (or public), and an id a generated client can use as a method name.
   */
  it.each(names)('%s documents every operation completely', async (name) => {
    const service = services[name];
    const document = (await request(service.url).get('/docs-json').set('Authorization', ops).expect(200)).body;
    const gaps: string[] = [];
    let operations = 0;
    for (const [path, item] of Object.entries<Record<string, Operation>>(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        operations++;
        const where = `${method.toUpperCase()} ${path}`;
        if (!operation.summary) gaps.push(`${where}: no summary`);
        if (!/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/.test(operation.operationId))
          gaps.push(`${where}: operation id ${operation.operationId}`);
        const statuses = Object.keys(operation.responses);
        const success = statuses.filter((status) => /^2/.test(status));
        if (success.length === 0) gaps.push(`${where}: no success response`);
        for (const status of success) {
          const schema = operation.responses[status].content?.['application/json']?.schema;
          if (status !== '204' && !describesBody(document, schema))
            gaps.push(`${where}: ${status} has no schema with properties`);
        }
        for (const status of statuses.filter((s) => /^[45]/.test(s))) {
          // A health probe's 503 is not an error but its answer (libs/platform health.controller.ts): the
          // same checks body as its 200, which a JSON schema with properties must describe.
          const probeAnswer =
            path.startsWith('/health/') &&
            status === '503' &&
            describesBody(document, operation.responses[status].content?.['application/json']?.schema);
          if (!probeAnswer && !operation.responses[status].content?.['application/problem+json'])
            gaps.push(`${where}: ${status} is not problem+json`);
        }
        const isPublic = operation['x-public'] === true;
        const roles = operation['x-roles'];
        if (!isPublic && !(Array.isArray(roles) && roles.length > 0)) gaps.push(`${where}: neither roles nor public`);
        if (!isPublic && !statuses.includes('401')) gaps.push(`${where}: no 401`);
        if (!isPublic && !/\*\*Roles\*\*/.test(operation.description ?? ''))
          gaps.push(`${where}: roles not in the description`);
        if ((operation.parameters?.length || operation.requestBody) && !statuses.includes('400'))
          gaps.push(`${where}: input but no 400`);
        if (path.includes('{') && !statuses.includes('404')) gaps.push(`${where}: path id but no 404`);
      }
    }
    expect(gaps).toEqual([]);
    expect(operations).toBeGreaterThan(2);
  });
});

type Schema = { $ref?: string; type?: string; items?: Schema; properties?: Record<string, unknown>; allOf?: Schema[] };

/** A schema that says what the body holds: an object with properties, or an array of such (through $refs). */
function describesBody(
  document: { components: { schemas: Record<string, Schema> } },
  schema: Schema | undefined,
): boolean {
  if (!schema) return false;
  if (schema.$ref)
    return describesBody(document, document.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
  if (schema.type === 'array') return describesBody(document, schema.items);
  if (schema.allOf) return schema.allOf.some((part) => describesBody(document, part));
  return Object.keys(schema.properties ?? {}).length > 0;
}

interface Operation {
  operationId: string;
  summary?: string;
  description?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  'x-public'?: boolean;
  'x-roles'?: string[];
}
