import {
  MerchantApproved,
  MerchantDocumentExpiring,
  MerchantRegistered,
  MerchantReinstated,
  MerchantRejected,
  MerchantSuspended,
  Topics,
} from '@emporium/contracts';
import { integrationSuite, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { registration } from './fixtures';
import { merchantsRecipe } from './merchants.recipe';

/** Request and response bodies, deliberately untyped: the tests send malformed ones on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const setup = {
  services: {
    merchants: { recipe: merchantsRecipe, env: { DOCUMENT_SWEEP_MS: '200', DOCUMENT_EXPIRY_WARNING_DAYS: '14' } },
  },
  read: [Topics.merchantsMerchant],
};

integrationSuite('merchants API (real PostgreSQL and Kafka)', setup, ({ merchants, reader }) => {
  const opsSubject = `ops-${randomUUID()}`;
  const ops = `Bearer ${tokenFor('ops', opsSubject)}`;

  const register = async (body = registration()) => {
    const user = randomUUID();
    const response = await request(merchants.url)
      .post('/merchants')
      .set('Authorization', `Bearer ${tokenFor('merchant', user)}`)
      .send(body)
      .expect(201);
    return {
      id: response.body.id as string,
      user,
      body: response.body,
      token: `Bearer ${tokenFor('merchant', user, { merchantId: response.body.id })}`,
    };
  };
  const decide = (id: string, action: string, body: object = {}) =>
    request(merchants.url).post(`/merchants/${id}/${action}`).set('Authorization', ops).send(body);
  const eventOf = (type: string, merchantId: string) =>
    reader.waitFor((m) => m.headers.ce_type === type && m.json?.merchantId === merchantId).then(([m]) => m);

  it('registers a merchant as PENDING_REVIEW and publishes merchants.merchant.registered, keyed by its id', async () => {
    const merchant = await register();
    expect(merchant.body).toMatchObject({
      status: 'PENDING_REVIEW',
      legalName: 'Green Threads GmbH',
      documents: [{ type: 'BUSINESS_LICENCE', expiresOn: '2099-12-31' }],
    });
    const event = await eventOf(MerchantRegistered.type, merchant.id);
    expect(event.key).toBe(merchant.id);
    expect(event.json).toMatchObject({
      status: 'PENDING_REVIEW',
      registeredBy: merchant.user,
      documents: [{ number: 'HRB-123456' }],
    });
  });

  it('puts a new registration in the review queue', async () => {
    const merchant = await register();
    const queue = await request(merchants.url)
      .get('/merchants?status=PENDING_REVIEW&limit=100')
      .set('Authorization', ops)
      .expect(200);
    expect(queue.body.items.map((m: { id: string }) => m.id)).toContain(merchant.id);
  });

  it('pages through the review queue with a cursor', async () => {
    for (let i = 0; i < 3; i += 1) await register();
    const first = await request(merchants.url)
      .get('/merchants?status=PENDING_REVIEW&limit=2')
      .set('Authorization', ops)
      .expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await request(merchants.url)
      .get(`/merchants?status=PENDING_REVIEW&limit=2&cursor=${first.body.nextCursor}`)
      .set('Authorization', ops)
      .expect(200);
    expect(second.body.items.length).toBeGreaterThan(0);
    const ids = [...first.body.items, ...second.body.items].map((m: { id: string }) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('answers a malformed cursor with 400', async () => {
    await request(merchants.url).get('/merchants?cursor=garbage').set('Authorization', ops).expect(400);
  });

  describe('bad input is a 400 naming the field', () => {
    it.each([
      ['a missing legal name', ({ legalName: _l, ...rest }: Json) => rest, 'legalName'],
      ['a bad email', (b: Json) => ({ ...b, contactEmail: 'not-an-email' }), 'contactEmail'],
      ['no documents', (b: Json) => ({ ...b, documents: [] }), 'documents'],
      [
        'a document with a bad date',
        (b: Json) => ({ ...b, documents: [{ ...b.documents[0], expiresOn: '31/12/2099' }] }),
        'documents.0.expiresOn',
      ],
      [
        'an expired document',
        (b: Json) => ({ ...b, documents: [{ ...b.documents[0], expiresOn: '2001-01-01' }] }),
        'documents.0.expiresOn',
      ],
      ['an unknown field', (b: Json) => ({ ...b, score: 100 }), 'score'],
    ])('%s', async (_name, mutate, field) => {
      const response = await request(merchants.url)
        .post('/merchants')
        .set('Authorization', `Bearer ${tokenFor('merchant')}`)
        .send(mutate(registration()))
        .expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });

  it('lets one user register one merchant (409 for a second)', async () => {
    const user = randomUUID();
    await request(merchants.url)
      .post('/merchants')
      .set('Authorization', `Bearer ${tokenFor('merchant', user)}`)
      .send(registration())
      .expect(201);
    const again = await request(merchants.url)
      .post('/merchants')
      .set('Authorization', `Bearer ${tokenFor('merchant', user)}`)
      .send(registration())
      .expect(409);
    expect(again.body.code).toBe('MERCHANT_ALREADY_REGISTERED');
  });

  it('approves with an audit entry and publishes merchants.merchant.approved', async () => {
    const merchant = await register();
    const approved = await decide(merchant.id, 'approve').expect(200);
    expect(approved.body.status).toBe('APPROVED');
    expect(approved.body.audit.at(-1)).toMatchObject({ action: 'APPROVED', actor: opsSubject, at: expect.any(String) });
    expect((await eventOf(MerchantApproved.type, merchant.id)).json).toMatchObject({
      status: 'APPROVED',
      actor: opsSubject,
    });
  });

  it('refuses to approve twice with a stable code', async () => {
    const merchant = await register();
    await decide(merchant.id, 'approve').expect(200);
    const again = await decide(merchant.id, 'approve').expect(409);
    expect(again.body).toMatchObject({ code: 'ILLEGAL_MERCHANT_TRANSITION', from: 'APPROVED', to: 'APPROVED' });
  });

  it('requires a reason to reject (400 naming only that field)', async () => {
    const merchant = await register();
    const missing = await decide(merchant.id, 'reject').expect(400);
    expect(new Set(missing.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['reason']));
  });

  it('rejects with a reason, audited and published', async () => {
    const merchant = await register();
    const rejected = await decide(merchant.id, 'reject', { reason: 'licence not in the registry' }).expect(200);
    expect(rejected.body.audit.at(-1)).toMatchObject({
      action: 'REJECTED',
      actor: opsSubject,
      reason: 'licence not in the registry',
    });
    expect((await eventOf(MerchantRejected.type, merchant.id)).json).toMatchObject({
      status: 'REJECTED',
      reason: 'licence not in the registry',
    });
  });

  it('refuses to approve a rejected merchant', async () => {
    const merchant = await register();
    await decide(merchant.id, 'reject', { reason: 'licence not in the registry' }).expect(200);
    expect((await decide(merchant.id, 'approve').expect(409)).body.code).toBe('ILLEGAL_MERCHANT_TRANSITION');
  });

  const suspended = async () => {
    const merchant = await register();
    await decide(merchant.id, 'approve').expect(200);
    await decide(merchant.id, 'suspend', { reason: 'counterfeit goods reported' }).expect(200);
    return merchant;
  };

  it('suspends with a reason and publishes who decided it', async () => {
    const merchant = await suspended();
    expect((await eventOf(MerchantSuspended.type, merchant.id)).json).toMatchObject({
      status: 'SUSPENDED',
      cause: 'OPS_DECISION',
      reason: 'counterfeit goods reported',
      actor: opsSubject,
    });
  });

  it('reinstates a suspended merchant with a reason', async () => {
    const merchant = await suspended();
    await decide(merchant.id, 'reinstate', { reason: 'report was false' }).expect(200);
    expect((await eventOf(MerchantReinstated.type, merchant.id)).json).toMatchObject({
      status: 'APPROVED',
      reason: 'report was false',
    });
  });

  it('refuses to reinstate a merchant that is not suspended', async () => {
    const merchant = await register();
    await decide(merchant.id, 'approve').expect(200);
    expect((await decide(merchant.id, 'reinstate', { reason: 'again' }).expect(409)).body.code).toBe(
      'ILLEGAL_MERCHANT_TRANSITION',
    );
  });

  describe('who may read and decide', () => {
    it('lets a merchant read its own record', async () => {
      const mine = await register();
      await request(merchants.url).get(`/merchants/${mine.id}`).set('Authorization', mine.token).expect(200);
    });

    it('recognises the registering user by subject before its tokens carry merchantId', async () => {
      const mine = await register();
      await request(merchants.url)
        .get(`/merchants/${mine.id}`)
        .set('Authorization', `Bearer ${tokenFor('merchant', mine.user)}`)
        .expect(200);
    });

    it("refuses a merchant another merchant's record (403)", async () => {
      const [mine, theirs] = [await register(), await register()];
      await request(merchants.url).get(`/merchants/${theirs.id}`).set('Authorization', mine.token).expect(403);
    });

    it('lets only ops decide, list the queue and read scores (403 for a merchant)', async () => {
      const mine = await register();
      await request(merchants.url).post(`/merchants/${mine.id}/approve`).set('Authorization', mine.token).expect(403);
      await request(merchants.url).get('/merchants').set('Authorization', mine.token).expect(403);
      await request(merchants.url).get(`/merchants/${mine.id}/score`).set('Authorization', mine.token).expect(403);
    });

    it('answers 401 without a token and 404 for an unknown merchant', async () => {
      const mine = await register();
      await request(merchants.url).get(`/merchants/${mine.id}`).expect(401);
      await request(merchants.url).get(`/merchants/${randomUUID()}`).set('Authorization', ops).expect(404);
    });
  });

  describe('document expiry', () => {
    const approved = async () => {
      const merchant = await register();
      await decide(merchant.id, 'approve').expect(200);
      return merchant;
    };
    const expire = (merchantId: string) =>
      merchants.dataSource.query(`UPDATE merchant_documents SET expires_on = current_date - 1 WHERE merchant_id = $1`, [
        merchantId,
      ]);
    const warnings = (merchantId: string) =>
      reader.ofType(MerchantDocumentExpiring.type).filter((m) => m.json.merchantId === merchantId);

    it('warns once before a document expires', async () => {
      const merchant = await approved();
      const soon = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
      await merchants.dataSource.query(`UPDATE merchant_documents SET expires_on = $2 WHERE merchant_id = $1`, [
        merchant.id,
        soon,
      ]);
      const warning = await eventOf(MerchantDocumentExpiring.type, merchant.id);
      expect(warning.json).toMatchObject({ type: 'BUSINESS_LICENCE', expiresOn: soon, daysLeft: 5 });
      // The sweep keeps running (every 200 ms): later sweeps do not warn again.
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(warnings(merchant.id)).toHaveLength(1);
    });

    it('suspends an approved merchant when a document has expired', async () => {
      const merchant = await approved();
      await expire(merchant.id);
      const suspension = await eventOf(MerchantSuspended.type, merchant.id);
      expect(suspension.json).toMatchObject({
        cause: 'DOCUMENT_EXPIRED',
        actor: 'system',
        reason: expect.stringContaining('BUSINESS_LICENCE HRB-123456 expired'),
      });
    });

    it('refuses to reinstate while the papers are expired', async () => {
      const merchant = await approved();
      await expire(merchant.id);
      await eventOf(MerchantSuspended.type, merchant.id);
      const refused = await decide(merchant.id, 'reinstate', { reason: 'renewed' }).expect(409);
      expect(refused.body.code).toBe('DOCUMENT_EXPIRED');
    });

    it('reinstates with a renewed document, and the sweep keeps the merchant approved', async () => {
      const merchant = await approved();
      await expire(merchant.id);
      await eventOf(MerchantSuspended.type, merchant.id);
      const renewed = {
        type: 'BUSINESS_LICENCE',
        number: 'HRB-123456-R',
        issuer: 'Amtsgericht Berlin',
        expiresOn: '2099-12-31',
        url: 'https://files.example/renewed.pdf',
      };
      await request(merchants.url)
        .post(`/merchants/${merchant.id}/documents`)
        .set('Authorization', merchant.token)
        .send(renewed)
        .expect(201);
      await decide(merchant.id, 'reinstate', { reason: 'renewed licence checked' }).expect(200);
      await new Promise((resolve) => setTimeout(resolve, 600));
      const after = await request(merchants.url).get(`/merchants/${merchant.id}`).set('Authorization', ops).expect(200);
      expect(after.body.status).toBe('APPROVED');
      expect(after.body.audit.map((entry: { action: string }) => entry.action)).toEqual([
        'REGISTERED',
        'APPROVED',
        'SUSPENDED',
        'DOCUMENT_ADDED',
        'REINSTATED',
      ]);
    });
  });

  it('serves health', async () => {
    await request(merchants.url).get('/health/ready').expect(200);
  });

  it('serves the OpenAPI document with its routes', async () => {
    const openApi = await request(merchants.url).get('/docs-json').set('Authorization', ops).expect(200);
    expect(Object.keys(openApi.body.paths)).toEqual(
      expect.arrayContaining(['/merchants', '/merchants/{id}', '/merchants/{id}/approve', '/merchants/{id}/score']),
    );
  });
});
