import { OrderPlaced, Topics } from '@emporium/contracts';
import { DataRetention } from '@emporium/platform';
import { integrationSuite, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { checkout, delistProduct, HAMBURG, listSkus, suspendMerchant } from './orders.fixtures';
import { ordersRecipe } from './orders.recipe';

const setup = { services: { orders: ordersRecipe }, read: [Topics.ordersOrder] };

integrationSuite('orders API (real PostgreSQL and Kafka)', setup, ({ orders, reader, run }) => {
  const customerId = randomUUID();
  const customer = `Bearer ${tokenFor('customer', customerId)}`;
  const validOrder = () => checkout(customerId, [{ sku: 'MUG-01', quantity: 2 }]);
  let mugMerchant: string;

  beforeAll(async () => {
    ({ merchantId: mugMerchant } = await listSkus(run, orders, [{ sku: 'MUG-01', price: 1250 }]));
  });

  const countRows = async (table: string) =>
    Number((await orders.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const outboxSequence = async () =>
    (await orders.dataSource.query(`SELECT last_value, is_called FROM messaging_outbox_seq_seq`))[0];

  it('places a PENDING order and publishes orders.order.placed through the outbox', async () => {
    const response = await request(orders.url)
      .post('/orders')
      .set('Authorization', customer)
      .set('Idempotency-Key', randomUUID())
      .send(validOrder())
      .expect(201);
    expect(response.body).toMatchObject({
      status: 'PENDING',
      totalAmount: 2500,
      currency: 'EUR',
      timeline: [{ status: 'PENDING' }],
    });
    const [message] = await reader.waitFor(
      (m) => m.headers.ce_type === OrderPlaced.type && m.json?.orderId === response.body.id,
    );
    expect(message.key).toBe(response.body.id);
    expect(message.json).toMatchObject({
      customerId,
      totalAmount: 2500,
      amountToPay: 2500,
      shippingAddress: HAMBURG,
      shippingRegion: 'EU-DE',
      deliveryOption: 'STANDARD',
      // orders tested alone (no LOGISTICS_URL): no fee and no quote, documented in the README.
      shippingFee: 0,
      lines: [{ sku: 'MUG-01', quantity: 2, unitPrice: 1250, lineTotal: 2500, merchantId: mugMerchant }],
    });
    expect(message.json.shippingQuoteId).toBeUndefined();
  });

  describe('the price, the SKU and the merchant are the server’s: refused lines write nothing', () => {
    beforeAll(async () => {
      await listSkus(run, orders, [{ sku: 'USD-ONLY', price: 900, currency: 'USD' }]);
      await listSkus(run, orders, [{ sku: 'DRAFT-1', price: 500 }], { listed: false });
      const delisted = await listSkus(run, orders, [{ sku: 'GONE-1', price: 500 }]);
      await delistProduct(run, orders, delisted.productId, delisted.merchantId);
      const suspended = await listSkus(run, orders, [{ sku: 'SUSP-1', price: 500 }]);
      await suspendMerchant(run, orders, suspended.merchantId);
    });

    const refused = async (body: object, status: number) => {
      const ordersBefore = await countRows('orders');
      const outboxBefore = await outboxSequence();
      const response = await request(orders.url)
        .post('/orders')
        .set('Authorization', customer)
        .set('Idempotency-Key', randomUUID())
        .send(body)
        .expect(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await countRows('orders')).toBe(ordersBefore);
      expect(await outboxSequence()).toEqual(outboxBefore);
      return response.body;
    };

    it('a client-sent unitPrice is an unknown field (400)', async () => {
      const body = await refused({ ...validOrder(), lines: [{ sku: 'MUG-01', quantity: 2, unitPrice: 0 }] }, 400);
      expect(body.errors).toEqual([expect.objectContaining({ field: 'lines.0.unitPrice' })]);
    });

    it.each([
      ['an unknown SKU (only inventory knows it)', 'NOPE-1', 'UNKNOWN_SKU'],
      ['a draft product', 'DRAFT-1', 'SKU_NOT_LISTED'],
      ['a delisted product', 'GONE-1', 'SKU_NOT_LISTED'],
      ['a suspended merchant’s SKU', 'SUSP-1', 'MERCHANT_SUSPENDED'],
      ['a SKU sold in another currency', 'USD-ONLY', 'CURRENCY_MISMATCH'],
    ])('%s is a 422 naming the line', async (_name, sku, code) => {
      const body = await refused(
        checkout(customerId, [
          { sku: 'MUG-01', quantity: 1 },
          { sku, quantity: 1 },
        ]),
        422,
      );
      expect(body).toMatchObject({
        status: 422,
        code,
        errors: [expect.objectContaining({ field: 'lines.1.sku', code })],
      });
    });

    it('two lines of one SKU are refused, not merged (400 naming the second)', async () => {
      const body = await refused(
        checkout(customerId, [
          { sku: 'MUG-01', quantity: 1 },
          { sku: 'MUG-01', quantity: 1 },
        ]),
        400,
      );
      expect(body.errors).toEqual([expect.objectContaining({ field: 'lines.1.sku' })]);
    });

    it('a price change in catalog is the price of the next order', async () => {
      await listSkus(run, orders, [{ sku: 'MUG-01', price: 1300, merchantId: mugMerchant }]);
      const placed = await request(orders.url)
        .post('/orders')
        .set('Authorization', customer)
        .set('Idempotency-Key', randomUUID())
        .send(validOrder())
        .expect(201);
      expect(placed.body).toMatchObject({ totalAmount: 2600, lines: [{ unitPrice: 1300 }] });
      await listSkus(run, orders, [{ sku: 'MUG-01', price: 1250, merchantId: mugMerchant }]);
    });
  });

  it('returns the same order for the same Idempotency-Key, and creates it once', async () => {
    const key = randomUUID();
    const before = await countRows('orders');
    const first = await request(orders.url)
      .post('/orders')
      .set('Authorization', customer)
      .set('Idempotency-Key', key)
      .send(validOrder())
      .expect(201);
    const second = await request(orders.url)
      .post('/orders')
      .set('Authorization', customer)
      .set('Idempotency-Key', key)
      .send(validOrder())
      .expect(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await countRows('orders')).toBe(before + 1);
    await reader.waitFor((m) => m.headers.ce_type === OrderPlaced.type && m.json?.orderId === first.body.id);
    // A later order's event behind it proves nothing else for the first one is still on its way.
    const later = await request(orders.url)
      .post('/orders')
      .set('Authorization', customer)
      .set('Idempotency-Key', randomUUID())
      .send(validOrder())
      .expect(201);
    await reader.waitFor((m) => m.headers.ce_type === OrderPlaced.type && m.json?.orderId === later.body.id);
    expect(
      reader.messages.filter((m) => m.headers.ce_type === OrderPlaced.type && m.json?.orderId === first.body.id),
    ).toHaveLength(1);
  });

  it('creates one order when the same key arrives concurrently', async () => {
    const key = randomUUID();
    const before = await countRows('orders');
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        request(orders.url)
          .post('/orders')
          .set('Authorization', customer)
          .set('Idempotency-Key', key)
          .send(validOrder()),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await countRows('orders')).toBe(before + 1);
  });

  it('refuses a reused Idempotency-Key with a different body (422)', async () => {
    const key = randomUUID();
    await request(orders.url)
      .post('/orders')
      .set('Authorization', customer)
      .set('Idempotency-Key', key)
      .send(validOrder())
      .expect(201);
    const reused = await request(orders.url)
      .post('/orders')
      .set('Authorization', customer)
      .set('Idempotency-Key', key)
      .send({ ...validOrder(), currency: 'USD' })
      .expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  describe('bad input is a 400 problem+json naming the field, and writes nothing', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each case reshapes the request body freely
    const cases: [string, (body: any) => any, string][] = [
      ['a negative quantity', (b) => ({ ...b, lines: [{ ...b.lines[0], quantity: -1 }] }), 'lines.0.quantity'],
      ['a missing field', ({ currency: _currency, ...rest }) => rest, 'currency'],
      ['an unknown field', (b) => ({ ...b, discountCode: 'FREE' }), 'discountCode'],
      [
        'an unknown field inside a line',
        (b) => ({ ...b, lines: [{ ...b.lines[0], colour: 'red' }] }),
        'lines.0.colour',
      ],
      ['an empty line list', (b) => ({ ...b, lines: [] }), 'lines'],
      ['a missing address', ({ shippingAddress: _address, ...rest }) => rest, 'shippingAddress'],
      [
        'a bad country',
        (b) => ({ ...b, shippingAddress: { ...b.shippingAddress, country: 'XX' } }),
        'shippingAddress.country',
      ],
      ['an unknown delivery option', (b) => ({ ...b, deliveryOption: 'TELEPORT' }), 'deliveryOption'],
    ];
    it.each(cases)('%s', async (_name, mutate, field) => {
      const ordersBefore = await countRows('orders');
      // The relay deletes rows as it sends them: the sequence says whether anything was ever written.
      const outboxBefore = await outboxSequence();
      const response = await request(orders.url)
        .post('/orders')
        .set('Authorization', customer)
        .set('Idempotency-Key', randomUUID())
        .send(mutate(validOrder()))
        .expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
        type: expect.any(String),
        title: expect.any(String),
      });
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await countRows('orders')).toBe(ordersBefore);
      expect(await outboxSequence()).toEqual(outboxBefore);
      expect(await countRows('idempotency_keys WHERE status_code IS NULL')).toBe(0);
    });

    it('a missing Idempotency-Key header', async () => {
      const response = await request(orders.url)
        .post('/orders')
        .set('Authorization', customer)
        .send(validOrder())
        .expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    });

    it('a body that is not JSON', async () => {
      const response = await request(orders.url)
        .post('/orders')
        .set('Authorization', customer)
        .set('Idempotency-Key', randomUUID())
        .set('Content-Type', 'application/json')
        .send('{"customerId": ')
        .expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
    });
  });

  it('requires a bearer token (401)', async () => {
    await request(orders.url).post('/orders').send(validOrder()).expect(401);
  });

  it('lets a customer see only its own orders (404 for others; ops see all)', async () => {
    const placed = await request(orders.url)
      .post('/orders')
      .set('Authorization', customer)
      .set('Idempotency-Key', randomUUID())
      .send(validOrder())
      .expect(201);
    await request(orders.url).get(`/orders/${placed.body.id}`).set('Authorization', customer).expect(200);
    await request(orders.url)
      .get(`/orders/${placed.body.id}`)
      .set('Authorization', `Bearer ${tokenFor('customer')}`)
      .expect(404);
    await request(orders.url)
      .get(`/orders/${placed.body.id}`)
      .set('Authorization', `Bearer ${tokenFor('ops')}`)
      .expect(200);
  });

  it('refuses a customer placing an order for another customer (403)', async () => {
    await request(orders.url)
      .post('/orders')
      .set('Authorization', `Bearer ${tokenFor('customer')}`)
      .set('Idempotency-Key', randomUUID())
      .send(validOrder())
      .expect(403);
  });

  it('lists a customer’s own orders newest first, a page at a time', async () => {
    const shopper = randomUUID();
    const token = `Bearer ${tokenFor('customer', shopper)}`;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const placed = await request(orders.url)
        .post('/orders')
        .set('Authorization', token)
        .set('Idempotency-Key', randomUUID())
        .send(checkout(shopper, [{ sku: 'MUG-01', quantity: 1 }]))
        .expect(201);
      ids.unshift(placed.body.id);
    }
    const first = await request(orders.url).get('/orders').query({ limit: 2 }).set('Authorization', token).expect(200);
    expect(first.body.items.map((o: { id: string }) => o.id)).toEqual(ids.slice(0, 2));
    const second = await request(orders.url)
      .get('/orders')
      .query({ limit: 2, cursor: first.body.nextCursor })
      .set('Authorization', token)
      .expect(200);
    expect(second.body).toEqual({
      items: [expect.objectContaining({ id: ids[2], customerId: shopper })],
      nextCursor: null,
    });
    // Asking for someone else's orders still shows only one's own.
    const sneaky = await request(orders.url)
      .get('/orders')
      .query({ customerId })
      .set('Authorization', token)
      .expect(200);
    expect(sneaky.body.items.every((o: { customerId: string }) => o.customerId === shopper)).toBe(true);
    const byOps = await request(orders.url)
      .get('/orders')
      .query({ customerId: shopper })
      .set('Authorization', `Bearer ${tokenFor('ops')}`)
      .expect(200);
    expect(byOps.body.items).toHaveLength(3);
    const bad = await request(orders.url)
      .get('/orders')
      .query({ cursor: 'nonsense' })
      .set('Authorization', token)
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('forgets idempotency keys and inbox entries only after their retention', async () => {
    await orders.dataSource.query(
      `INSERT INTO idempotency_keys (scope, key, fingerprint, created_at) VALUES ('t', 'old', 'f', now() - interval '25 hours'), ('t', 'recent', 'f', now() - interval '23 hours')`,
    );
    await orders.dataSource.query(
      `INSERT INTO messaging_inbox (consumer, event_id, event_type, processed_at) VALUES ('orders', $1, 'x', now() - interval '31 days'), ('orders', $2, 'x', now() - interval '29 days')`,
      [randomUUID(), randomUUID()],
    );
    expect(await orders.app.get(DataRetention).removeExpired()).toEqual({ idempotencyKeys: 1, inboxEntries: 1 });
    expect(await orders.dataSource.query(`SELECT key FROM idempotency_keys WHERE scope = 't'`)).toEqual([
      { key: 'recent' },
    ]);
  });

  it('serves health, metrics and the OpenAPI document', async () => {
    await request(orders.url).get('/health/live').expect(200);
    const ready = await request(orders.url).get('/health/ready').expect(200);
    expect(ready.body.checks).toEqual({ database: { status: 'up' }, broker: { status: 'up' } });
    const metrics = await request(orders.url)
      .get('/metrics')
      .set('Authorization', `Bearer ${tokenFor('service', 'prometheus')}`)
      .expect(200);
    expect(metrics.text).toContain('emporium_outbox_backlog');
    expect(metrics.text).toContain('http_server_request_duration_seconds');
    expect(metrics.text).toMatch(/emporium_orders_total\{status="PENDING",reason="",service="orders"\} \d+/);
    const openApi = await request(orders.url)
      .get('/docs-json')
      .set('Authorization', `Bearer ${tokenFor('ops')}`)
      .expect(200);
    expect(Object.keys(openApi.body.paths)).toEqual(expect.arrayContaining(['/orders', '/orders/{id}']));
  });
});
