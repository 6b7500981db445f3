import {
  MerchantReinstated,
  MerchantSuspended,
  ProductCreated,
  ProductDelisted,
  ProductListed,
  ProductPriceChanged,
  ProductRejected,
  ProductSubmitted,
  SkuAdded,
  Topics,
} from '@emporium/contracts';
import { eventMessage, integrationSuite, publishRaw, tokenFor } from '@emporium/testing';
import request from 'supertest';
import { catalogRecipe } from './catalog.recipe';
import {
  approveMerchant,
  createCategory,
  listedProduct,
  merchantToken,
  ops,
  productBody,
  sku,
  standing,
} from './fixtures';

/** Request and response bodies, deliberately untyped: the tests send malformed ones on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const setup = { services: { catalog: catalogRecipe }, read: [Topics.catalogProduct] };

integrationSuite(
  'catalog products and the listing workflow (real PostgreSQL and Kafka)',
  setup,
  ({ catalog, reader, run, topic }) => {
    let apparel: string;
    const merchant = merchantToken();
    const other = merchantToken();

    beforeAll(async () => {
      apparel = await createCategory(catalog, 'Apparel', undefined, ['material']);
      await Promise.all([
        approveMerchant(run, catalog, other.merchantId),
        approveMerchant(run, catalog, merchant.merchantId),
      ]);
    });

    const eventsOf = (type: string, productId: string) =>
      reader.waitFor((m) => m.headers.ce_type === type && m.json?.productId === productId);

    it('creates a draft with SKUs, publishing created and one sku-added per SKU', async () => {
      const skus = [sku({ options: { size: 'S' } }), sku({ options: { size: 'L' }, price: 2199 })];
      const created = await request(catalog.url)
        .post('/products')
        .set('Authorization', merchant.token)
        .send(productBody(apparel, { skus }))
        .expect(201);
      expect(created.body).toMatchObject({
        status: 'DRAFT',
        merchantId: merchant.merchantId,
        price: { from: 1999, currency: 'EUR' },
        skus: [{ sku: skus[0].sku }, { sku: skus[1].sku }],
      });
      const [createdEvent] = await eventsOf(ProductCreated.type, created.body.id);
      expect(createdEvent.key).toBe(created.body.id);
      const added = await reader.waitFor(
        (m) => m.headers.ce_type === SkuAdded.type && m.json.productId === created.body.id,
        2,
      );
      expect(added.map((m) => m.json)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            sku: skus[1].sku,
            merchantId: merchant.merchantId,
            price: 2199,
            weightGrams: 220,
            dimensions: { lengthMm: 300, widthMm: 250, heightMm: 20 },
          }),
        ]),
      );
    });

    it('refuses to submit (409) until the merchant approval event arrives', async () => {
      const newcomer = merchantToken();
      const created = await request(catalog.url)
        .post('/products')
        .set('Authorization', newcomer.token)
        .send(productBody(apparel))
        .expect(201);
      const refused = await request(catalog.url)
        .post(`/products/${created.body.id}/submit`)
        .set('Authorization', newcomer.token)
        .expect(409);
      expect(refused.body).toMatchObject({ code: 'MERCHANT_NOT_APPROVED', merchantStatus: 'UNKNOWN' });
      await approveMerchant(run, catalog, newcomer.merchantId);
      await request(catalog.url)
        .post(`/products/${created.body.id}/submit`)
        .set('Authorization', newcomer.token)
        .expect(200);
    });

    it('puts a submitted product in review and publishes submitted', async () => {
      const created = await request(catalog.url)
        .post('/products')
        .set('Authorization', merchant.token)
        .send(productBody(apparel))
        .expect(201);
      const submitted = await request(catalog.url)
        .post(`/products/${created.body.id}/submit`)
        .set('Authorization', merchant.token)
        .expect(200);
      expect(submitted.body).toMatchObject({ status: 'IN_REVIEW', findings: [] });
      expect((await eventsOf(ProductSubmitted.type, created.body.id))[0].json).toMatchObject({
        status: 'IN_REVIEW',
        findings: [],
      });
    });

    it('lists a product ops approve and publishes listed with its prices', async () => {
      const created = await request(catalog.url)
        .post('/products')
        .set('Authorization', merchant.token)
        .send(productBody(apparel))
        .expect(201);
      await request(catalog.url)
        .post(`/products/${created.body.id}/submit`)
        .set('Authorization', merchant.token)
        .expect(200);
      const listed = await request(catalog.url)
        .post(`/products/${created.body.id}/approve`)
        .set('Authorization', ops())
        .expect(200);
      expect(listed.body).toMatchObject({ status: 'LISTED', listedAt: expect.any(String) });
      expect((await eventsOf(ProductListed.type, created.body.id))[0].json).toMatchObject({
        actor: 'ops-test',
        skus: [{ price: 1999, currency: 'EUR' }],
      });
    });

    it('refuses to approve a listed product again with a stable code', async () => {
      const product = await listedProduct(catalog, merchant.token, productBody(apparel));
      expect(
        (await request(catalog.url).post(`/products/${product.id}/approve`).set('Authorization', ops()).expect(409))
          .body.code,
      ).toBe('ILLEGAL_PRODUCT_TRANSITION');
    });

    const heldProduct = async () => {
      const body = productBody(apparel, { title: 'Designer handbag replica', images: [], attributes: {} });
      const created = await request(catalog.url)
        .post('/products')
        .set('Authorization', other.token)
        .send(body)
        .expect(201);
      const held = await request(catalog.url)
        .post(`/products/${created.body.id}/submit`)
        .set('Authorization', other.token)
        .expect(200);
      return { id: created.body.id as string, held: held.body };
    };

    it('holds a product with a forbidden word or without an image, listing the findings', async () => {
      const { id, held } = await heldProduct();
      expect(held.status).toBe('REJECTED');
      expect(held.findings.map((f: { code: string; field: string }) => `${f.code}@${f.field}`).sort()).toEqual(
        ['FORBIDDEN_WORD@title', 'IMAGE_REQUIRED@images', 'REQUIRED_ATTRIBUTE_MISSING@attributes.material'].sort(),
      );
      expect(held.rejectionReasons).toContain('title: contains the forbidden word "replica"');
      const [rejected] = await eventsOf(ProductRejected.type, id);
      expect(rejected.json).toMatchObject({
        automatic: true,
        actor: 'quality-checks',
        findings: expect.arrayContaining([expect.objectContaining({ code: 'IMAGE_REQUIRED' })]),
      });
    });

    it('refuses to list a rejected product (illegal state change)', async () => {
      const { id } = await heldProduct();
      const refused = await request(catalog.url)
        .post(`/products/${id}/approve`)
        .set('Authorization', ops())
        .expect(409);
      expect(refused.body).toMatchObject({ code: 'ILLEGAL_PRODUCT_TRANSITION', from: 'REJECTED', to: 'LISTED' });
    });

    it('makes a fixed rejected product a draft again, which passes the checks', async () => {
      const { id } = await heldProduct();
      const fixed = await request(catalog.url)
        .patch(`/products/${id}`)
        .set('Authorization', other.token)
        .send({
          title: 'Designer leather handbag',
          images: [{ url: 'https://img.example/bag.jpg', altText: 'Bag' }],
          attributes: { material: 'leather' },
        })
        .expect(200);
      expect(fixed.body.status).toBe('DRAFT');
      expect(
        (await request(catalog.url).post(`/products/${id}/submit`).set('Authorization', other.token).expect(200)).body
          .status,
      ).toBe('IN_REVIEW');
    });

    it('lets ops reject a product in review with reasons', async () => {
      const created = await request(catalog.url)
        .post('/products')
        .set('Authorization', other.token)
        .send(productBody(apparel))
        .expect(201);
      await request(catalog.url)
        .post(`/products/${created.body.id}/submit`)
        .set('Authorization', other.token)
        .expect(200);
      await request(catalog.url)
        .post(`/products/${created.body.id}/reject`)
        .set('Authorization', ops())
        .send({ reasons: [] })
        .expect(400);
      const rejected = await request(catalog.url)
        .post(`/products/${created.body.id}/reject`)
        .set('Authorization', ops())
        .send({ reasons: ['photos show another product'] })
        .expect(200);
      expect(rejected.body).toMatchObject({ status: 'REJECTED', rejectionReasons: ['photos show another product'] });
      await request(catalog.url)
        .post(`/products/${created.body.id}/reject`)
        .set('Authorization', other.token)
        .send({ reasons: ['x'] })
        .expect(403);
    });

    describe('who sees and touches what', () => {
      it('does not let a merchant touch another merchant’s product (403)', async () => {
        const draft = await request(catalog.url)
          .post('/products')
          .set('Authorization', other.token)
          .send(productBody(apparel))
          .expect(201);
        const listed = await listedProduct(catalog, other.token, productBody(apparel));
        const id = draft.body.id;
        await request(catalog.url)
          .patch(`/products/${id}`)
          .set('Authorization', merchant.token)
          .send({ title: 'Hijacked title here' })
          .expect(403);
        await request(catalog.url).post(`/products/${id}/submit`).set('Authorization', merchant.token).expect(403);
        await request(catalog.url)
          .post(`/products/${id}/skus`)
          .set('Authorization', merchant.token)
          .send(sku())
          .expect(403);
        await request(catalog.url)
          .put(`/products/${listed.id}/skus/${listed.skus[0].sku}/price`)
          .set('Authorization', merchant.token)
          .send({ price: 1 })
          .expect(403);
        await request(catalog.url)
          .post(`/products/${listed.id}/delist`)
          .set('Authorization', merchant.token)
          .send({})
          .expect(403);
        await request(catalog.url).get(`/products/${id}`).set('Authorization', merchant.token).expect(403);
        await request(catalog.url)
          .get(`/products/${id}/price-history`)
          .set('Authorization', merchant.token)
          .expect(403);
      });

      it('lists a merchant’s own products only', async () => {
        await request(catalog.url)
          .post('/products')
          .set('Authorization', other.token)
          .send(productBody(apparel))
          .expect(201);
        const mine = await request(catalog.url).get('/products').set('Authorization', merchant.token).expect(200);
        expect(mine.body.items.every((p: { merchantId: string }) => p.merchantId === merchant.merchantId)).toBe(true);
      });

      it('shows customers and anonymous callers listed products only, without the internal review fields', async () => {
        const draft = await request(catalog.url)
          .post('/products')
          .set('Authorization', other.token)
          .send(productBody(apparel))
          .expect(201);
        const listed = await listedProduct(catalog, other.token, productBody(apparel));
        await request(catalog.url).get(`/products/${draft.body.id}`).expect(404);
        await request(catalog.url)
          .get(`/products/${draft.body.id}`)
          .set('Authorization', `Bearer ${tokenFor('customer')}`)
          .expect(404);
        const publicView = await request(catalog.url).get(`/products/${listed.id}`).expect(200);
        expect(publicView.body.status).toBe('LISTED');
        expect(publicView.body.findings).toBeUndefined();
      });

      it('answers a bad token with 401 even on a public route', async () => {
        const listed = await listedProduct(catalog, other.token, productBody(apparel));
        await request(catalog.url).get(`/products/${listed.id}`).set('Authorization', 'Bearer not-a-token').expect(401);
      });

      it('shows ops everything, drafts and review fields included', async () => {
        const draft = await request(catalog.url)
          .post('/products')
          .set('Authorization', other.token)
          .send(productBody(apparel))
          .expect(201);
        expect(
          (await request(catalog.url).get(`/products/${draft.body.id}`).set('Authorization', ops()).expect(200)).body
            .findings,
        ).toEqual([]);
      });

      it('does not let a customer create products (403)', async () => {
        await request(catalog.url)
          .post('/products')
          .set('Authorization', `Bearer ${tokenFor('customer')}`)
          .send(productBody(apparel))
          .expect(403);
      });
    });

    describe('bad input is a 400 naming the field', () => {
      it.each([
        ['a negative SKU price', (b: Json) => ({ ...b, skus: [{ ...b.skus[0], price: -1 }] }), 'skus.0.price'],
        [
          'a SKU without dimensions',
          (b: Json) => ({ ...b, skus: [{ ...b.skus[0], dimensions: undefined }] }),
          'skus.0.dimensions',
        ],
        ['a bad image URL', (b: Json) => ({ ...b, images: [{ url: 'ftp://x', altText: 'x' }] }), 'images.0.url'],
        ['a missing title', ({ title: _t, ...rest }: Json) => rest, 'title'],
        ['an unknown field', (b: Json) => ({ ...b, status: 'LISTED' }), 'status'],
        [
          'an unknown category',
          (b: Json) => ({ ...b, categoryId: '00000000-0000-4000-8000-000000000000' }),
          'categoryId',
        ],
        [
          'SKUs in two currencies',
          (b: Json) => ({ ...b, skus: [b.skus[0], { ...b.skus[0], sku: 'OTHER-CUR', currency: 'USD' }] }),
          'skus.1.currency',
        ],
        ['non-string attributes', (b: Json) => ({ ...b, attributes: { size: 3 } }), 'attributes'],
      ])('%s', async (_name, mutate, field) => {
        const response = await request(catalog.url)
          .post('/products')
          .set('Authorization', merchant.token)
          .send(mutate(productBody(apparel)))
          .expect(400);
        expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      });

      it('a SKU code that exists is a 409', async () => {
        const first = productBody(apparel);
        await request(catalog.url).post('/products').set('Authorization', merchant.token).send(first).expect(201);
        const again = await request(catalog.url)
          .post('/products')
          .set('Authorization', merchant.token)
          .send(productBody(apparel, { skus: first.skus }))
          .expect(409);
        expect(again.body.code).toBe('SKU_EXISTS');
      });
    });

    it('keeps a price history and publishes price changes', async () => {
      const product = await listedProduct(
        catalog,
        merchant.token,
        productBody(apparel, { skus: [sku({ price: 1000 }), sku({ price: 1500 })] }),
      );
      const code = product.skus[0].sku;
      const changed = await request(catalog.url)
        .put(`/products/${product.id}/skus/${code}/price`)
        .set('Authorization', merchant.token)
        .send({ price: 1800 })
        .expect(200);
      expect(changed.body.price).toEqual({ from: 1500, currency: 'EUR' });
      const [event] = await eventsOf(ProductPriceChanged.type, product.id);
      expect(event.json).toMatchObject({
        sku: code,
        previousPrice: 1000,
        price: 1800,
        currency: 'EUR',
        actor: `user-of-${merchant.merchantId}`,
      });
      const history = await request(catalog.url)
        .get(`/products/${product.id}/price-history`)
        .set('Authorization', merchant.token)
        .expect(200);
      expect(
        history.body
          .filter((h: { sku: string }) => h.sku === code)
          .map((h: { previousPrice?: number; price: number }) => [h.previousPrice ?? null, h.price]),
      ).toEqual([
        [null, 1000],
        [1000, 1800],
      ]);
    });

    it('refuses an edit that would make a listed product fail its checks (422), and publishes accepted edits', async () => {
      const product = await listedProduct(catalog, merchant.token, productBody(apparel));
      const refused = await request(catalog.url)
        .patch(`/products/${product.id}`)
        .set('Authorization', merchant.token)
        .send({ description: 'A counterfeit of a famous brand' })
        .expect(422);
      expect(refused.body).toMatchObject({
        code: 'QUALITY_CHECKS_FAILED',
        findings: [{ code: 'FORBIDDEN_WORD', field: 'description' }],
      });
      await request(catalog.url)
        .patch(`/products/${product.id}`)
        .set('Authorization', merchant.token)
        .send({ description: 'Now in a heavier fabric.' })
        .expect(200);
      const [updated] = await reader.waitFor(
        (m) => m.headers.ce_type === 'catalog.product.updated.v1' && m.json.productId === product.id,
      );
      expect(updated.json).toMatchObject({ changedFields: ['description'], status: 'LISTED' });
    });

    it('delists every listed product of a suspended merchant through the event; reinstatement does not relist', async () => {
      const suspended = merchantToken();
      await approveMerchant(run, catalog, suspended.merchantId);
      const a = await listedProduct(
        catalog,
        suspended.token,
        productBody(apparel, { title: 'Suspension test lamp one' }),
      );
      const b = await listedProduct(
        catalog,
        suspended.token,
        productBody(apparel, { title: 'Suspension test lamp two' }),
      );
      const draft = await request(catalog.url)
        .post('/products')
        .set('Authorization', suspended.token)
        .send(productBody(apparel))
        .expect(201);

      const started = Date.now();
      await publishRaw(topic(Topics.merchantsMerchant), [
        eventMessage(MerchantSuspended, {
          merchantId: suspended.merchantId,
          status: 'SUSPENDED',
          legalName: 'Test Merchant',
          cause: 'OPS_DECISION',
          reason: 'counterfeit goods',
          actor: 'ops-test',
          suspendedAt: new Date().toISOString(),
        }),
      ]);
      const delisted = await reader.waitFor(
        (m) => m.headers.ce_type === ProductDelisted.type && m.json.merchantId === suspended.merchantId,
        2,
        10_000,
      );
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(delisted.map((m) => m.json.productId).sort()).toEqual([a.id, b.id].sort());
      expect(delisted[0].json).toMatchObject({
        cause: 'MERCHANT_SUSPENDED',
        reason: 'counterfeit goods',
        actor: 'system',
      });
      expect(delisted[0].headers.ce_causationid).toBeDefined();
      expect(
        (await request(catalog.url).get(`/products/${a.id}`).set('Authorization', ops()).expect(200)).body.status,
      ).toBe('DELISTED');
      expect(
        (await request(catalog.url).get(`/products/${draft.body.id}`).set('Authorization', ops()).expect(200)).body
          .status,
      ).toBe('DRAFT');
      const relistWhileSuspended = await request(catalog.url)
        .post(`/products/${a.id}/relist`)
        .set('Authorization', suspended.token)
        .expect(409);
      expect(relistWhileSuspended.body.code).toBe('MERCHANT_NOT_APPROVED');

      await publishRaw(topic(Topics.merchantsMerchant), [
        eventMessage(MerchantReinstated, {
          merchantId: suspended.merchantId,
          status: 'APPROVED',
          legalName: 'Test Merchant',
          reason: 'cleared',
          actor: 'ops-test',
          reinstatedAt: new Date().toISOString(),
        }),
      ]);
      await standing(catalog, suspended.merchantId, 'APPROVED');
      expect(
        (await request(catalog.url).get(`/products/${a.id}`).set('Authorization', ops()).expect(200)).body.status,
      ).toBe('DELISTED');
      const relisted = await request(catalog.url)
        .post(`/products/${a.id}/relist`)
        .set('Authorization', suspended.token)
        .expect(200);
      expect(relisted.body.status).toBe('LISTED');
    });

    it('serves the categories tree', async () => {
      const child = await createCategory(catalog, 'T-shirts', apparel);
      const tree = await request(catalog.url).get('/categories').expect(200);
      expect(tree.body.find((c: { id: string }) => c.id === apparel).children).toEqual([
        expect.objectContaining({ id: child, name: 'T-shirts' }),
      ]);
    });

    it('refuses a category that exists under the same parent (409)', async () => {
      await createCategory(catalog, 'Hoodies', apparel);
      expect(
        (
          await request(catalog.url)
            .post('/categories')
            .set('Authorization', ops())
            .send({ name: 'Hoodies', parentId: apparel })
            .expect(409)
        ).body.code,
      ).toBe('CATEGORY_EXISTS');
    });

    it('serves the OpenAPI document', async () => {
      const openApi = await request(catalog.url).get('/docs-json').set('Authorization', ops()).expect(200);
      expect(Object.keys(openApi.body.paths)).toEqual(
        expect.arrayContaining(['/products', '/products/{id}/submit', '/search', '/categories']),
      );
    });
  },
);
