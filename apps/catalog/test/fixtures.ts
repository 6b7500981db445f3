import { MerchantApproved, MerchantStatus, Topics } from '@emporium/contracts';
import { eventMessage, eventually, publishRaw, RunningService, TestRun, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { ProductView } from '../src/products/product.view';

export const ops = () => `Bearer ${tokenFor('ops', 'ops-test')}`;

/** A merchant as catalog sees it: a user token carrying the merchant id. */
export function merchantToken(merchantId: string = randomUUID()) {
  return { merchantId, token: `Bearer ${tokenFor('merchant', `user-of-${merchantId}`, { merchantId })}` };
}

/** Tells catalog, through the merchants topic as the merchants service would, that a merchant is approved. */
export async function approveMerchant(run: TestRun, catalog: RunningService, merchantId: string): Promise<void> {
  await publishRaw(run.topicPrefix + Topics.merchantsMerchant, [
    eventMessage(MerchantApproved, {
      merchantId,
      status: 'APPROVED',
      legalName: 'Test Merchant',
      actor: 'ops-test',
      approvedAt: new Date().toISOString(),
    }),
  ]);
  await standing(catalog, merchantId, 'APPROVED');
}

export async function standing(catalog: RunningService, merchantId: string, status: MerchantStatus): Promise<void> {
  await eventually(
    async () => {
      const rows = await catalog.dataSource.query(`SELECT status FROM merchant_standings WHERE merchant_id = $1`, [
        merchantId,
      ]);
      return rows[0]?.status === status;
    },
    20_000,
    `merchant ${merchantId} to be ${status} in catalog`,
  );
}

export async function createCategory(
  catalog: RunningService,
  name: string,
  parentId?: string,
  requiredAttributes: string[] = [],
): Promise<string> {
  const response = await request(catalog.url)
    .post('/categories')
    .set('Authorization', ops())
    .send({ name, parentId, requiredAttributes })
    .expect(201);
  return response.body.id;
}

let skuCounter = 0;
export function sku(overrides: Record<string, unknown> = {}) {
  skuCounter += 1;
  return {
    sku: `SKU-${Date.now().toString(36)}-${skuCounter}`.toUpperCase(),
    options: { size: 'M' },
    price: 1999,
    currency: 'EUR',
    weightGrams: 220,
    dimensions: { lengthMm: 300, widthMm: 250, heightMm: 20 },
    ...overrides,
  };
}

export function productBody(categoryId: string, overrides: Record<string, unknown> = {}) {
  return {
    title: 'Organic cotton T-shirt',
    description: 'Soft, breathable and fairly made.',
    brand: 'Green Threads',
    categoryId,
    attributes: { material: 'cotton' },
    images: [{ url: 'https://img.example/front.jpg', altText: 'Front view', main: true }],
    skus: [sku()],
    ...overrides,
  };
}

/** Creates, submits and approves a product: it ends LISTED. */
export async function listedProduct(
  catalog: RunningService,
  token: string,
  body: Record<string, unknown>,
): Promise<ProductView> {
  const created = await request(catalog.url).post('/products').set('Authorization', token).send(body).expect(201);
  const submitted = await request(catalog.url)
    .post(`/products/${created.body.id}/submit`)
    .set('Authorization', token)
    .expect(200);
  if (submitted.body.status !== 'IN_REVIEW')
    throw new Error(`held by the checks: ${JSON.stringify(submitted.body.findings)}`);
  return (
    await request(catalog.url).post(`/products/${created.body.id}/approve`).set('Authorization', ops()).expect(200)
  ).body;
}
