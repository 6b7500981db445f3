import { OrderPlaced, Topics } from '@emporium/contracts';
import { eventMessage, eventually, integrationSuite, publishRaw } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { verifyQuote } from '../src/quotes/quote-token';
import { announceProduct, announceTier, created, customer, ops, quote, service, skuKnown } from './marketing.fixtures';
import { marketingRecipe } from './marketing.recipe';

const setup = { services: { marketing: marketingRecipe } };

integrationSuite(
  'marketing: quotes from its own read models (real PostgreSQL and Kafka)',
  setup,
  ({ marketing, run }) => {
    const merchant = randomUUID();
    const apparel = randomUUID();
    const SHIRT = `SHIRT-${run.id}`;
    const SOCKS = `SOCKS-${run.id}`;

    beforeAll(async () => {
      await announceProduct(run, merchant, apparel, [
        { sku: SHIRT, price: 1999 },
        { sku: SOCKS, price: 333 },
      ]);
      await skuKnown(marketing, SHIRT);
      await skuKnown(marketing, SOCKS);
    });

    it('prices from catalog events, shares a category promotion over the lines, signs a time-limited quote id', async () => {
      await created(marketing, '/promotions', {
        name: '10% apparel',
        type: 'PERCENT_OFF',
        percent: 10,
        currency: 'EUR',
        scope: { categories: [apparel] },
      });
      const q = await quote(marketing, service(), {
        currency: 'EUR',
        lines: [
          { sku: SHIRT, quantity: 2 },
          { sku: SOCKS, quantity: 3 },
        ],
        shippingFee: 490,
      });
      // 3998 + 999 = 4997; 10% = 499.7 -> 499 shared 3998:999 -> 399.2 / 99.8 -> 399 / 99, the 1 left to .8
      expect(q).toMatchObject({
        currency: 'EUR',
        lines: [
          { sku: SHIRT, quantity: 2, unitPrice: 1999, lineTotal: 3998, discount: 399 },
          { sku: SOCKS, quantity: 3, unitPrice: 333, lineTotal: 999, discount: 100 },
        ],
        subtotal: 4997,
        discountTotal: 499,
        shippingFee: 490,
        shippingDiscount: 0,
        total: 4988,
        couponCodes: [],
        promotions: [expect.objectContaining({ name: '10% apparel', discount: 499, couponCode: null })],
      });
      expect(q.quoteId).toMatch(/^q1\./);
      const verdict = verifyQuote(marketing.config.QUOTE_SIGNING_SECRET, q.quoteId, new Date());
      expect(verdict.ok).toBe(true);
      expect(Date.parse(q.expiresAt) - Date.now()).toBeGreaterThan(800_000);
    });

    const postQuote = (body: object) =>
      request(marketing.url).post('/quotes').set('Authorization', service()).send(body);

    it('a price in the request is refused (prices are the server’s)', async () => {
      const withPrice = await postQuote({ currency: 'EUR', lines: [{ sku: SHIRT, quantity: 1, unitPrice: 1 }] });
      expect(withPrice.status).toBe(400);
      expect(withPrice.body.errors).toEqual([expect.objectContaining({ field: 'lines.0.unitPrice' })]);
    });

    it('bad input is a 4xx naming the field: an unknown SKU, another currency, a zero quantity, no lines', async () => {
      const unknownSku = await postQuote({
        currency: 'EUR',
        lines: [
          { sku: SHIRT, quantity: 1 },
          { sku: 'NOPE-1', quantity: 1 },
        ],
      });
      expect(unknownSku.status).toBe(422);
      expect(unknownSku.body).toMatchObject({ code: 'UNKNOWN_SKU', errors: [{ field: 'lines.1.sku' }] });
      const wrongCurrency = await postQuote({ currency: 'USD', lines: [{ sku: SHIRT, quantity: 1 }] });
      expect(wrongCurrency.status).toBe(422);
      expect(wrongCurrency.body.errors[0].field).toBe('lines.0.sku');
      const zero = await postQuote({ currency: 'EUR', lines: [{ sku: SHIRT, quantity: 0 }] });
      expect(zero.status).toBe(400);
      expect(zero.body.errors[0].field).toBe('lines.0.quantity');
      expect((await postQuote({ currency: 'EUR', lines: [] })).body.errors[0].field).toBe('lines');
    });

    it('an unknown coupon is a 422 naming couponCodes.<i>; a known one unlocks its promotion', async () => {
      const promotion = await created(marketing, '/promotions', {
        name: '5 off with a code',
        type: 'THRESHOLD',
        tiers: [{ minSpend: 2000, amountOff: 500 }],
        currency: 'EUR',
        requiresCoupon: true,
        priority: 5,
        scope: { skus: [SHIRT] },
      });
      const code = `FIVE${run.id}`.toUpperCase().slice(0, 30);
      await created(marketing, '/coupons', { promotionId: promotion.id, code, totalCap: 10 });
      const unknown = await request(marketing.url)
        .post('/quotes')
        .set('Authorization', service())
        .send({ currency: 'EUR', lines: [{ sku: SHIRT, quantity: 2 }], couponCodes: [code, 'NOSUCHCODE'] });
      expect(unknown.status).toBe(422);
      expect(unknown.body).toMatchObject({ code: 'UNKNOWN_COUPON', errors: [{ field: 'couponCodes.1' }] });
      const q = await quote(marketing, service(), {
        currency: 'EUR',
        lines: [{ sku: SHIRT, quantity: 2 }],
        couponCodes: [code.toLowerCase()],
      });
      // the coupon's promotion first (priority 5): 500 off 3998, then 10% of 3498 = 349.8 -> 349
      expect(q.couponCodes).toEqual([code]);
      expect(q.discountTotal).toBe(849);
      expect(q.promotions.find((p: { couponCode: string | null }) => p.couponCode === code)).toMatchObject({
        discount: 500,
      });
    });

    it("a customer quotes for itself with its tier's discount; a service names the customer", async () => {
      const gold = randomUUID();
      await created(marketing, '/promotions', {
        name: 'tier discount on socks',
        type: 'TIER_DISCOUNT',
        currency: 'EUR',
        scope: { skus: [SOCKS] },
      });
      await announceTier(run, gold, 'GOLD', 5);
      const cart = { currency: 'EUR', lines: [{ sku: SOCKS, quantity: 30 }] };
      // 30 x 333 = 9990, both promotions priority 0 (so id order): 10% = 999 then 5% of 8991 = 449.55 -> 449,
      // or 5% = 499.5 -> 499 then 10% of 9491 = 949.1 -> 949: 1448 either way.
      const mine = await eventually(
        async () => {
          const q = await quote(marketing, customer(gold), { ...cart, customerId: randomUUID() });
          return q.promotions.length === 2 ? q : undefined;
        },
        30_000,
        'the tier in the read model',
      );
      expect(mine.discountTotal).toBe(1448);
      const claims = verifyQuote(marketing.config.QUOTE_SIGNING_SECRET, mine.quoteId, new Date());
      expect(claims.ok && claims.claims.u).toBe(gold);
      const forGold = await quote(marketing, service(), { ...cart, customerId: gold });
      expect(forGold.discountTotal).toBe(mine.discountTotal);
      const anonymous = await quote(marketing, service(), cart);
      expect(anonymous.discountTotal).toBe(999);
    });

    it('a new-customer offer stops once orders says the customer has ordered (the order-history read model)', async () => {
      await created(marketing, '/promotions', {
        name: 'welcome',
        type: 'NEW_CUSTOMER',
        amountOff: 250,
        minSpend: 1000,
        currency: 'EUR',
        scope: { skus: [SHIRT] },
      });
      const newcomer = randomUUID();
      const cart = { currency: 'EUR', lines: [{ sku: SHIRT, quantity: 1 }] };
      // 10% apparel (199.9 -> 199) and 2.50 welcome, in either order: 199 + 250, or 250 then 10% of 1749 = 174.9 -> 174
      const first = await quote(marketing, customer(newcomer), cart);
      expect(first.promotions.map((p: { name: string }) => p.name).sort()).toEqual(['10% apparel', 'welcome']);
      expect([449, 424]).toContain(first.discountTotal);
      await publishRaw(run.topicPrefix + Topics.ordersOrder, [
        eventMessage(OrderPlaced, {
          orderId: randomUUID(),
          customerId: newcomer,
          currency: 'EUR',
          lines: [{ sku: SHIRT, quantity: 1, unitPrice: 1999, lineTotal: 1999 }],
          totalAmount: 1999,
          placedAt: new Date(Date.now() - 1000).toISOString(),
        }),
      ]);
      const later = await eventually(
        async () => {
          const q = await quote(marketing, customer(newcomer), cart);
          return q.promotions.length === 1 ? q : undefined;
        },
        30_000,
        'the order in the history',
      );
      expect(later).toMatchObject({ discountTotal: 199, promotions: [{ name: '10% apparel' }] });
    });

    it('only ops manage promotions; customers and services quote', async () => {
      const asCustomer = await request(marketing.url)
        .post('/promotions')
        .set('Authorization', customer(randomUUID()))
        .send({ name: 'x', type: 'PERCENT_OFF', percent: 5, currency: 'EUR' });
      expect(asCustomer.status).toBe(403);
      const missing = await request(marketing.url)
        .post('/promotions')
        .set('Authorization', ops())
        .send({ name: 'x', type: 'FLASH_SALE', currency: 'EUR' });
      expect(missing.status).toBe(422);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'sku',
        'salePrice',
        'totalCap',
        'perCustomerCap',
        'startsAt',
        'endsAt',
      ]);
      const merchantQuote = await request(marketing.url)
        .post('/quotes')
        .set('Authorization', ops())
        .send({ currency: 'EUR', lines: [{ sku: SOCKS, quantity: 1 }] });
      expect(merchantQuote.status).toBe(403);
    });
  },
);
