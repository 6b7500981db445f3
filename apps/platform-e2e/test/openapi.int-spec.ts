import SwaggerParser from '@apidevtools/swagger-parser';
import { createRunTopics, deleteRunTopics, RunningService, ServiceRecipe, startService, TestRun, tokenFor } from '@emporium/testing';
import request from 'supertest';
import { catalogRecipe } from '../../catalog/test/catalog.recipe';
import { inventoryRecipe } from '../../inventory/test/inventory.recipe';
import { merchantsRecipe } from '../../merchants/test/merchants.recipe';
import { ordersRecipe } from '../../orders/test/orders.recipe';

/** Each service's OpenAPI document (served at /docs-json) is a valid OpenAPI document a client can generate from. */
describe('the services’ OpenAPI documents', () => {
  const run = new TestRun();
  const recipes: ServiceRecipe<never>[] = [merchantsRecipe, catalogRecipe, inventoryRecipe, ordersRecipe] as never;
  const services: RunningService[] = [];
  // The documents are for ops and services (docs/security.md): not public on the API port.
  const ops = `Bearer ${tokenFor('ops')}`;

  beforeAll(async () => {
    await createRunTopics(run);
    // No consumers or relays needed to serve documents; keeps this test light.
    for (const recipe of recipes) services.push(await startService(run, recipe, { EVENT_CONSUMER_ENABLED: 'false', OUTBOX_RELAY_ENABLED: 'false' }));
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.close()));
    await run.dropDatabases();
    await deleteRunTopics(run);
  });

  it.each(['merchants', 'catalog', 'inventory', 'orders'])('%s serves a valid document, with bearer auth declared, and the docs page', async (name) => {
    const service = services[recipes.findIndex((recipe) => recipe.name === name)];
    const document = (await request(service.url).get('/docs-json').set('Authorization', ops).expect(200)).body;
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
    expect(document.openapi).toMatch(/^3\./);
    expect(document.components.securitySchemes).toHaveProperty('bearer');
    expect(Object.keys(document.paths).length).toBeGreaterThan(1);
    const docsPage = await request(service.url).get('/docs/').set('Authorization', ops).expect(200);
    expect(docsPage.text).toContain('swagger-ui');
  });
});
