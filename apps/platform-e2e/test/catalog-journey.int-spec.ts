import {
  MerchantApproved,
  MerchantSuspended,
  ProductDelisted,
  ProductListed,
  SkuAdded,
  Topics,
} from '@emporium/contracts';
import { eventually, integrationSuite, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { catalogRecipe } from '../../catalog/test/catalog.recipe';
import { inventoryRecipe } from '../../inventory/test/inventory.recipe';
import { merchantsRecipe } from '../../merchants/test/merchants.recipe';

/**
 * Seller governance to shopper search across merchants, catalog and inventory, over the real broker:
 * register → approve → product with two SKUs → checks → ops approval → listed and searchable (typos
 * too) → merchant suspended → delisted and gone from search; inventory keeps stock records for the SKUs.
 */
const setup = {
  services: { merchants: merchantsRecipe, catalog: catalogRecipe, inventory: inventoryRecipe },
  read: [Topics.merchantsMerchant, Topics.catalogProduct],
};

integrationSuite(
  'the catalog journey across merchants, catalog and inventory (real PostgreSQL and Kafka)',
  setup,
  ({ merchants, catalog, inventory, reader, run }) => {
    const ops = `Bearer ${tokenFor('ops', 'ops-journey')}`;

    it('takes a seller from registration to search and back out again on suspension', async () => {
      // 1. A merchant user registers its business; ops approve it.
      const user = randomUUID();
      const registered = await request(merchants.url)
        .post('/merchants')
        .set('Authorization', `Bearer ${tokenFor('merchant', user)}`)
        .send({
          legalName: 'Nordlicht Audio GmbH',
          contactName: 'Jonas Berg',
          contactEmail: 'jonas@nordlicht.example',
          businessLicenceNumber: 'HRB-98765',
          documents: [
            {
              type: 'BUSINESS_LICENCE',
              number: 'HRB-98765',
              issuer: 'Amtsgericht Hamburg',
              expiresOn: '2099-06-30',
              url: 'https://files.example/nordlicht.pdf',
            },
          ],
        })
        .expect(201);
      const merchantId: string = registered.body.id;
      await request(merchants.url).post(`/merchants/${merchantId}/approve`).set('Authorization', ops).expect(200);
      await reader.waitFor((m) => m.headers.ce_type === MerchantApproved.type && m.json.merchantId === merchantId);
      // From now on the identity provider issues the user tokens naming its merchant.
      const merchant = `Bearer ${tokenFor('merchant', user, { merchantId })}`;

      // 2. A product with two SKUs.
      const category = await request(catalog.url)
        .post('/categories')
        .set('Authorization', ops)
        .send({ name: 'Headphones', requiredAttributes: ['connectivity'] })
        .expect(201);
      const skus = ['NL-AURORA-BLK', 'NL-AURORA-WHT'].map((code, index) => ({
        sku: `${code}-${run.id}`.toUpperCase(),
        options: { colour: index === 0 ? 'black' : 'white' },
        price: 14900,
        currency: 'EUR',
        weightGrams: 310,
        dimensions: { lengthMm: 200, widthMm: 180, heightMm: 90 },
      }));
      const created = await request(catalog.url)
        .post('/products')
        .set('Authorization', merchant)
        .send({
          title: 'Aurora wireless headphones',
          description: 'Over-ear, forty hours of battery, active noise cancelling.',
          brand: 'Nordlicht',
          categoryId: category.body.id,
          attributes: { connectivity: 'Bluetooth 5.3' },
          images: [{ url: 'https://img.example/aurora.jpg', altText: 'Aurora headphones, black', main: true }],
          skus,
        })
        .expect(201);
      const productId: string = created.body.id;
      await reader.waitFor((m) => m.headers.ce_type === SkuAdded.type && m.json.productId === productId, 2);

      // 3. Submitted: it passes the automated checks (catalog learns of the approval through the event).
      const submitted = await eventually(
        async () => {
          const response = await request(catalog.url)
            .post(`/products/${productId}/submit`)
            .set('Authorization', merchant);
          return response.status === 200 ? response.body : undefined;
        },
        20_000,
        'catalog to see the merchant approved',
      );
      expect(submitted).toMatchObject({ status: 'IN_REVIEW', findings: [] });

      // 4. Ops approve: listed.
      const listed = await request(catalog.url)
        .post(`/products/${productId}/approve`)
        .set('Authorization', ops)
        .expect(200);
      expect(listed.body.status).toBe('LISTED');
      await reader.waitFor((m) => m.headers.ce_type === ProductListed.type && m.json.productId === productId);

      // 5. Shoppers find it, also with a one-letter typo.
      const found = await request(catalog.url).get('/search').query({ q: 'aurora headphones' }).expect(200);
      expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([productId]);
      const typo = await request(catalog.url).get('/search').query({ q: 'headphnes' }).expect(200);
      expect(typo.body.items.map((item: { id: string }) => item.id)).toEqual([productId]);
      expect(typo.body.corrections).toEqual({ headphnes: 'headphones' });

      // 6. Ops suspend the merchant: the product is delisted within seconds, through the event.
      const suspendedAt = Date.now();
      await request(merchants.url)
        .post(`/merchants/${merchantId}/suspend`)
        .set('Authorization', ops)
        .send({ reason: 'licence revoked by the registry' })
        .expect(200);
      const [suspension] = await reader.waitFor(
        (m) => m.headers.ce_type === MerchantSuspended.type && m.json.merchantId === merchantId,
      );
      const [delisted] = await reader.waitFor(
        (m) => m.headers.ce_type === ProductDelisted.type && m.json.productId === productId,
        1,
        10_000,
      );
      const delistedWithinMs = Date.now() - suspendedAt;
      expect(delistedWithinMs).toBeLessThan(10_000);
      expect(delisted.json).toMatchObject({ cause: 'MERCHANT_SUSPENDED', reason: 'licence revoked by the registry' });
      expect(delisted.headers.ce_causationid).toBe(suspension.headers.ce_id);
      expect(
        (await request(catalog.url).get(`/products/${productId}`).set('Authorization', ops).expect(200)).body.status,
      ).toBe('DELISTED');
      expect(
        (await request(catalog.url).get('/search').query({ q: 'aurora headphones' }).expect(200)).body.items,
      ).toEqual([]);
      await request(catalog.url).get(`/products/${productId}`).expect(404);

      // 7. Inventory created stock records for both SKUs from catalog.product.sku-added.
      for (const { sku } of skus) {
        const stock = await eventually(
          async () => {
            const response = await request(inventory.url).get(`/stock/${sku}`).set('Authorization', ops);
            return response.status === 200 ? response.body : undefined;
          },
          20_000,
          `inventory stock records for ${sku}`,
        );
        expect(stock).toMatchObject({ sku, onHand: 0, reserved: 0 });
        expect(stock.warehouses.length).toBeGreaterThan(0);
      }
    });
  },
);
