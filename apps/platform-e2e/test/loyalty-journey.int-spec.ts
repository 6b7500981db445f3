import {
  CouponsRedeemed,
  CouponsRestored,
  MemberTierChanged,
  OrderPaymentAuthorised,
  OrderPlaced,
  OrderRefunded,
  PointsEarned,
  PointsHeld,
  PointsRedeemed,
  PointsReleased,
  PointsReversed,
  ReturnRefundRequested,
  Topics,
} from '@emporium/contracts';
import { eventMessage, eventually, integrationSuite, publishRaw, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { inventoryApi } from '../../inventory/test/inventory.fixtures';
import { inventoryRecipe } from '../../inventory/test/inventory.recipe';
import { dispatchAndDeliver, logisticsKnowsSku, readyShipments } from '../../logistics/test/logistics.fixtures';
import { fastJobs, logisticsRecipe } from '../../logistics/test/logistics.recipe';
import { marketingRecipe } from '../../marketing/test/marketing.recipe';
import { completed, register } from '../../membership/test/membership.fixtures';
import { membershipRecipe } from '../../membership/test/membership.recipe';
import { cancelOrder, checkout, listSkus, orderStatusIs, placeOrder } from '../../orders/test/orders.fixtures';
import { journeyOrders } from '../../orders/test/orders.recipe';

/**
 * Issue 9's journey, checkout joined to loyalty: orders prices through marketing's quote, and the
 * confirmation saga waits for marketing's coupon redemption and membership's points hold besides the
 * stock. Every service is real and talks only through Kafka, except the two synchronous calls a waiting
 * customer needs (logistics' shipping quote, marketing's quote).
 *
 * Figures, by hand (membership: 10 points per EUR, so 1 point per 10 cents; GOLD multiplies by 1.5;
 * one point pays one cent):
 * - 2 x LOYAL-1 at 20.00 = 4000. GOLD's tier discount first (priority 20; 5%, membership's benefits
 *   table) = 200, then the coupon (priority 10) 500 off what is left: they stack, discount 700. Shipping: GOLD ships free from 29.00 of goods (logistics' read of the
 *   same benefits), fee 0. Total 3300; the customer pays 1000 with points, the card 2300.
 * - Completed: earned on what was paid, floor(2300 x 10 x 150 / 10000) = 345 points.
 * - Spend 20000 (the earlier order) + 2300 = 22300 >= DIAMOND's 22000: GOLD -> DIAMOND at once.
 * - A refund of 1 unit: 2000 less its discount share (350) = 1650 of value, paid 1000/3300 with points: 500
 *   points back and 1150 to the card. The points earned on the card's 2300 are reversed in proportion to
 *   the card's 1150: floor(345 x 1150 / 2300) = 172, once, however often the request arrives.
 */
const SKU = 'LOYAL-1';
const setup = {
  services: {
    inventory: inventoryRecipe,
    logistics: { recipe: logisticsRecipe, env: fastJobs },
    membership: {
      recipe: membershipRecipe,
      env: { POINTS_PER_CURRENCY_UNIT: '10', TIER_THRESHOLDS: 'SILVER:5000:50,GOLD:15000:60,DIAMOND:22000:100' },
    },
    marketing: marketingRecipe,
    // orders quotes from this logistics and this marketing (LOGISTICS_URL, MARKETING_URL); a 3 s return window.
    orders: journeyOrders,
  },
  read: [Topics.ordersOrder, Topics.membershipMember, Topics.marketingCoupon],
};

integrationSuite(
  'checkout joined to loyalty: coupons, points and tiers across five services (real PostgreSQL and Kafka)',
  setup,
  (suite) => {
    const { inventory, logistics, membership, marketing, orders, reader, run, topic } = suite;
    const ops = `Bearer ${tokenFor('ops')}`;
    let couponCode: string;

    beforeAll(async () => {
      await listSkus(run, orders, [{ sku: SKU, price: 2000, weightGrams: 1000 }]);
      await logisticsKnowsSku(logistics, SKU);
      await eventually(
        async () => (await marketing.dataSource.query(`SELECT 1 FROM sku_prices WHERE sku = $1`, [SKU])).length === 1,
        20_000,
        'marketing to know the SKU',
      );
      await inventoryApi(inventory).receive(SKU, 50);
      const post = (path: string, body: object) =>
        request(marketing.url).post(path).set('Authorization', ops).send(body).expect(201);
      // Stackable promotions apply highest priority first, each on what the lines still cost: the tier's percent, then the coupon.
      await post('/promotions', {
        name: 'members save on LOYAL-1',
        type: 'TIER_DISCOUNT',
        currency: 'EUR',
        priority: 20,
        scope: { skus: [SKU] },
      });
      const promotion = await post('/promotions', {
        name: '5 off LOYAL-1',
        type: 'THRESHOLD',
        tiers: [{ minSpend: 0, amountOff: 500 }],
        currency: 'EUR',
        priority: 10,
        requiresCoupon: true,
        scope: { skus: [SKU] },
      });
      couponCode = `LOYAL${run.id}`
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '')
        .slice(0, 30);
      await post('/coupons', { promotionId: promotion.body.id, code: couponCode, totalCap: 100, perCustomerCap: 5 });
    });

    /** A GOLD member with points: registered, then an earlier completed order of 200.00 (spend 20000 >= GOLD's 15000). */
    async function goldMember(): Promise<string> {
      const { memberId } = await register(membership);
      await publishRaw(topic(Topics.ordersOrder), [completed(memberId, randomUUID(), 20_000)]);
      await reader.waitFor(
        (m) => m.headers.ce_type === MemberTierChanged.type && m.json.memberId === memberId && m.json.tier === 'GOLD',
      );
      // marketing and logistics learn the tier from that same event.
      await eventually(
        async () =>
          (
            await marketing.dataSource.query(`SELECT 1 FROM member_tiers WHERE member_id = $1 AND tier = 'GOLD'`, [
              memberId,
            ])
          ).length === 1,
        20_000,
        'marketing to know the tier',
      );
      await eventually(
        async () =>
          (
            await logistics.dataSource.query(`SELECT 1 FROM member_tiers WHERE member_id = $1 AND tier = 'GOLD'`, [
              memberId,
            ])
          ).length === 1,
        20_000,
        'logistics to know the tier',
      );
      return memberId;
    }

    const balanceOf = async (memberId: string) =>
      (
        await request(membership.url)
          .get('/members/me/points')
          .set('Authorization', `Bearer ${tokenFor('customer', memberId)}`)
          .expect(200)
      ).body.balance as number;
    const statusIs = (id: string, status: string) => orderStatusIs(orders, id, status);
    const checkoutWithLoyalty = (memberId: string) =>
      placeOrder(
        orders,
        memberId,
        checkout(memberId, [{ sku: SKU, quantity: 2 }], { couponCodes: [couponCode], pointsToRedeem: 1000 }),
      );
    const eventFor = (type: string, orderId: string) =>
      reader.waitFor((m) => m.headers.ce_type === type && m.json.orderId === orderId, 1, 30_000).then(([m]) => m.json);

    it('prices a GOLD member’s cart through marketing’s quote and logistics’ free shipping, and pays the rest after points', async () => {
      const memberId = await goldMember();
      const order = await checkoutWithLoyalty(memberId);
      expect(order).toMatchObject({
        subtotal: 4000,
        discountTotal: 700,
        shippingFee: 0,
        totalAmount: 3300,
        pointsToRedeem: 1000,
        amountToPay: 2300,
        couponCodes: [couponCode],
      });
      // The quote marketing signed travels on the placed event, for marketing to check when it redeems.
      const [placed] = await reader.waitFor(
        (m) => m.headers.ce_type === OrderPlaced.type && m.json.orderId === order.id,
      );
      expect(placed.json).toMatchObject({
        quoteId: expect.stringMatching(/^q1\./),
        couponCodes: [couponCode],
        pointsToRedeem: 1000,
        amountToPay: 2300,
        discountTotal: 700,
      });
      expect(placed.json.lines).toEqual([
        expect.objectContaining({ sku: SKU, quantity: 2, unitPrice: 2000, lineTotal: 4000, discount: 700 }),
      ]);
    });

    it('redeems the coupon, holds then redeems the points, authorises what is left and confirms; delivered, completed, points earned with the multiplier and the tier recomputed', async () => {
      const memberId = await goldMember();
      const before = await balanceOf(memberId);
      const order = await checkoutWithLoyalty(memberId);

      expect(await eventFor(CouponsRedeemed.type, order.id)).toMatchObject({
        couponCodes: [couponCode],
        customerId: memberId,
      });
      expect(await eventFor(PointsHeld.type, order.id)).toMatchObject({
        memberId,
        points: 1000,
        availableAfter: before - 1000,
      });
      expect(await eventFor(OrderPaymentAuthorised.type, order.id)).toMatchObject({ amount: 2300, currency: 'EUR' });
      await statusIs(order.id, 'CONFIRMED');
      expect(await eventFor(PointsRedeemed.type, order.id)).toMatchObject({ memberId, points: 1000 });

      const [shipment] = await readyShipments(logistics, order.id, 1);
      expect(shipment.shippingFee).toBe(0);
      await dispatchAndDeliver(logistics, shipment);
      await statusIs(order.id, 'COMPLETED');

      const earned = await eventFor(PointsEarned.type, order.id);
      expect(earned).toMatchObject({ memberId, points: 345, earnedOn: 2300, tier: 'GOLD', multiplierPercent: 150 });
      const [upgrade] = await reader.waitFor(
        (m) =>
          m.headers.ce_type === MemberTierChanged.type && m.json.memberId === memberId && m.json.tier === 'DIAMOND',
      );
      expect(upgrade.json.previousTier).toBe('GOLD');
      expect(await balanceOf(memberId)).toBe(before - 1000 + 345);

      // A refund of one unit, requested twice (a redelivery under a new event id): refunded once, earned points reversed once.
      const returnId = randomUUID();
      const refundRequest = {
        returnId,
        orderId: order.id,
        customerId: memberId,
        currency: 'EUR',
        expectedAmount: 1650,
        lines: [{ sku: SKU, quantity: 1 }],
        requestedAt: new Date().toISOString(),
      };
      const requests = [
        eventMessage(ReturnRefundRequested, refundRequest),
        eventMessage(ReturnRefundRequested, refundRequest),
      ];
      await publishRaw(topic(Topics.customerServiceReturn), requests);
      const refunded = await eventFor(OrderRefunded.type, order.id);
      // 2000 less the line's discount share (700 over two units: 350) is 1650, paid partly with points, pro rata.
      expect(refunded).toMatchObject({ amount: 1150, pointsRefunded: 500 });
      expect(refunded.fullyRefunded).toBe(false);
      const [reversed] = await reader.waitFor(
        (m) => m.headers.ce_type === PointsReversed.type && m.json.memberId === memberId,
        1,
        30_000,
      );
      expect(reversed.json.points).toBe(172);
      await statusIs(order.id, 'PARTIALLY_REFUNDED');
      // Both requests consumed (in orders' inbox), and still one refund; membership reverses once.
      const ids = requests.map((message) => message.headers.ce_id);
      await eventually(
        async () =>
          (await orders.dataSource.query(`SELECT 1 FROM messaging_inbox WHERE event_id = ANY($1::uuid[])`, [ids]))
            .length === 2,
        20_000,
        'both requests consumed',
      );
      expect(
        reader.messages.filter((m) => m.headers.ce_type === OrderRefunded.type && m.json.orderId === order.id),
      ).toHaveLength(1);
      expect(
        reader.messages.filter((m) => m.headers.ce_type === PointsReversed.type && m.json.memberId === memberId),
      ).toHaveLength(1);
    });

    it('the same journey cancelled after confirmation restores the coupon and gives the points back', async () => {
      const memberId = await goldMember();
      const before = await balanceOf(memberId);
      const order = await checkoutWithLoyalty(memberId);
      await statusIs(order.id, 'CONFIRMED');
      await eventFor(PointsRedeemed.type, order.id);
      const redeemedBefore = (
        await request(marketing.url).get(`/coupons/${couponCode}`).set('Authorization', ops).expect(200)
      ).body.redeemed as number;

      await cancelOrder(orders, order.id, memberId).expect(200);
      expect(await eventFor(CouponsRestored.type, order.id)).toMatchObject({
        couponCodes: [couponCode],
        reason: 'ORDER_CANCELLED',
      });
      expect(await eventFor(PointsReleased.type, order.id)).toMatchObject({ memberId, points: 1000 });
      await eventually(async () => (await balanceOf(memberId)) === before, 20_000, 'the points back');
      const after = (await request(marketing.url).get(`/coupons/${couponCode}`).set('Authorization', ops).expect(200))
        .body.redeemed as number;
      expect(after).toBe(redeemedBefore - 1);
    });
  },
);
