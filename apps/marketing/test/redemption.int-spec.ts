import {
  CouponIssued,
  CouponRedemptionFailed,
  CouponsRedeemed,
  CouponsRestored,
  DomainEvent,
  OrderPlaced,
  OrderPlacedV1,
  PromotionStopped,
  Topics,
} from '@emporium/contracts';
import { eventMessage, eventually, integrationSuite, publishRaw } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { RedemptionService } from '../src/coupons/redemption.service';
import { signQuote } from '../src/quotes/quote-token';
import {
  announceProduct,
  compensationMessage,
  created,
  customer,
  ops,
  placedFrom,
  publishCancelled,
  publishPlaced,
  publishRefunded,
  quote,
  service,
  skuKnown,
  topics,
} from './marketing.fixtures';
import { marketingRecipe } from './marketing.recipe';

const setup = {
  services: { marketing: marketingRecipe },
  read: [Topics.marketingCoupon, Topics.marketingPromotion],
};

integrationSuite(
  'marketing: coupon redemption, caps under concurrency, restoration (real PostgreSQL and Kafka)',
  setup,
  ({ marketing, reader, run }) => {
    const t = topics(run);
    const merchant = randomUUID();
    const category = randomUUID();
    const LAMP = `LAMP-${run.id}`;
    const MUG = `MUG-${run.id}`;
    const TEA = `TEA-${run.id}`;

    beforeAll(async () => {
      await announceProduct(run, merchant, category, [
        { sku: LAMP, price: 4990 },
        { sku: MUG, price: 1200 },
        { sku: TEA, price: 800 },
      ]);
      await Promise.all([LAMP, MUG, TEA].map((sku) => skuKnown(marketing, sku)));
    });

    const couponOf = async (code: string) =>
      (await request(marketing.url).get(`/coupons/${code}`).set('Authorization', ops()).expect(200)).body;
    const answerFor = (orderId: string) =>
      reader.waitFor(
        (m) =>
          (m.headers.ce_type === CouponsRedeemed.type || m.headers.ce_type === CouponRedemptionFailed.type) &&
          m.key === orderId,
      );

    /** A coupon promotion on one SKU, and a code with caps. */
    async function couponFor(
      sku: string,
      amountOff: number,
      caps: { totalCap?: number; perCustomerCap?: number },
      extra: object = {},
    ) {
      const promotion = await created(marketing, '/promotions', {
        name: `${amountOff} off ${sku}`,
        type: 'THRESHOLD',
        tiers: [{ minSpend: 0, amountOff }],
        currency: 'EUR',
        requiresCoupon: true,
        scope: { skus: [sku] },
        ...extra,
      });
      const coupon = await created(marketing, '/coupons', { promotionId: promotion.id, ...caps });
      return { promotion, code: coupon.code as string };
    }

    /** The service method in parallel transactions: what the consumer runs, without a partition serialising the calls. */
    function redeemConcurrently(orders: OrderPlacedV1[]) {
      const redemption = marketing.app.get(RedemptionService);
      return Promise.all(
        orders.map((data) =>
          marketing.dataSource.transaction((manager) =>
            redemption.onOrderPlaced(
              {
                metadata: {
                  id: randomUUID(),
                  type: OrderPlaced.type,
                  source: '/emporium/test',
                  time: new Date().toISOString(),
                  subject: data.orderId,
                },
                data,
              } as DomainEvent<OrderPlacedV1>,
              manager,
            ),
          ),
        ),
      );
    }

    it('placed with a quote and a coupon -> redeemed; cancelled (v2) -> restored once, the coupon counts again', async () => {
      const { code } = await couponFor(MUG, 300, { totalCap: 5, perCustomerCap: 1 });
      const buyer = randomUUID();
      const q = await quote(marketing, customer(buyer), {
        currency: 'EUR',
        lines: [{ sku: MUG, quantity: 2 }],
        couponCodes: [code],
      });
      expect(q).toMatchObject({ subtotal: 2400, discountTotal: 300, total: 2100, lines: [{ discount: 300 }] });
      const placed = placedFrom(q, buyer);
      await publishPlaced(run, placed);
      const [answer] = await answerFor(placed.orderId);
      expect(answer.headers.ce_type).toBe(CouponsRedeemed.type);
      expect(answer.json).toMatchObject({
        orderId: placed.orderId,
        customerId: buyer,
        couponCodes: [code],
        discount: 300,
        currency: 'EUR',
      });
      expect(await couponOf(code)).toMatchObject({ redeemed: 1 });

      // per-customer cap 1: a new quote says so; an order placed on a quote taken before the first redemption fails
      const refusedQuote = await request(marketing.url)
        .post('/quotes')
        .set('Authorization', customer(buyer))
        .send({ currency: 'EUR', lines: [{ sku: MUG, quantity: 1 }], couponCodes: [code] });
      expect(refusedQuote.status).toBe(422);
      expect(refusedQuote.body.errors).toEqual([
        { field: 'couponCodes.0', message: expect.stringContaining('CUSTOMER_CAP_REACHED') },
      ]);
      const again = placedFrom(q, buyer);
      await publishPlaced(run, again);
      expect((await answerFor(again.orderId))[0].json).toMatchObject({
        reason: 'CUSTOMER_CAP_REACHED',
        couponCode: code,
      });

      await publishCancelled(run, placed);
      await publishCancelled(run, placed); // delivered twice (a new event id): restored once
      const [restored] = await reader.waitFor(
        (m) => m.headers.ce_type === CouponsRestored.type && m.key === placed.orderId,
      );
      expect(restored.json).toMatchObject({ couponCodes: [code], discount: 300, reason: 'ORDER_CANCELLED' });
      await eventually(async () => (await couponOf(code)).redeemed === 0, 20_000, 'the coupon restored');
      // the customer may use it again
      const third = placedFrom(
        await quote(marketing, customer(buyer), {
          currency: 'EUR',
          lines: [{ sku: MUG, quantity: 1 }],
          couponCodes: [code],
        }),
        buyer,
      );
      await publishPlaced(run, third);
      expect((await answerFor(third.orderId))[0].headers.ce_type).toBe(CouponsRedeemed.type);
      expect(reader.ofType(CouponsRestored.type).filter((m) => m.key === placed.orderId)).toHaveLength(1);
    });

    it('a full refund restores the coupon; a partial one does not', async () => {
      const { code } = await couponFor(TEA, 100, { totalCap: 10 });
      const buyer = randomUUID();
      const first = placedFrom(
        await quote(marketing, customer(buyer), {
          currency: 'EUR',
          lines: [{ sku: TEA, quantity: 2 }],
          couponCodes: [code],
        }),
        buyer,
      );
      const second = placedFrom(
        await quote(marketing, customer(buyer), {
          currency: 'EUR',
          lines: [{ sku: TEA, quantity: 1 }],
          couponCodes: [code],
        }),
        buyer,
      );
      await publishPlaced(run, first);
      await publishPlaced(run, second);
      await answerFor(first.orderId);
      await answerFor(second.orderId);
      expect(await couponOf(code)).toMatchObject({ redeemed: 2 });
      await publishRefunded(run, first, false);
      await publishRefunded(run, second, true);
      const [restored] = await reader.waitFor(
        (m) => m.headers.ce_type === CouponsRestored.type && m.key === second.orderId,
      );
      expect(restored.json).toMatchObject({ reason: 'ORDER_REFUNDED', couponCodes: [code] });
      expect(await couponOf(code)).toMatchObject({ redeemed: 1 });
      expect(reader.ofType(CouponsRestored.type).filter((m) => m.key === first.orderId)).toHaveLength(0);
    });

    it('a tampered quote is QUOTE_INVALID, an expired one QUOTE_EXPIRED, another customer’s QUOTE_INVALID; nothing is counted', async () => {
      const { code } = await couponFor(LAMP, 500, { totalCap: 10 });
      const buyer = randomUUID();
      const q = await quote(marketing, customer(buyer), {
        currency: 'EUR',
        lines: [{ sku: LAMP, quantity: 1 }],
        couponCodes: [code],
      });
      const [prefix, body, signature] = q.quoteId.split('.');
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
      const richer = Buffer.from(
        JSON.stringify({ ...claims, p: claims.p.map((p: { d: number }) => ({ ...p, d: 4990 })) }),
      ).toString('base64url');
      const tampered = placedFrom(q, buyer, { quoteId: `${prefix}.${richer}.${signature}` });
      const expired = placedFrom(q, buyer, { placedAt: new Date(Date.parse(q.expiresAt) + 1000).toISOString() });
      const stolen = placedFrom(q, randomUUID());
      const signedElsewhere = placedFrom(q, buyer, { quoteId: signQuote('some-other-secret-entirely', { ...claims }) });
      for (const order of [tampered, expired, stolen, signedElsewhere]) await publishPlaced(run, order);
      expect((await answerFor(tampered.orderId))[0].json).toMatchObject({ reason: 'QUOTE_INVALID', couponCode: code });
      expect((await answerFor(expired.orderId))[0].json).toMatchObject({ reason: 'QUOTE_EXPIRED' });
      expect((await answerFor(stolen.orderId))[0].json).toMatchObject({ reason: 'QUOTE_INVALID' });
      expect((await answerFor(signedElsewhere.orderId))[0].json).toMatchObject({ reason: 'QUOTE_INVALID' });
      expect(await couponOf(code)).toMatchObject({ redeemed: 0 });
    });

    it('500 concurrent redemptions of a coupon capped at 100: exactly 100 succeed', async () => {
      const { code } = await couponFor(MUG, 200, { totalCap: 100 });
      // One quote without a customer serves every order (a service may quote for an anonymous cart).
      const q = await quote(marketing, service(), {
        currency: 'EUR',
        lines: [{ sku: MUG, quantity: 1 }],
        couponCodes: [code],
      });
      const orders = Array.from({ length: 500 }, () => placedFrom(q, randomUUID()));
      const started = Date.now();
      const outcomes = await redeemConcurrently(orders);
      const elapsed = Date.now() - started;
      const redeemed = outcomes.filter((o) => o.status === 'REDEEMED').length;
      const refused = outcomes.filter((o) => o.reason === 'TOTAL_CAP_REACHED').length;
      console.log(
        `500 concurrent redemptions of a 100-cap coupon: ${redeemed} redeemed, ${refused} TOTAL_CAP_REACHED, ${elapsed} ms`,
      );
      expect(redeemed).toBe(100);
      expect(refused).toBe(400);
      expect(await couponOf(code)).toMatchObject({ redeemed: 100 });
      const [{ count }] = await marketing.dataSource.query(
        `SELECT count(*)::int AS count FROM order_redemptions WHERE $1 = ANY(coupon_codes) AND status = 'REDEEMED'`,
        [code],
      );
      expect(count).toBe(100);
    });

    it('the same through Kafka: 300 placed events for a coupon capped at 60 -> 60 redeemed, 240 TOTAL_CAP_REACHED', async () => {
      const { code } = await couponFor(TEA, 100, { totalCap: 60 });
      const q = await quote(marketing, service(), {
        currency: 'EUR',
        lines: [{ sku: TEA, quantity: 1 }],
        couponCodes: [code],
      });
      const orders = Array.from({ length: 300 }, () => placedFrom(q, randomUUID()));
      const ids = new Set(orders.map((order) => order.orderId));
      // One burst over the topic's partitions: the consumer applies partitions side by side.
      await publishRaw(
        t.orders,
        orders.map((data) => eventMessage(OrderPlaced, data)),
      );
      const answers = await reader.waitFor(
        (m) =>
          (m.headers.ce_type === CouponsRedeemed.type || m.headers.ce_type === CouponRedemptionFailed.type) &&
          ids.has(m.key ?? ''),
        300,
        120_000,
      );
      expect(answers.filter((m) => m.headers.ce_type === CouponsRedeemed.type)).toHaveLength(60);
      expect(answers.filter((m) => m.json.reason === 'TOTAL_CAP_REACHED')).toHaveLength(240);
      expect(await couponOf(code)).toMatchObject({ redeemed: 60 });
    }, 150_000);

    it("a flash sale's total cap holds under concurrency (60 buyers, 20 units)", async () => {
      const now = Date.now();
      await created(marketing, '/promotions', {
        name: 'lamp flash',
        type: 'FLASH_SALE',
        sku: LAMP,
        salePrice: 2990,
        totalCap: 20,
        perCustomerCap: 2,
        currency: 'EUR',
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 3_600_000).toISOString(),
      });
      const q = await quote(marketing, service(), { currency: 'EUR', lines: [{ sku: LAMP, quantity: 1 }] });
      expect(q).toMatchObject({ discountTotal: 2000, total: 2990 });
      const outcomes = await redeemConcurrently(Array.from({ length: 60 }, () => placedFrom(q, randomUUID())));
      expect(outcomes.filter((o) => o.status === 'REDEEMED')).toHaveLength(20);
      expect(outcomes.filter((o) => o.reason === 'TOTAL_CAP_REACHED')).toHaveLength(40);
      const [promotion] = await marketing.dataSource.query(
        `SELECT flash_sold FROM promotions WHERE name = 'lamp flash'`,
      );
      expect(promotion.flash_sold).toBe(20);
      // sold out: the next quote gives the list price
      expect(
        (await quote(marketing, service(), { currency: 'EUR', lines: [{ sku: LAMP, quantity: 1 }] })).discountTotal,
      ).toBe(0);
    });

    it("a flash sale's per-customer cap holds under concurrency (one buyer, 10 orders, cap 3)", async () => {
      const now = Date.now();
      await created(marketing, '/promotions', {
        name: 'tea flash',
        type: 'FLASH_SALE',
        sku: TEA,
        salePrice: 500,
        totalCap: 1000,
        perCustomerCap: 3,
        currency: 'EUR',
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 3_600_000).toISOString(),
      });
      const buyer = randomUUID();
      const q = await quote(marketing, customer(buyer), { currency: 'EUR', lines: [{ sku: TEA, quantity: 1 }] });
      expect(q.discountTotal).toBe(300);
      const outcomes = await redeemConcurrently(Array.from({ length: 10 }, () => placedFrom(q, buyer)));
      expect(outcomes.filter((o) => o.status === 'REDEEMED')).toHaveLength(3);
      expect(outcomes.filter((o) => o.reason === 'CUSTOMER_CAP_REACHED')).toHaveLength(7);
      // the customer's room is used up: the next quote for them gives the list price, another customer still gets the sale
      expect(
        (await quote(marketing, customer(buyer), { currency: 'EUR', lines: [{ sku: TEA, quantity: 1 }] }))
          .discountTotal,
      ).toBe(0);
      expect(
        (await quote(marketing, customer(randomUUID()), { currency: 'EUR', lines: [{ sku: TEA, quantity: 1 }] }))
          .discountTotal,
      ).toBe(300);
    });

    it('a compensation request issues one coupon per ticket, even when delivered twice; the customer can use it', async () => {
      const ticketId = randomUUID();
      const buyer = randomUUID();
      await publishRaw(t.tickets, [
        compensationMessage(ticketId, buyer, 700),
        compensationMessage(ticketId, buyer, 700),
      ]);
      const [issued] = await reader.waitFor(
        (m) => m.headers.ce_type === CouponIssued.type && m.json.ticketId === ticketId,
      );
      expect(issued.json).toMatchObject({
        customerId: buyer,
        value: 700,
        currency: 'EUR',
        reason: 'COMPENSATION',
        ticketId,
      });
      expect(issued.json.code).toMatch(/^CMP-[A-Z2-9]{8}$/);
      const q = await quote(marketing, customer(buyer), {
        currency: 'EUR',
        lines: [{ sku: LAMP, quantity: 1 }],
        couponCodes: [issued.json.code],
      });
      expect(q.discountTotal).toBeGreaterThanOrEqual(700);
      const someoneElse = await request(marketing.url)
        .post('/quotes')
        .set('Authorization', customer(randomUUID()))
        .send({ currency: 'EUR', lines: [{ sku: LAMP, quantity: 1 }], couponCodes: [issued.json.code] });
      expect(someoneElse.status).toBe(422);
      expect(someoneElse.body.errors[0]).toMatchObject({ field: 'couponCodes.0' });
      const [{ count }] = await marketing.dataSource.query(
        `SELECT count(*)::int AS count FROM coupons WHERE ticket_id = $1`,
        [ticketId],
      );
      expect(count).toBe(1);
      expect(reader.ofType(CouponIssued.type).filter((m) => m.json.ticketId === ticketId)).toHaveLength(1);
    });

    it('a campaign budget stops its promotions when spent; the ROI report counts orders, new and repeat customers', async () => {
      const campaign = await created(marketing, '/campaigns', { name: 'mug week', currency: 'EUR', budget: 1000 });
      const { code, promotion } = await couponFor(MUG, 400, {}, { campaignId: campaign.id });
      const newcomer = randomUUID();
      const regular = randomUUID();
      // the regular ordered before (no coupon): the order-history read model knows
      await publishPlaced(run, {
        orderId: randomUUID(),
        customerId: regular,
        currency: 'EUR',
        lines: [{ sku: TEA, quantity: 1, unitPrice: 800, lineTotal: 800 }],
        totalAmount: 800,
        placedAt: new Date(Date.now() - 86_400_000).toISOString(),
      });
      const a = placedFrom(
        await quote(marketing, customer(newcomer), {
          currency: 'EUR',
          lines: [{ sku: MUG, quantity: 1 }],
          couponCodes: [code],
        }),
        newcomer,
      );
      await publishPlaced(run, a);
      await answerFor(a.orderId);
      const b = placedFrom(
        await quote(marketing, customer(regular), {
          currency: 'EUR',
          lines: [{ sku: MUG, quantity: 1 }],
          couponCodes: [code],
        }),
        regular,
      );
      const third = randomUUID();
      const c = placedFrom(
        await quote(marketing, customer(third), {
          currency: 'EUR',
          lines: [{ sku: MUG, quantity: 1 }],
          couponCodes: [code],
        }),
        third,
      );
      await publishPlaced(run, b);
      await answerFor(b.orderId);
      // 800 of 1000 spent: a third 400 would pass the budget
      await publishPlaced(run, c);
      expect((await answerFor(c.orderId))[0].json).toMatchObject({ reason: 'BUDGET_SPENT' });
      await reader.waitFor((m) => m.headers.ce_type === PromotionStopped.type && m.key === promotion.id);
      const refused = await request(marketing.url)
        .post('/quotes')
        .set('Authorization', service())
        .send({ currency: 'EUR', lines: [{ sku: MUG, quantity: 1 }], couponCodes: [code] });
      expect(refused.status).toBe(422);
      const report = (
        await request(marketing.url).get(`/campaigns/${campaign.id}/report`).set('Authorization', ops()).expect(200)
      ).body;
      // a: 1200 - 400 = 800 charged, first order; b: 800, repeat
      expect(report).toMatchObject({
        discountCost: 800,
        attributedOrders: 2,
        completedOrders: 0,
        revenue: 1600,
        newCustomers: 1,
        repeatPurchases: 1,
        roi: 1,
      });
      expect(
        (await request(marketing.url).get(`/campaigns/${campaign.id}`).set('Authorization', ops()).expect(200)).body,
      ).toMatchObject({ spent: 800, status: 'BUDGET_SPENT' });
    });

    it('targeted issuance: a repurchase coupon for customers who ordered in the last 90 days but not the last 30', async () => {
      const lapsed = randomUUID();
      const recent = randomUUID();
      const day = 86_400_000;
      const history = [
        { customerId: lapsed, placedAt: new Date(Date.now() - 45 * day) },
        { customerId: recent, placedAt: new Date(Date.now() - 45 * day) },
        { customerId: recent, placedAt: new Date(Date.now() - 5 * day) },
      ];
      await publishRaw(
        t.orders,
        history.map(({ customerId, placedAt }) =>
          eventMessage(OrderPlaced, {
            orderId: randomUUID(),
            customerId,
            currency: 'EUR',
            lines: [{ sku: TEA, quantity: 1, unitPrice: 800, lineTotal: 800 }],
            totalAmount: 800,
            placedAt: placedAt.toISOString(),
          }),
        ),
      );
      await eventually(
        async () => {
          const [{ count }] = await marketing.dataSource.query(
            `SELECT count(*)::int AS count FROM customer_orders WHERE customer_id = ANY($1)`,
            [[lapsed, recent]],
          );
          return count === 3;
        },
        20_000,
        'the order history',
      );
      const promotion = await created(marketing, '/promotions', {
        name: 'come back',
        type: 'PERCENT_OFF',
        percent: 15,
        currency: 'EUR',
        requiresCoupon: true,
      });
      const issuance = await created(marketing, '/coupons/segment-issuances', {
        promotionId: promotion.id,
        boughtWithinDays: 90,
        notWithinDays: 30,
      });
      const [{ customers }] = await marketing.dataSource.query(
        `SELECT array_agg(customer_id::text) AS customers FROM coupons WHERE promotion_id = $1`,
        [promotion.id],
      );
      expect(customers).toContain(lapsed);
      expect(customers).not.toContain(recent);
      expect(issuance.issued).toBe(customers.length);
      const again = await created(marketing, '/coupons/segment-issuances', {
        promotionId: promotion.id,
        boughtWithinDays: 90,
        notWithinDays: 30,
      });
      expect(again.issued).toBe(0);
      const [mine] = await reader.waitFor(
        (m) => m.headers.ce_type === CouponIssued.type && m.json.customerId === lapsed,
      );
      expect(mine.json).toMatchObject({ reason: 'SEGMENT', percent: 15, promotionId: promotion.id });
    });
  },
);
