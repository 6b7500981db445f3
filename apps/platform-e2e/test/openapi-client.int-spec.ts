import { integrationSuite, tokenFor } from '@emporium/testing';
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import * as ts from 'typescript';
import { seedSellable } from '../../orders/test/orders.fixtures';
import { ordersRecipe } from '../../orders/test/orders.recipe';

/**
 * The document is usable the way another team would use it: generate TypeScript types with a standard
 * generator (openapi-typescript), write a client against them with openapi-fetch, type-check it
 * strictly, then call the running service with it.
 */
const CLIENT = `
import createClient from 'openapi-fetch';
import type { components, paths } from './orders-api';

type Order = components['schemas']['OrderResponse'];
type Problem = components['schemas']['ProblemResponse'];

export async function placeAndRead(baseUrl: string, token: string, customerId: string, idempotencyKey: string) {
  const client = createClient<paths>({ baseUrl, headers: { Authorization: 'Bearer ' + token } });
  const placed = await client.POST('/orders', {
    params: { header: { 'Idempotency-Key': idempotencyKey } },
    body: {
      customerId,
      currency: 'EUR',
      lines: [{ sku: 'CLIENT-1', quantity: 2 }],
      shippingAddress: { country: 'DE', region: 'EU-DE', postalCode: '20095', city: 'Hamburg', line1: 'Mönckebergstraße 7' },
      deliveryOption: 'STANDARD',
      payment: { method: 'CARD', cardToken: 'tok_sandbox_visa' },
    },
  });
  if (!placed.data) throw new Error('place failed: ' + placed.response.status);
  const order: Order = placed.data;
  const status: 'PENDING' | 'CONFIRMED' | 'CANCELLED' | 'SHIPPED' | 'DELIVERED' | 'COMPLETED' | 'PARTIALLY_REFUNDED' | 'REFUNDED' = order.status;
  const read = await client.GET('/orders/{id}', { params: { path: { id: order.id } } });
  const missing = await client.GET('/orders/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } });
  const problem: Problem | undefined = missing.error;
  return { status, placed: order, read: read.data, problem, problemStatus: missing.response.status };
}

// Never called: proves the types are strict, not "any" (an unused @ts-expect-error fails the check).
export function refusedByTheTypes(baseUrl: string) {
  const client = createClient<paths>({ baseUrl });
  // @ts-expect-error quantity is a number in the document
  void client.POST('/orders', { params: { header: { 'Idempotency-Key': 'k' } }, body: { customerId: 'c', currency: 'EUR', lines: [{ sku: 'X', quantity: 'two' }], shippingAddress: { country: 'DE', postalCode: '1', city: 'c', line1: 'l' }, deliveryOption: 'STANDARD', payment: { method: 'CARD', cardToken: 'tok_sandbox_visa' } } });
  // @ts-expect-error the price is the server's: a line has no unitPrice
  void client.POST('/orders', { params: { header: { 'Idempotency-Key': 'k' } }, body: { customerId: 'c', currency: 'EUR', lines: [{ sku: 'X', quantity: 1, unitPrice: 1 }], shippingAddress: { country: 'DE', postalCode: '1', city: 'c', line1: 'l' }, deliveryOption: 'STANDARD', payment: { method: 'CARD', cardToken: 'tok_sandbox_visa' } } });
  // @ts-expect-error the Idempotency-Key header is required
  void client.POST('/orders', { body: { customerId: 'c', currency: 'EUR', lines: [] } });
  // @ts-expect-error there is no DELETE /orders/{id}
  void client.DELETE('/orders/{id}', { params: { path: { id: 'x' } } });
}
`;

const setup = {
  services: {
    orders: { recipe: ordersRecipe, env: { EVENT_CONSUMER_ENABLED: 'false', OUTBOX_RELAY_ENABLED: 'false' } },
  },
};

integrationSuite('a client generated from the orders OpenAPI document', setup, ({ orders, run }) => {
  const repoRoot = path.resolve(__dirname, '../../..');
  const dir = path.join(tmpdir(), `emporium-openapi-client-${run.id}`);

  beforeAll(async () => {
    await seedSellable(orders, [{ sku: 'CLIENT-1', price: 450 }]);
    mkdirSync(dir, { recursive: true });
    // The scratch project resolves openapi-fetch (and @types/node) from the repository's packages.
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates types, type-checks a client strictly, and places and reads an order with it', async () => {
    const document = (
      await request(orders.url)
        .get('/docs-json')
        .set('Authorization', `Bearer ${tokenFor('ops')}`)
        .expect(200)
    ).body;
    writeFileSync(path.join(dir, 'orders-api.json'), JSON.stringify(document));
    // The generator's own command line, as a consumer would run it (it is an ES module: outside jest).
    await promisify(execFile)(
      process.execPath,
      [path.join(repoRoot, 'node_modules/openapi-typescript/bin/cli.js'), 'orders-api.json', '-o', 'orders-api.ts'],
      { cwd: dir },
    );
    writeFileSync(path.join(dir, 'client.ts'), CLIENT);

    const program = ts.createProgram([path.join(dir, 'client.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: ['node'],
      skipLibCheck: true,
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);

    const client = await import(path.join(dir, 'client.ts'));
    const customerId = randomUUID();
    const result = await client.placeAndRead(orders.url, tokenFor('ops'), customerId, randomUUID());
    expect(result.status).toBe('PENDING');
    expect(result.placed).toMatchObject({
      customerId,
      currency: 'EUR',
      totalAmount: 900,
      lines: [{ sku: 'CLIENT-1', quantity: 2, unitPrice: 450, lineTotal: 900 }],
    });
    expect(result.read).toMatchObject({ id: result.placed.id, timeline: [{ status: 'PENDING' }] });
    expect(result.problemStatus).toBe(404);
    expect(result.problem).toMatchObject({ status: 404, code: expect.any(String) });
  });
});
