import { MerchantSuspended, SkuAdded, Topics } from '@emporium/contracts';
import { eventMessage, eventually, integrationSuite, publishRaw } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  approveMerchant,
  createCategory,
  listedProduct,
  productBody,
  sku,
  standing,
} from '../../catalog/test/fixtures';
import { catalogRecipe } from '../../catalog/test/catalog.recipe';
import { skuAdded } from '../../inventory/test/inventory.fixtures';
import { inventoryRecipe } from '../../inventory/test/inventory.recipe';
import { registration } from '../../merchants/test/fixtures';
import { merchantsRecipe } from '../../merchants/test/merchants.recipe';
import { checkout, seedSellable } from '../../orders/test/orders.fixtures';
import { ordersRecipe } from '../../orders/test/orders.recipe';
import { bearer, expectClientProblem } from './security-probe';
import { mintToken, platformDefaults, Role } from '@emporium/platform';

/** The service-specific findings of the security probe (issue 11), one test each; the generic ones are in security.int-spec.ts. */
const noRelay = { OUTBOX_RELAY_ENABLED: 'false' };
const setup = {
  services: {
    merchants: { recipe: merchantsRecipe, env: { ...noRelay, EVENT_CONSUMER_ENABLED: 'false' } },
    catalog: { recipe: catalogRecipe, env: { ...noRelay, CATALOG_PRICE_REVIEW_JUMP_PERCENT: '50' } },
    inventory: { recipe: inventoryRecipe, env: noRelay },
    orders: {
      recipe: ordersRecipe,
      env: { ...noRelay, EVENT_CONSUMER_ENABLED: 'false', ORDER_MAX_UNITS_PER_SKU: '20' },
    },
  },
};

integrationSuite('security findings', setup, ({ merchants, catalog, inventory, orders, run, topic }) => {
  const ops = bearer('ops');
  const token = (subject: string, roles: Role[], merchantId?: string) =>
    `Bearer ${mintToken(platformDefaults('any', 0).JWT_SECRET, { subject, roles, merchantId }, 600)}`;

  beforeAll(async () => {
    await seedSellable(orders, [
      { sku: 'SEC-1', price: 100 },
      { sku: 'SEC-CAP', price: 100 },
    ]);
  });

  describe('finding 1: scope by each role held, the narrowest wins', () => {
    const placeOrder = (customerId: string, auth: string, body: Record<string, unknown> = {}) =>
      request(orders.url)
        .post('/orders')
        .set('Authorization', auth)
        .set('Idempotency-Key', randomUUID())
        .send({ ...checkout(customerId, [{ sku: 'SEC-1', quantity: 1 }]), ...body });

    it('a token holding customer and merchant sees, and orders for, only its own customer', async () => {
      const victim = randomUUID();
      const placed = await placeOrder(victim, bearer('customer', victim)).expect(201);
      const attacker = randomUUID();
      const both = token(attacker, ['customer', 'merchant'], randomUUID());
      await placeOrder(victim, both).expect(403);
      await request(orders.url).get(`/orders/${placed.body.id}`).set('Authorization', both).expect(404);
      const listed = await request(orders.url)
        .get('/orders')
        .query({ customerId: victim })
        .set('Authorization', both)
        .expect(200);
      expect(listed.body.items).toEqual([]);
      // ops alone still sees any customer's orders.
      const all = await request(orders.url)
        .get('/orders')
        .query({ customerId: victim })
        .set('Authorization', ops)
        .expect(200);
      expect(all.body.items.map((order: { id: string }) => order.id)).toEqual([placed.body.id]);
    });

    it('a token holding merchant and customer reads only its own merchant’s stock', async () => {
      await request(inventory.url)
        .post('/warehouses')
        .set('Authorization', ops)
        .send({ id: 'SEC-MAIN', name: 'Security', region: 'EU-DE', priority: 1 })
        .expect(201);
      const owned = skuAdded(`SEC-STOCK-${Date.now()}`, 100);
      await publishRaw(topic(Topics.catalogProduct), [eventMessage(SkuAdded, owned)]);
      await eventually(
        async () => (await request(inventory.url).get(`/stock/${owned.sku}`).set('Authorization', ops)).status === 200,
        20_000,
        'the SKU in inventory',
      );
      const other = token(randomUUID(), ['merchant', 'customer'], randomUUID());
      await request(inventory.url).get(`/stock/${owned.sku}`).set('Authorization', other).expect(404);
      await request(inventory.url).get(`/stock/${owned.sku}/movements`).set('Authorization', other).expect(404);
      await request(inventory.url)
        .get(`/stock/${owned.sku}`)
        .set('Authorization', token(randomUUID(), ['merchant', 'ops'], owned.merchantId))
        .expect(200);
    });

    it('a token holding merchant and ops manages only its own merchant’s products', async () => {
      const owner = randomUUID();
      await approveMerchant(run, catalog, owner);
      const categoryId = await createCategory(catalog, `Scope ${randomUUID()}`);
      const ownerToken = token(`user-${owner}`, ['merchant'], owner);
      const created = await request(catalog.url)
        .post('/products')
        .set('Authorization', ownerToken)
        .send(productBody(categoryId))
        .expect(201);
      const intruder = token(`user-${randomUUID()}`, ['merchant', 'ops'], randomUUID());
      await request(catalog.url)
        .patch(`/products/${created.body.id}`)
        .set('Authorization', intruder)
        .send({ title: 'Taken over by someone else' })
        .expect(403);
      const listed = await request(catalog.url)
        .get('/products')
        .query({ merchantId: owner })
        .set('Authorization', intruder)
        .expect(200);
      expect(listed.body.items).toEqual([]);
    });
  });

  describe('finding 4: catalog listing rules hold for every change', () => {
    let merchantId: string;
    let merchant: string;
    let categoryId: string;

    beforeAll(async () => {
      merchantId = randomUUID();
      merchant = token(`user-${merchantId}`, ['merchant'], merchantId);
      await approveMerchant(run, catalog, merchantId);
      categoryId = await createCategory(catalog, `Listing ${randomUUID()}`);
    });

    it('a listed product’s price cannot be set to 0, nor a SKU added at 0', async () => {
      const product = await listedProduct(catalog, merchant, productBody(categoryId));
      const code = product.skus[0].sku;
      const zero = await request(catalog.url)
        .put(`/products/${product.id}/skus/${code}/price`)
        .set('Authorization', merchant)
        .send({ price: 0 })
        .expect(422);
      expect(zero.body.code).toBe('QUALITY_CHECKS_FAILED');
      const added = await request(catalog.url)
        .post(`/products/${product.id}/skus`)
        .set('Authorization', merchant)
        .send(sku({ price: 0 }))
        .expect(422);
      expect(added.body.code).toBe('QUALITY_CHECKS_FAILED');
      const after = await request(catalog.url)
        .get(`/products/${product.id}`)
        .set('Authorization', merchant)
        .expect(200);
      expect(after.body.skus).toEqual([expect.objectContaining({ sku: code, price: 1999 })]);
    });

    it('a price jump beyond the configured percentage sends the product back to review; a small change does not', async () => {
      const product = await listedProduct(catalog, merchant, productBody(categoryId));
      const code = product.skus[0].sku;
      const small = await request(catalog.url)
        .put(`/products/${product.id}/skus/${code}/price`)
        .set('Authorization', merchant)
        .send({ price: 2499 })
        .expect(200);
      expect(small.body.status).toBe('LISTED');
      const jump = await request(catalog.url)
        .put(`/products/${product.id}/skus/${code}/price`)
        .set('Authorization', merchant)
        .send({ price: 99_999 })
        .expect(200);
      expect(jump.body.status).toBe('IN_REVIEW');
      await request(catalog.url).get(`/products/${product.id}`).expect(404);
    });

    it('price history is for the owning merchant and ops only', async () => {
      const product = await listedProduct(catalog, merchant, productBody(categoryId));
      await request(catalog.url)
        .get(`/products/${product.id}/price-history`)
        .set('Authorization', merchant)
        .expect(200);
      await request(catalog.url).get(`/products/${product.id}/price-history`).set('Authorization', ops).expect(200);
      await request(catalog.url)
        .get(`/products/${product.id}/price-history`)
        .set('Authorization', token('u', ['merchant'], randomUUID()))
        .expect(403);
      await request(catalog.url)
        .get(`/products/${product.id}/price-history`)
        .set('Authorization', bearer('customer'))
        .expect(403);
    });

    it('a suspended merchant cannot create products', async () => {
      const suspendedId = randomUUID();
      await approveMerchant(run, catalog, suspendedId);
      await publishRaw(topic(Topics.merchantsMerchant), [
        eventMessage(MerchantSuspended, {
          merchantId: suspendedId,
          status: 'SUSPENDED',
          legalName: 'Gone GmbH',
          cause: 'OPS_DECISION',
          reason: 'fraud',
          actor: 'ops',
          suspendedAt: new Date().toISOString(),
        }),
      ]);
      await standing(catalog, suspendedId, 'SUSPENDED');
      const refused = await request(catalog.url)
        .post('/products')
        .set('Authorization', token('u', ['merchant'], suspendedId))
        .send(productBody(categoryId))
        .expect(403);
      expect(refused.body.code).toBe('MERCHANT_NOT_ACTIVE');
    });

    it('the 409 for a SKU code held by another merchant names no code; the merchant’s own codes are named', async () => {
      const first = await request(catalog.url)
        .post('/products')
        .set('Authorization', merchant)
        .send(productBody(categoryId))
        .expect(201);
      const code = first.body.skus[0].sku;
      const rivalId = randomUUID();
      const rival = token('rival', ['merchant'], rivalId);
      const taken = await request(catalog.url)
        .post('/products')
        .set('Authorization', rival)
        .send(productBody(categoryId, { skus: [sku({ sku: code })] }))
        .expect(409);
      expect(taken.body.code).toBe('SKU_UNAVAILABLE');
      expect(taken.text).not.toContain(code);
      expect(taken.text).not.toContain(merchantId);
      const own = await request(catalog.url)
        .post(`/products/${first.body.id}/skus`)
        .set('Authorization', merchant)
        .send(sku({ sku: code }))
        .expect(409);
      expect(own.body).toMatchObject({ code: 'SKU_EXISTS', sku: code });
    });
  });

  describe('finding 5: merchant actions start only from their own states', () => {
    it('approve on a SUSPENDED merchant and reinstate on a PENDING_REVIEW one are refused with 409', async () => {
      const register = async () =>
        (
          await request(merchants.url)
            .post('/merchants')
            .set('Authorization', bearer('merchant', `user-${randomUUID()}`))
            .send(registration())
            .expect(201)
        ).body.id as string;
      const suspended = await register();
      await request(merchants.url).post(`/merchants/${suspended}/approve`).set('Authorization', ops).expect(200);
      await request(merchants.url)
        .post(`/merchants/${suspended}/suspend`)
        .set('Authorization', ops)
        .send({ reason: 'fraud report' })
        .expect(200);
      const approve = await request(merchants.url)
        .post(`/merchants/${suspended}/approve`)
        .set('Authorization', ops)
        .expect(409);
      expect(approve.body).toMatchObject({ code: 'ILLEGAL_MERCHANT_TRANSITION', from: 'SUSPENDED' });
      const pending = await register();
      const reinstate = await request(merchants.url)
        .post(`/merchants/${pending}/reinstate`)
        .set('Authorization', ops)
        .send({ reason: 'why not' })
        .expect(409);
      expect(reinstate.body).toMatchObject({ code: 'ILLEGAL_MERCHANT_TRANSITION', from: 'PENDING_REVIEW' });
      const after = await request(merchants.url).get(`/merchants/${pending}`).set('Authorization', ops).expect(200);
      expect(after.body.status).toBe('PENDING_REVIEW');
    });
  });

  describe('finding 6: idempotency keys belong to their caller', () => {
    it.each([
      ['/stock/receipts', { sku: 'SEC-IDEM', warehouseId: 'SEC-IDEM-WH', quantity: 5 }],
      ['/stock/inbound', { sku: 'SEC-IDEM', warehouseId: 'SEC-IDEM-WH', quantity: 7 }],
    ])(
      '%s: one caller’s key never replays another caller’s answer; a repeat says Idempotent-Replayed',
      async (path, body) => {
        await request(inventory.url)
          .post('/warehouses')
          .set('Authorization', ops)
          .send({ id: 'SEC-IDEM-WH', name: 'Idem', region: 'EU-DE', priority: 2 });
        const key = `shared-${randomUUID()}`;
        const alice = bearer('ops', 'ops-alice');
        const bob = bearer('ops', 'ops-bob');
        const first = await request(inventory.url)
          .post(path)
          .set('Authorization', alice)
          .set('Idempotency-Key', key)
          .send(body)
          .expect(201);
        expect(first.headers['idempotent-replayed']).toBeUndefined();
        const other = await request(inventory.url)
          .post(path)
          .set('Authorization', bob)
          .set('Idempotency-Key', key)
          .send({ ...body, quantity: body.quantity + 1 })
          .expect(201);
        expect(other.headers['idempotent-replayed']).toBeUndefined();
        const repeat = await request(inventory.url)
          .post(path)
          .set('Authorization', alice)
          .set('Idempotency-Key', key)
          .send(body)
          .expect(201);
        expect(repeat.headers['idempotent-replayed']).toBe('true');
        expect(repeat.body).toEqual(first.body);
      },
    );

    it('/stocktakes: the same, for stocktakes', async () => {
      await request(inventory.url)
        .post('/warehouses')
        .set('Authorization', ops)
        .send({ id: 'SEC-IDEM-WH', name: 'Idem', region: 'EU-DE', priority: 2 });
      const key = `shared-${randomUUID()}`;
      const body = { warehouseId: 'SEC-IDEM-WH', reason: 'cycle count', lines: [{ sku: 'SEC-IDEM', counted: 3 }] };
      const first = await request(inventory.url)
        .post('/stocktakes')
        .set('Authorization', bearer('ops', 'ops-carol'))
        .set('Idempotency-Key', key)
        .send(body);
      expect(first.status).toBe(201);
      const other = await request(inventory.url)
        .post('/stocktakes')
        .set('Authorization', bearer('ops', 'ops-dave'))
        .set('Idempotency-Key', key)
        .send(body)
        .expect(201);
      expect(other.body.id).not.toBe(first.body.id);
      const repeat = await request(inventory.url)
        .post('/stocktakes')
        .set('Authorization', bearer('ops', 'ops-carol'))
        .set('Idempotency-Key', key)
        .send(body)
        .expect(201);
      expect(repeat.headers['idempotent-replayed']).toBe('true');
    });
  });

  describe('finding 7: a per-order cap on units of one SKU', () => {
    it('refuses more than ORDER_MAX_UNITS_PER_SKU units of one SKU, naming the line (a second line of the SKU is refused too)', async () => {
      const customer = randomUUID();
      const over = await request(orders.url)
        .post('/orders')
        .set('Authorization', bearer('customer', customer))
        .set('Idempotency-Key', randomUUID())
        .send(checkout(customer, [{ sku: 'SEC-CAP', quantity: 21 }]))
        .expect(400);
      expectClientProblem(over, 'over the cap', 'lines.0.quantity');
      const split = [
        { sku: 'SEC-CAP', quantity: 15 },
        { sku: 'SEC-CAP', quantity: 6 },
      ];
      const refused = await request(orders.url)
        .post('/orders')
        .set('Authorization', bearer('customer', customer))
        .set('Idempotency-Key', randomUUID())
        .send(checkout(customer, split))
        .expect(400);
      expectClientProblem(refused, 'split over two lines', 'lines.1.sku');
      await request(orders.url)
        .post('/orders')
        .set('Authorization', bearer('customer', customer))
        .set('Idempotency-Key', randomUUID())
        .send(checkout(customer, [{ sku: 'SEC-CAP', quantity: 20 }]))
        .expect(201);
    });
  });

  describe('finding 8: the API accepts only what the event contract accepts', () => {
    it('lower-case currency codes are refused over HTTP (orders and catalog), as the event schema requires ^[A-Z]{3}$', async () => {
      const customer = randomUUID();
      const order = await request(orders.url)
        .post('/orders')
        .set('Authorization', bearer('customer', customer))
        .set('Idempotency-Key', randomUUID())
        .send({ ...checkout(customer, [{ sku: 'SEC-1', quantity: 1 }]), currency: 'eur' })
        .expect(400);
      expectClientProblem(order, 'orders currency', 'currency');
      const merchantId = randomUUID();
      const categoryId = await createCategory(catalog, `Currency ${randomUUID()}`);
      const product = await request(catalog.url)
        .post('/products')
        .set('Authorization', token('u', ['merchant'], merchantId))
        .send(productBody(categoryId, { skus: [sku({ currency: 'eur' })] }))
        .expect(400);
      expectClientProblem(product, 'catalog currency', 'skus.0.currency');
    });
  });
});
