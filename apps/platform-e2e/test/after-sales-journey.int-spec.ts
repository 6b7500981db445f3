import {
  MerchantScoreChanged,
  OrderCompleted,
  OrderRefunded,
  PointsEarned,
  PointsReversed,
  ReturnApproved,
  ReturnInspected,
  ReturnRefundRequested,
  ReviewPublished,
  ShipmentReturnCreated,
  ShipmentReturnReceived,
  StockRestocked,
  StockWrittenOff,
  TicketOpened,
  Topics,
} from '@emporium/contracts';
import { eventually, integrationSuite, RunningService, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { catalogRecipe } from '../../catalog/test/catalog.recipe';
import { createCategory, listedProduct, merchantToken, productBody, standing } from '../../catalog/test/fixtures';
import { customerServiceRecipe, fastJobs as careJobs } from '../../customer-service/test/customer-service.recipe';
import { inventoryApi } from '../../inventory/test/inventory.fixtures';
import { inventoryRecipe } from '../../inventory/test/inventory.recipe';
import { dispatchAndDeliver, logisticsKnowsSku, readyShipments } from '../../logistics/test/logistics.fixtures';
import { fastJobs, logisticsRecipe } from '../../logistics/test/logistics.recipe';
import { register } from '../../membership/test/membership.fixtures';
import { membershipRecipe } from '../../membership/test/membership.recipe';
import { registration } from '../../merchants/test/fixtures';
import { merchantsRecipe } from '../../merchants/test/merchants.recipe';
import { checkout, orderOf, orderStatusIs, ordersSell, placeOrder } from '../../orders/test/orders.fixtures';
import { journeyOrders } from '../../orders/test/orders.recipe';

/**
 * Issue 10's journey, after-sales across seven services: a delivered order comes back through
 * customer-service (the return), logistics (the parcel back), inventory (restock or write-off), orders
 * (the refund, once), membership (points reversed) and merchants (the credibility score), and the customer
 * hears of each step once in customer-service's development mailbox. Every service is real and talks only
 * through Kafka, except checkout's shipping quote and customer-service's contact lookup in membership.
 * Products are listed through catalog, which also keeps the rating.
 *
 * Figures, by hand:
 * - 2 x SKU at 20.00 = 4000, no promotion. Shipping (logistics' seeded DOMESTIC rates): each unit 1000 g in
 *   a 200 x 150 x 100 mm box, so 2000 g actual, 6,000,000 mm3; Post volumetric 1000 g -> chargeable
 *   2000 g -> 6.90, Parcel volumetric 1200 g -> chargeable 2000 g -> 4.50 (2 days, meets STANDARD's 5):
 *   fee 450. Total 4450, all by card.
 * - Completed (orders' return window 3 s): membership earns 10 points per EUR on what was paid:
 *   floor(4450 x 10 / 100) = 445 points.
 * - Return of 1 unit, no reason, inside customer-service's 7 days: auto-approved. Refund = the line's net
 *   (4000 - 0 discount) pro rata: floor(4000 x 1 / 2) = 2000 (the shipping fee is not refunded).
 *   orders refunds 2000 to the card, 0 points; membership reverses floor(445 x 2000 / 4450) = 200 points.
 * - Merchant score (merchants' README formula, priors 20 orders and 5 reviews at 4.5): one completed order
 *   leaves 100; one return: 20 x (1/21)/0.15 = 6.35 -> round(93.65) = 94.
 * - Both units back, one damaged: one restocked, one written off; the refund returns the order's last units,
 *   so orders adds the shipping fee back (orders' refunds.ts): 4000 + 450 = 4450, fully refunded.
 * - A rating-2 review of another merchant's completed order, with the COMPLAINT ticket it opens:
 *   rating R = (2 + 4.5 x 5)/6 = 4.083 -> 25 x (4.5 - 4.083)/3.5 = 2.98; complaint 30 x (1/21)/0.10 = 14.29;
 *   round(100 - 14.29 - 2.98) = round(82.74) = 83.
 */
const setup = {
  services: {
    catalog: catalogRecipe,
    inventory: inventoryRecipe,
    logistics: { recipe: logisticsRecipe, env: fastJobs },
    membership: { recipe: membershipRecipe, env: { POINTS_PER_CURRENCY_UNIT: '10' } },
    merchants: merchantsRecipe,
    // orders quotes shipping from this logistics (LOGISTICS_URL); a 3 s return window.
    orders: journeyOrders,
    care: {
      recipe: customerServiceRecipe,
      env: (started: Record<string, RunningService>) => ({
        ...careJobs,
        RETURN_WINDOW_DAYS: '7',
        MEMBERSHIP_URL: started.membership.url,
      }),
    },
    // A second replica of customer-service on the same database whose window is 0 days: every return it
    // takes is late, as a customer coming back after the window would be (orders stamps delivery "now").
    lateCare: {
      recipe: customerServiceRecipe,
      env: (started: Record<string, RunningService>) => ({
        ...careJobs,
        RETURN_WINDOW_DAYS: '0',
        MEMBERSHIP_URL: started.membership.url,
      }),
    },
  },
  read: [
    Topics.ordersOrder,
    Topics.membershipMember,
    Topics.inventoryStock,
    Topics.logisticsShipment,
    Topics.customerServiceReturn,
    Topics.customerServiceReview,
    Topics.customerServiceTicket,
    Topics.merchantsMerchant,
  ],
};

integrationSuite(
  'after-sales journey: returns, refunds, restock, points, merchant score and notifications across seven services (real PostgreSQL and Kafka)',
  setup,
  (suite) => {
    const { care, lateCare, catalog, inventory, logistics, membership, merchants, orders, reader, run } = suite;
    const ops = `Bearer ${tokenFor('ops')}`;
    const warehouse = `Bearer ${tokenFor('warehouse')}`;
    const customer = (id: string) => `Bearer ${tokenFor('customer', id)}`;
    let skuSeq = 0;

    let categoryId: string;
    beforeAll(async () => {
      categoryId = await createCategory(catalog, `After-sales ${run.id}`);
    });

    /**
     * A merchant registered and approved in merchants (catalog learns the standing from its event), whose
     * product with one SKU at 20.00 is listed through catalog (orders, logistics, inventory and
     * customer-service learn it from catalog's events), stocked with 50 units at MAIN.
     */
    async function merchantWithSku(): Promise<{ merchantId: string; sku: string; productId: string }> {
      const created = await request(merchants.url)
        .post('/merchants')
        .set('Authorization', `Bearer ${tokenFor('merchant')}`)
        .send(registration())
        .expect(201);
      const merchantId = created.body.id as string;
      await request(merchants.url).post(`/merchants/${merchantId}/approve`).set('Authorization', ops).expect(200);
      await standing(catalog, merchantId, 'APPROVED');
      const sku = `AFTER-${run.id}-${++skuSeq}`.toUpperCase();
      const product = await listedProduct(
        catalog,
        merchantToken(merchantId).token,
        productBody(categoryId, {
          skus: [
            {
              sku,
              options: { size: 'M' },
              price: 2000,
              currency: 'EUR',
              weightGrams: 1000,
              dimensions: { lengthMm: 200, widthMm: 150, heightMm: 100 },
            },
          ],
        }),
      );
      await ordersSell(orders, sku);
      await logisticsKnowsSku(logistics, sku);
      await inventoryApi(inventory).receive(sku, 50);
      return { merchantId, sku, productId: product.id };
    }

    const statusIs = (id: string, status: string) => orderStatusIs(orders, id, status);
    const eventFor = (type: string, key: string, value: string) =>
      reader.waitFor((m) => m.headers.ce_type === type && m.json[key] === value, 1, 30_000).then(([m]) => m.json);
    const ofType = (type: string, key: string, value: string) =>
      reader.messages.filter((m) => m.headers.ce_type === type && m.json[key] === value);
    const score = async (merchantId: string) =>
      (await request(merchants.url).get(`/merchants/${merchantId}/score`).set('Authorization', ops).expect(200)).body;

    /** A member buys 2 units, the order ships, the carrier reports it delivered (signed webhook), customer-service knows the delivery. */
    async function deliveredOrder(
      sku: string,
      memberId?: string,
    ): Promise<{ orderId: string; memberId: string; email: string }> {
      const member = await register(membership, memberId);
      const placed = await placeOrder(orders, member.memberId, checkout(member.memberId, [{ sku, quantity: 2 }]));
      const orderId = placed.id as string;
      await statusIs(orderId, 'CONFIRMED');
      const [shipment] = await readyShipments(logistics, orderId, 1);
      await dispatchAndDeliver(logistics, shipment);
      await eventually(
        async () =>
          (
            await care.dataSource.query(`SELECT 1 FROM orders WHERE order_id = $1 AND delivered_at IS NOT NULL`, [
              orderId,
            ])
          ).length === 1,
        45_000,
        `customer-service to know order ${orderId} delivered`,
      );
      return { orderId, memberId: member.memberId, email: member.email };
    }

    const requestReturn = (service: RunningService, memberId: string, body: object) =>
      request(service.url)
        .post('/returns')
        .set('Idempotency-Key', randomUUID())
        .set('Authorization', customer(memberId))
        .send(body);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from the API under test
    const returnIs = (id: string, status: string): Promise<any> =>
      eventually(
        async () => {
          const { body } = await request(care.url).get(`/returns/${id}`).set('Authorization', ops).expect(200);
          return body.status === status ? body : undefined;
        },
        45_000,
        `return ${id} ${status}`,
      );

    /** logistics' return parcel for the return: booked (READY with a label), then received at the warehouse. */
    async function parcelBack(orderId: string, returnId: string) {
      const parcel = await eventually(
        async () => {
          const { body } = await request(logistics.url)
            .get(`/shipments?orderId=${orderId}`)
            .set('Authorization', ops)
            .expect(200);
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          return body.items.find((s: any) => s.kind === 'RETURN' && s.returnId === returnId && s.status === 'READY');
        },
        30_000,
        `the return parcel of ${returnId} to be READY`,
      );
      await request(logistics.url).post(`/shipments/${parcel.id}/receive`).set('Authorization', warehouse).expect(200);
      return parcel;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from the API under test
    const mailbox = async (memberId: string): Promise<any[]> =>
      (await request(care.url).get(`/dev-mailbox?memberId=${memberId}&limit=200`).set('Authorization', ops).expect(200))
        .body.items;

    it('delivered -> return auto-approved -> parcel back -> inspected resaleable -> refunded once -> restocked -> points reversed -> merchant score moved, the customer told once per step', async () => {
      const { merchantId, sku } = await merchantWithSku();
      const { orderId, memberId, email } = await deliveredOrder(sku);
      expect(await orderOf(orders, orderId)).toMatchObject({ subtotal: 4000, shippingFee: 450, totalAmount: 4450 });
      // orders' 3-second window closes: COMPLETED, membership earns, merchants counts the sale.
      await statusIs(orderId, 'COMPLETED');
      expect(await eventFor(PointsEarned.type, 'orderId', orderId)).toMatchObject({
        memberId,
        points: 445,
        earnedOn: 4450,
      });
      await eventually(
        async () => (await score(merchantId)).inputs.completedOrders === 1,
        30_000,
        'merchants to count the completed order',
      );

      const created = await requestReturn(care, memberId, {
        orderId,
        reason: 'NO_REASON',
        lines: [{ sku, quantity: 1 }],
      }).expect(201);
      expect(created.body).toMatchObject({ status: 'APPROVED', automatic: true, withinWindow: true, merchantId });
      const returnId = created.body.id as string;
      expect(await eventFor(ReturnApproved.type, 'returnId', returnId)).toMatchObject({
        orderId,
        customerId: memberId,
        merchantId,
        automatic: true,
        lines: [{ sku, quantity: 1 }],
      });

      // logistics books the parcel back (return-created with the label), the warehouse receives it.
      const parcel = await parcelBack(orderId, returnId);
      expect(await eventFor(ShipmentReturnCreated.type, 'returnId', returnId)).toMatchObject({
        trackingNumber: parcel.trackingNumber,
      });
      await eventFor(ShipmentReturnReceived.type, 'returnId', returnId);
      const received = await returnIs(returnId, 'RECEIVED');
      expect(received).toMatchObject({ returnShipmentId: parcel.id, warehouseId: 'MAIN' });

      const inspected = await request(care.url)
        .post(`/returns/${returnId}/inspection`)
        .set('Authorization', ops)
        .send({ lines: [{ sku, quantity: 1, condition: 'RESALEABLE' }] })
        .expect(200);
      expect(inspected.body).toMatchObject({ status: 'REFUND_REQUESTED', expectedAmount: 2000 });
      expect(await eventFor(ReturnInspected.type, 'returnId', returnId)).toMatchObject({
        lines: [{ sku, quantity: 1, condition: 'RESALEABLE' }],
      });
      expect(await eventFor(ReturnRefundRequested.type, 'returnId', returnId)).toMatchObject({
        orderId,
        expectedAmount: 2000,
      });

      expect(await eventFor(OrderRefunded.type, 'returnId', returnId)).toMatchObject({
        orderId,
        amount: 2000,
        pointsRefunded: 0,
        fullyRefunded: false,
      });
      expect(await eventFor(StockRestocked.type, 'returnId', returnId)).toMatchObject({
        sku,
        quantity: 1,
        warehouseId: 'MAIN',
      });
      const reversed = await reader.waitFor(
        (m) => m.headers.ce_type === PointsReversed.type && m.json.memberId === memberId,
        1,
        30_000,
      );
      expect(reversed[0].json.points).toBe(200);
      expect((await returnIs(returnId, 'REFUNDED')).refundedAmount).toBe(2000);
      const [changed] = await reader.waitFor(
        (m) => m.headers.ce_type === MerchantScoreChanged.type && m.json.merchantId === merchantId,
        1,
        30_000,
      );
      expect(changed.json).toMatchObject({ previousScore: 100, score: 94 });

      // Every step told once, addressed through membership's contact for the member.
      const messages = await eventually(
        async () => {
          const items = await mailbox(memberId);
          return items.some((m) => m.template === 'RETURN_REFUNDED') ? items : undefined;
        },
        30_000,
        'the refund notice',
      );
      const templates = messages.map((m) => m.template).sort();
      expect(templates).toEqual([
        'ORDER_CONFIRMED',
        'ORDER_DELIVERED',
        'ORDER_SHIPPED',
        'RETURN_APPROVED',
        'RETURN_LABEL',
        'RETURN_RECEIVED',
        'RETURN_REFUNDED',
        'SATISFACTION_SURVEY',
      ]);
      expect(messages.every((m) => m.to === email)).toBe(true);
      expect(messages.find((m) => m.template === 'RETURN_REFUNDED').body).toContain('20.00 EUR');
      // Once each across the services: one refund, one restock, one reversal, one score change for this return.
      expect(ofType(OrderRefunded.type, 'orderId', orderId)).toHaveLength(1);
      expect(ofType(StockRestocked.type, 'returnId', returnId)).toHaveLength(1);
      expect(ofType(PointsReversed.type, 'memberId', memberId)).toHaveLength(1);
      // Refunded after it completed: PARTIALLY_REFUNDED, and it stays so (orders completed it once).
      await statusIs(orderId, 'PARTIALLY_REFUNDED');
      expect(ofType(OrderCompleted.type, 'orderId', orderId)).toHaveLength(1);
    });

    it('a late return goes to ops review: nothing approved, nothing booked', async () => {
      const { sku } = await merchantWithSku();
      const { orderId, memberId } = await deliveredOrder(sku);
      const late = await requestReturn(lateCare, memberId, {
        orderId,
        reason: 'NO_REASON',
        lines: [{ sku, quantity: 1 }],
      }).expect(201);
      expect(late.body).toMatchObject({ status: 'REQUESTED', automatic: false, withinWindow: false });
      await eventually(
        async () => (await mailbox(memberId)).some((m) => m.template === 'RETURN_IN_REVIEW'),
        30_000,
        'the in-review notice',
      );
      expect(ofType(ReturnApproved.type, 'returnId', late.body.id)).toHaveLength(0);
    });

    it('a rejected return refunds nothing', async () => {
      const { sku } = await merchantWithSku();
      const { orderId, memberId } = await deliveredOrder(sku);
      const requested = await requestReturn(care, memberId, {
        orderId,
        reason: 'NOT_AS_DESCRIBED',
        description: 'colour differs',
        lines: [{ sku, quantity: 2 }],
      }).expect(201);
      expect(requested.body).toMatchObject({ status: 'REQUESTED', withinWindow: true });
      const returnId = requested.body.id as string;
      await request(care.url)
        .post(`/returns/${returnId}/reject`)
        .set('Authorization', ops)
        .send({ note: 'worn' })
        .expect(200);
      await eventually(
        async () => (await mailbox(memberId)).some((m) => m.template === 'RETURN_REJECTED'),
        30_000,
        'the rejection notice',
      );
      // The order still completes untouched: no refund, no return parcel, nothing on the return topic.
      await statusIs(orderId, 'COMPLETED');
      expect(ofType(OrderRefunded.type, 'orderId', orderId)).toHaveLength(0);
      expect(reader.messages.filter((m) => m.json?.returnId === returnId)).toHaveLength(0);
      const { body } = await request(logistics.url)
        .get(`/shipments?orderId=${orderId}`)
        .set('Authorization', ops)
        .expect(200);
      expect(body.items.map((s: { kind: string }) => s.kind)).toEqual(['OUTBOUND']);
    });

    it('a damaged unit is written off, not restocked', async () => {
      const { sku } = await merchantWithSku();
      const { orderId, memberId } = await deliveredOrder(sku);
      const created = await requestReturn(care, memberId, {
        orderId,
        reason: 'NO_REASON',
        lines: [{ sku, quantity: 2 }],
      }).expect(201);
      const returnId = created.body.id as string;
      await parcelBack(orderId, returnId);
      await returnIs(returnId, 'RECEIVED');
      await request(care.url)
        .post(`/returns/${returnId}/inspection`)
        .set('Authorization', ops)
        .send({
          lines: [
            { sku, quantity: 1, condition: 'RESALEABLE' },
            { sku, quantity: 1, condition: 'DAMAGED' },
          ],
        })
        .expect(200);
      expect(await eventFor(StockWrittenOff.type, 'returnId', returnId)).toMatchObject({ sku, quantity: 1 });
      expect(await eventFor(StockRestocked.type, 'returnId', returnId)).toMatchObject({ sku, quantity: 1 });
      // Both units refunded (the damage in the parcel back is not the customer's): the lines' 4000 and, as
      // the refund returns the order's last units, orders gives back the 450 shipping fee too: 4450.
      expect(await eventFor(OrderRefunded.type, 'returnId', returnId)).toMatchObject({
        amount: 4450,
        fullyRefunded: true,
      });
      expect(ofType(StockRestocked.type, 'returnId', returnId)).toHaveLength(1);
      expect(ofType(StockWrittenOff.type, 'returnId', returnId)).toHaveLength(1);
    });

    it('a rating of 2 is published, opens a complaint ticket and moves the catalog rating and the merchant score', async () => {
      const { merchantId, sku, productId } = await merchantWithSku();
      const { orderId, memberId } = await deliveredOrder(sku);
      await statusIs(orderId, 'COMPLETED');
      await eventually(
        async () => (await score(merchantId)).inputs.completedOrders === 1,
        30_000,
        'merchants to count the completed order',
      );
      const review = await request(care.url)
        .post('/reviews')
        .set('Authorization', customer(memberId))
        .send({ orderId, sku, rating: 2, text: 'Arrived late and smaller than shown.' })
        .expect(201);
      expect(review.body).toMatchObject({ status: 'PUBLISHED', rating: 2 });
      expect(await eventFor(ReviewPublished.type, 'reviewId', review.body.id)).toMatchObject({
        productId,
        merchantId,
        customerId: memberId,
        rating: 2,
      });
      const rated = await eventually(
        async () => {
          const { body } = await request(catalog.url).get(`/products/${productId}`).expect(200);
          return body.rating.count === 1 ? body : undefined;
        },
        30_000,
        'catalog to count the review',
      );
      expect(rated.rating).toEqual({ average: 2, count: 1 });
      const ticket = await reader.waitFor(
        (m) => m.headers.ce_type === TicketOpened.type && m.json.customerId === memberId,
        1,
        30_000,
      );
      expect(ticket[0].json).toMatchObject({ kind: 'COMPLAINT', merchantId });
      const final = await eventually(
        async () => {
          const s = await score(merchantId);
          return s.inputs.reviews === 1 && s.inputs.complaints === 1 ? s : undefined;
        },
        30_000,
        'merchants to count the review and the complaint',
      );
      expect(final.score).toBe(83);
      await eventually(
        () => {
          const changes = ofType(MerchantScoreChanged.type, 'merchantId', merchantId);
          return changes.length > 0 && changes[changes.length - 1].json.score === 83;
        },
        30_000,
        'the last score-changed to say 83',
      );
    });

    it('a second review of the same line is refused', async () => {
      const { sku } = await merchantWithSku();
      const { orderId, memberId } = await deliveredOrder(sku);
      await request(care.url)
        .post('/reviews')
        .set('Authorization', customer(memberId))
        .send({ orderId, sku, rating: 5, text: 'Lovely.' })
        .expect(201);
      const again = await request(care.url)
        .post('/reviews')
        .set('Authorization', customer(memberId))
        .send({ orderId, sku, rating: 1, text: 'Changed my mind.' })
        .expect(409);
      expect(again.body).toMatchObject({ code: 'REVIEW_EXISTS' });
    });

    it('a customer cannot open a return or a review on someone else’s order', async () => {
      const { sku } = await merchantWithSku();
      const { orderId } = await deliveredOrder(sku);
      const stranger = (await register(membership)).memberId;
      await requestReturn(care, stranger, { orderId, reason: 'NO_REASON', lines: [{ sku, quantity: 1 }] }).expect(404);
      await request(care.url)
        .post('/reviews')
        .set('Authorization', customer(stranger))
        .send({ orderId, sku, rating: 1, text: 'Not mine.' })
        .expect(404);
      const [returns] = await care.dataSource.query(`SELECT count(*)::int AS n FROM returns WHERE order_id = $1`, [
        orderId,
      ]);
      expect(returns.n).toBe(0);
    });
  },
);
