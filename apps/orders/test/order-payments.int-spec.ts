import {
  CouponRedemptionFailed,
  CouponsRedeemed,
  OrderCancelled,
  OrderCancelledV2Event,
  OrderCompleted,
  OrderConfirmed,
  OrderDelivered,
  OrderPaymentAuthorised,
  OrderPaymentCaptured,
  OrderRefunded,
  OrderShipped,
  PointsHeld,
  ReturnRefundRequested,
  ShipmentCreated,
  ShipmentDelivered,
  ShipmentDispatched,
  StockReserved,
  Topics,
} from '@emporium/contracts';
import { eventMessage, eventually, integrationSuite, publishRaw, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { SANDBOX_CARDS } from '../src/payments/sandbox-payment-gateway';
import { signWebhook } from '@emporium/platform';
import { checkout, listSkus, orderOf as fetchOrder, orderStatusIs, paymentsOf, placeOrder } from './orders.fixtures';
import { ordersRecipe } from './orders.recipe';

const WEBHOOK_SECRET = 'test-payment-webhook-secret';

/**
 * The saga, payments, cancellation, fulfilment and refunds of orders, driven by the events the other
 * services would publish (published here by the test), against the real broker and database.
 */
const setup = {
  services: {
    orders: {
      recipe: ordersRecipe,
      env: {
        ORDER_CONFIRMATION_TIMEOUT_SECONDS: '12',
        ORDER_DEADLINE_SWEEP_MS: '200',
        // Long enough for the sandbox's own database writes on a loaded machine; the timeout card waits 3 x this.
        PAYMENT_GATEWAY_TIMEOUT_MS: '1500',
        PAYMENT_WEBHOOK_SECRET: WEBHOOK_SECRET,
        PAYMENT_WEBHOOK_TOLERANCE_SECONDS: '300',
        ORDER_RETURN_WINDOW_SECONDS: '2',
        ORDER_COMPLETION_SWEEP_MS: '200',
      },
    },
  },
  read: [Topics.ordersOrder],
};

integrationSuite(
  'orders: saga, payments, fulfilment and refunds (real PostgreSQL and Kafka)',
  setup,
  ({ orders, reader, run, topic }) => {
    let merchantId: string;
    const ops = `Bearer ${tokenFor('ops')}`;

    beforeAll(async () => {
      ({ merchantId } = await listSkus(run, orders, [
        { sku: 'PAY-A', price: 1999 },
        { sku: 'PAY-B', price: 500 },
      ]));
    });

    const customerToken = (customerId: string) => `Bearer ${tokenFor('customer', customerId)}`;
    const place = async (
      extra: Record<string, unknown> = {},
      lines = [
        { sku: 'PAY-A', quantity: 2 },
        { sku: 'PAY-B', quantity: 1 },
      ],
    ) => {
      const customerId = randomUUID();
      const body = await placeOrder(orders, customerId, checkout(customerId, lines, extra));
      return { id: body.id as string, customerId, body };
    };
    const card = (cardToken: string) => ({ payment: { method: 'CARD', cardToken } });
    const orderOf = (id: string) => fetchOrder(orders, id);
    const ledgerOf = (id: string) => paymentsOf(orders, id);
    const statusIs = (id: string, status: string, timeoutMs = 20_000) => orderStatusIs(orders, id, status, timeoutMs);
    const reserve = (orderId: string) =>
      publishRaw(topic(Topics.inventoryStock), [
        eventMessage(StockReserved, {
          orderId,
          reservationId: randomUUID(),
          lines: [{ sku: 'PAY-A', warehouseId: 'MAIN', quantity: 2 }],
          reservedAt: new Date().toISOString(),
        }),
      ]);
    const events = (type: string, orderId: string) =>
      reader.messages.filter((m) => m.headers.ce_type === type && m.json?.orderId === orderId);

    const confirmedOrder = async () => {
      const placed = await place();
      await reserve(placed.id);
      await statusIs(placed.id, 'CONFIRMED');
      return placed;
    };
    const shipment = (orderId: string, shipmentId = randomUUID()) => ({
      created: eventMessage(ShipmentCreated, {
        shipmentId,
        orderId,
        merchantId,
        warehouseId: 'MAIN',
        carrier: 'SANDBOX-POST',
        serviceLevel: 'STANDARD',
        trackingNumber: `SB-${shipmentId.slice(0, 8)}`,
        zone: 'DOMESTIC',
        lines: [{ sku: 'PAY-A', quantity: 2 }],
        chargeableWeightGrams: 1200,
        carrierCost: 590,
        shippingFee: 0,
        currency: 'EUR',
        promisedBy: new Date(Date.now() + 86_400_000).toISOString(),
        createdAt: new Date().toISOString(),
      }),
      dispatched: eventMessage(ShipmentDispatched, {
        shipmentId,
        orderId,
        warehouseId: 'MAIN',
        carrier: 'SANDBOX-POST',
        trackingNumber: `SB-${shipmentId.slice(0, 8)}`,
        lines: [{ sku: 'PAY-A', quantity: 2 }],
        dispatchedAt: new Date().toISOString(),
      }),
      delivered: eventMessage(ShipmentDelivered, {
        shipmentId,
        orderId,
        merchantId,
        carrier: 'SANDBOX-POST',
        trackingNumber: `SB-${shipmentId.slice(0, 8)}`,
        onTime: true,
        promisedBy: new Date(Date.now() + 86_400_000).toISOString(),
        deliveredAt: new Date().toISOString(),
      }),
    });

    it('authorises once stock said yes, then confirms; dispatch captures and ships; every shipment delivered -> DELIVERED; the window closes -> COMPLETED', async () => {
      const { id, body } = await place();
      // 2 x 19.99 + 5.00, no fee (no LOGISTICS_URL here): 44.98.
      expect(body).toMatchObject({ status: 'PENDING', subtotal: 4498, totalAmount: 4498, amountToPay: 4498 });
      await reserve(id);
      const confirmed = await statusIs(id, 'CONFIRMED');
      expect(confirmed.timeline.map((c: { status: string }) => c.status)).toEqual(['PENDING', 'CONFIRMED']);
      expect(confirmed.timeline[1].detail).toMatch(/authorised by SANDBOX/);
      const [authorised] = await reader.waitFor(
        (m) => m.headers.ce_type === OrderPaymentAuthorised.type && m.json.orderId === id,
      );
      expect(authorised.json).toMatchObject({ amount: 4498, currency: 'EUR', gateway: 'SANDBOX', method: 'CARD' });
      await reader.waitFor((m) => m.headers.ce_type === OrderConfirmed.type && m.json.orderId === id);

      const [first, second] = [shipment(id), shipment(id)];
      await publishRaw(topic(Topics.logisticsShipment), [
        first.created,
        second.created,
        first.dispatched,
        first.dispatched,
      ]);
      await statusIs(id, 'SHIPPED');
      const [captured] = await reader.waitFor(
        (m) => m.headers.ce_type === OrderPaymentCaptured.type && m.json.orderId === id,
      );
      expect(captured.json).toMatchObject({ amount: 4498, paymentId: expect.any(String) });
      expect(events(OrderShipped.type, id)).toHaveLength(1);

      // One of two parcels delivered: still SHIPPED.
      await publishRaw(topic(Topics.logisticsShipment), [first.delivered]);
      await publishRaw(topic(Topics.logisticsShipment), [second.dispatched, second.delivered]);
      const delivered = await statusIs(id, 'DELIVERED');
      const [deliveredEvent] = await reader.waitFor(
        (m) => m.headers.ce_type === OrderDelivered.type && m.json.orderId === id,
      );
      expect(
        new Date(deliveredEvent.json.returnWindowEndsAt).getTime() -
          new Date(deliveredEvent.json.deliveredAt).getTime(),
      ).toBe(2000);
      expect(delivered.timeline.at(-1).detail).toMatch(/every shipment delivered/);

      const completed = await statusIs(id, 'COMPLETED');
      expect(completed.timeline.map((c: { status: string }) => c.status)).toEqual([
        'PENDING',
        'CONFIRMED',
        'SHIPPED',
        'DELIVERED',
        'COMPLETED',
      ]);
      const [completedEvent] = await reader.waitFor(
        (m) => m.headers.ce_type === OrderCompleted.type && m.json.orderId === id,
      );
      expect(completedEvent.json.lines).toEqual(
        expect.arrayContaining([expect.objectContaining({ sku: 'PAY-A', merchantId })]),
      );
      expect(
        (await ledgerOf(id)).map((row: { operation: string; status: string; amount: number }) => [
          row.operation,
          row.status,
          row.amount,
        ]),
      ).toEqual([
        ['AUTHORISE', 'SUCCEEDED', 4498],
        ['CAPTURE', 'SUCCEEDED', 4498],
      ]);
    });

    it('a declined card cancels with PAYMENT_DECLINED, in v2 and (mapped) in v1', async () => {
      const { id } = await place(card(SANDBOX_CARDS.DECLINED));
      await reserve(id);
      const order = await statusIs(id, 'CANCELLED');
      expect(order.timeline.at(-1)).toMatchObject({
        reason: 'PAYMENT_DECLINED',
        detail: expect.stringMatching(/card_declined/),
      });
      const [v2] = await reader.waitFor(
        (m) => m.headers.ce_type === OrderCancelledV2Event.type && m.json.orderId === id,
      );
      expect(v2.json).toMatchObject({ reason: 'PAYMENT_DECLINED', wasConfirmed: false });
      const [v1] = await reader.waitFor((m) => m.headers.ce_type === OrderCancelled.type && m.json.orderId === id);
      expect(v1.json.reason).toBe('CONFIRMATION_DEADLINE_PASSED');
      expect(v1.json.detail).toMatch(/^\[PAYMENT_DECLINED\]/);
      expect(
        (await ledgerOf(id)).map((row: { operation: string; status: string }) => [row.operation, row.status]),
      ).toEqual([['AUTHORISE', 'DECLINED']]);
    });

    it('a gateway that does not answer in time cancels with PAYMENT_FAILED and voids, to be safe', async () => {
      const { id } = await place(card(SANDBOX_CARDS.TIMES_OUT));
      await reserve(id);
      const order = await statusIs(id, 'CANCELLED');
      expect(order.timeline.at(-1).reason).toBe('PAYMENT_FAILED');
      const ledger = await eventually(
        async () => {
          const rows = await ledgerOf(id);
          return rows.length === 2 && rows[1].status === 'SUCCEEDED' ? rows : undefined;
        },
        20_000,
        'the void',
      );
      expect(ledger.map((row: { operation: string; status: string }) => [row.operation, row.status])).toEqual([
        ['AUTHORISE', 'FAILED'],
        ['VOID', 'SUCCEEDED'],
      ]);
    });

    describe('an asynchronous payment settled by the signed webhook', () => {
      const post = (body: object, headers: Record<string, string>) =>
        request(orders.url)
          .post('/payments/webhooks/sandbox')
          .set('Content-Type', 'application/json')
          .set(headers)
          .send(JSON.stringify(body));
      const signed = (body: object, eventId: string, secret = WEBHOOK_SECRET, at = Math.floor(Date.now() / 1000)) => ({
        'Payment-Event-Id': eventId,
        'Payment-Signature': signWebhook(secret, at, eventId, JSON.stringify(body)),
      });

      it('stays PENDING until a valid webhook; unsigned, mis-signed, stale and replayed ones change nothing', async () => {
        const { id } = await place(card(SANDBOX_CARDS.ASYNCHRONOUS));
        await reserve(id);
        const pending = await eventually(
          async () => {
            const rows = await ledgerOf(id);
            return rows[0]?.status === 'PENDING' ? rows[0] : undefined;
          },
          20_000,
          'a PENDING authorisation',
        );
        const reference = (
          await orders.dataSource.query(`SELECT gateway_reference FROM payments WHERE id = $1`, [pending.id])
        )[0].gateway_reference;
        const eventId = randomUUID();
        const body = { eventId, reference, outcome: 'AUTHORISED' };

        expect((await post(body, {}).expect(401)).body.code).toBe('WEBHOOK_SIGNATURE_MISSING');
        expect((await post(body, signed(body, eventId, 'not-the-secret-at-all')).expect(401)).body.code).toBe(
          'WEBHOOK_SIGNATURE_MISMATCH',
        );
        expect(
          (await post(body, signed(body, eventId, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 301)).expect(401))
            .body.code,
        ).toBe('WEBHOOK_SIGNATURE_STALE');
        // A body changed after signing does not verify.
        expect((await post({ ...body, outcome: 'DECLINED' }, signed(body, eventId)).expect(401)).body.code).toBe(
          'WEBHOOK_SIGNATURE_MISMATCH',
        );
        expect((await orderOf(id)).status).toBe('PENDING');
        expect((await orders.dataSource.query(`SELECT count(*)::int AS n FROM payment_webhook_events`))[0].n).toBe(0);

        expect((await post(body, signed(body, eventId)).expect(200)).body).toEqual({ applied: true });
        await statusIs(id, 'CONFIRMED');
        expect((await post(body, signed(body, eventId)).expect(409)).body.code).toBe('PAYMENT_WEBHOOK_REPLAYED');
        // Another event for the settled reference changes nothing either.
        const again = { eventId: randomUUID(), reference, outcome: 'DECLINED' };
        expect((await post(again, signed(again, again.eventId)).expect(200)).body).toEqual({ applied: false });
        expect((await orderOf(id)).status).toBe('CONFIRMED');
        expect(
          (await ledgerOf(id)).map((row: { operation: string; status: string }) => [row.operation, row.status]),
        ).toEqual([['AUTHORISE', 'SUCCEEDED']]);
      });
    });

    describe('coupons and points join the saga', () => {
      it('waits for every participant, and pays the total less the points', async () => {
        const { id, customerId } = await place({ couponCodes: ['WELCOME4'], pointsToRedeem: 498 });
        await reserve(id);
        await publishRaw(topic(Topics.membershipMember), [
          eventMessage(PointsHeld, {
            memberId: customerId,
            orderId: id,
            points: 498,
            availableAfter: 0,
            heldAt: new Date().toISOString(),
          }),
        ]);
        // Stock and points said yes; coupons has not: still PENDING, nothing asked of the gateway.
        await eventually(
          async () =>
            (
              await orders.dataSource.query(`SELECT count(*)::int AS n FROM order_saga_answers WHERE order_id = $1`, [
                id,
              ])
            )[0].n === 2,
          20_000,
          'two answers',
        );
        expect((await orderOf(id)).status).toBe('PENDING');
        expect(await ledgerOf(id)).toEqual([]);
        await publishRaw(topic(Topics.marketingCoupon), [
          eventMessage(CouponsRedeemed, {
            orderId: id,
            customerId,
            couponCodes: ['WELCOME4'],
            discount: 0,
            currency: 'EUR',
            redeemedAt: new Date().toISOString(),
          }),
        ]);
        await statusIs(id, 'CONFIRMED');
        expect((await ledgerOf(id))[0]).toMatchObject({ operation: 'AUTHORISE', amount: 4000 });
      });

      it('a coupon refused cancels with COUPON_REJECTED; v2 tells marketing and membership what to restore', async () => {
        const { id, customerId } = await place({ couponCodes: ['WELCOME4'], pointsToRedeem: 100 });
        await publishRaw(topic(Topics.marketingCoupon), [
          eventMessage(CouponRedemptionFailed, {
            orderId: id,
            customerId,
            couponCode: 'WELCOME4',
            reason: 'TOTAL_CAP_REACHED',
            failedAt: new Date().toISOString(),
          }),
        ]);
        const order = await statusIs(id, 'CANCELLED');
        expect(order.timeline.at(-1)).toMatchObject({
          reason: 'COUPON_REJECTED',
          detail: 'coupon WELCOME4 TOTAL_CAP_REACHED',
        });
        const [v2] = await reader.waitFor(
          (m) => m.headers.ce_type === OrderCancelledV2Event.type && m.json.orderId === id,
        );
        expect(v2.json).toMatchObject({ couponCodes: ['WELCOME4'], pointsToRedeem: 100, wasConfirmed: false });
      });

      it('a silent participant: cancelled by the deadline, naming who did not answer', async () => {
        const { id } = await place({ couponCodes: ['WELCOME4'] });
        await reserve(id);
        const order = await statusIs(id, 'CANCELLED', 30_000);
        expect(order.timeline.at(-1)).toMatchObject({
          reason: 'CONFIRMATION_DEADLINE_PASSED',
          detail: expect.stringMatching(/no answer from coupons/),
        });
      });
    });

    describe('cancelling', () => {
      it('the customer cancels its confirmed order: released (v2 wasConfirmed) and the authorisation voided', async () => {
        const { id, customerId } = await confirmedOrder();
        // Another customer cannot see or cancel it.
        await request(orders.url)
          .post(`/orders/${id}/cancel`)
          .set('Authorization', customerToken(randomUUID()))
          .send({})
          .expect(404);
        await request(orders.url).get(`/orders/${id}`).set('Authorization', customerToken(randomUUID())).expect(404);
        const cancelled = await request(orders.url)
          .post(`/orders/${id}/cancel`)
          .set('Authorization', customerToken(customerId))
          .send({ detail: 'changed my mind' })
          .expect(200);
        expect(cancelled.body.timeline.at(-1)).toMatchObject({
          status: 'CANCELLED',
          reason: 'CUSTOMER_REQUEST',
          detail: 'changed my mind',
        });
        const [v2] = await reader.waitFor(
          (m) => m.headers.ce_type === OrderCancelledV2Event.type && m.json.orderId === id,
        );
        expect(v2.json).toMatchObject({ reason: 'CUSTOMER_REQUEST', wasConfirmed: true });
        await eventually(
          async () =>
            (await ledgerOf(id)).some(
              (row: { operation: string; status: string }) => row.operation === 'VOID' && row.status === 'SUCCEEDED',
            ),
          20_000,
          'the void',
        );
        // Cancelling again: the state refuses it.
        expect(
          (
            await request(orders.url)
              .post(`/orders/${id}/cancel`)
              .set('Authorization', customerToken(customerId))
              .send({})
              .expect(409)
          ).body.code,
        ).toBe('ILLEGAL_ORDER_TRANSITION');
      });

      it('after dispatch: 409, for the customer and ops alike', async () => {
        const { id, customerId } = await confirmedOrder();
        await publishRaw(topic(Topics.logisticsShipment), [shipment(id).dispatched]);
        await statusIs(id, 'SHIPPED');
        expect(
          (
            await request(orders.url)
              .post(`/orders/${id}/cancel`)
              .set('Authorization', customerToken(customerId))
              .send({})
              .expect(409)
          ).body.code,
        ).toBe('ILLEGAL_ORDER_TRANSITION');
        await request(orders.url).post(`/orders/${id}/cancel`).set('Authorization', ops).send({}).expect(409);
        expect((await orderOf(id)).status).toBe('SHIPPED');
      });
    });

    describe('refunds from customer-service', () => {
      const delivered = async () => {
        const placed = await confirmedOrder();
        const parcel = shipment(placed.id);
        await publishRaw(topic(Topics.logisticsShipment), [parcel.created, parcel.dispatched, parcel.delivered]);
        await statusIs(placed.id, 'DELIVERED');
        return placed;
      };
      const refundRequest = (
        orderId: string,
        customerId: string,
        lines: { sku: string; quantity: number }[],
        returnId = randomUUID(),
      ) =>
        eventMessage(ReturnRefundRequested, {
          returnId,
          orderId,
          customerId,
          currency: 'EUR',
          expectedAmount: 0,
          lines,
          requestedAt: new Date().toISOString(),
        });

      it('a refund request delivered twice refunds once; a partial one leaves PARTIALLY_REFUNDED, the rest REFUNDED', async () => {
        const { id, customerId } = await delivered();
        const partial = refundRequest(id, customerId, [{ sku: 'PAY-A', quantity: 1 }]);
        await publishRaw(topic(Topics.customerServiceReturn), [
          partial,
          { ...partial, headers: { ...partial.headers, ce_id: randomUUID() } },
        ]);
        const order = await statusIs(id, 'PARTIALLY_REFUNDED');
        const [refunded] = await reader.waitFor(
          (m) => m.headers.ce_type === OrderRefunded.type && m.json.orderId === id,
        );
        // floor(3998 / 2) = 1999 for one of the two units; no points on this order.
        expect(refunded.json).toMatchObject({
          amount: 1999,
          pointsRefunded: 0,
          fullyRefunded: false,
          lines: [{ sku: 'PAY-A', quantity: 1, amount: 1999, merchantId }],
        });
        expect(order.timeline.at(-1).detail).toMatch(/^refund .* 1999 EUR/);

        await publishRaw(topic(Topics.customerServiceReturn), [
          refundRequest(id, customerId, [
            { sku: 'PAY-A', quantity: 1 },
            { sku: 'PAY-B', quantity: 1 },
          ]),
        ]);
        await statusIs(id, 'REFUNDED');
        const refunds = (await ledgerOf(id)).filter((row: { operation: string }) => row.operation === 'REFUND');
        expect(refunds.map((row: { amount: number; status: string }) => [row.amount, row.status])).toEqual([
          [1999, 'SUCCEEDED'],
          [2499, 'SUCCEEDED'],
        ]);
        expect(events(OrderRefunded.type, id)).toHaveLength(2);
      });
    });

    it('a token holding customer and merchant is scoped by each role; a merchant sees only orders with its lines', async () => {
      const { id, customerId } = await place();
      const both = `Bearer ${tokenFor('customer', customerId, { roles: ['customer', 'merchant'], merchantId })}`;
      const otherMerchant = `Bearer ${tokenFor('merchant', randomUUID(), { merchantId: randomUUID() })}`;
      const ownMerchant = `Bearer ${tokenFor('merchant', randomUUID(), { merchantId })}`;
      const listed = await request(orders.url).get('/orders').set('Authorization', both).expect(200);
      expect(listed.body.items.map((o: { id: string }) => o.id)).toEqual([id]);
      const strangerBoth = `Bearer ${tokenFor('customer', randomUUID(), { roles: ['customer', 'merchant'], merchantId })}`;
      expect(
        (await request(orders.url).get('/orders').set('Authorization', strangerBoth).expect(200)).body.items,
      ).toEqual([]);
      await request(orders.url).get(`/orders/${id}`).set('Authorization', strangerBoth).expect(404);
      expect(
        (await request(orders.url).get('/orders').set('Authorization', otherMerchant).expect(200)).body.items,
      ).toEqual([]);
      await request(orders.url).get(`/orders/${id}`).set('Authorization', otherMerchant).expect(404);
      await request(orders.url).get(`/orders/${id}`).set('Authorization', ownMerchant).expect(200);
      const mine = await request(orders.url)
        .get('/orders')
        .query({ limit: 100 })
        .set('Authorization', ownMerchant)
        .expect(200);
      expect(mine.body.items.map((o: { id: string }) => o.id)).toContain(id);
      // ops filters by status, merchant and placing time.
      const filtered = await request(orders.url)
        .get('/orders')
        .query({
          merchantId,
          status: 'PENDING',
          from: new Date(Date.now() - 60_000).toISOString(),
          to: new Date(Date.now() + 60_000).toISOString(),
          limit: 100,
        })
        .set('Authorization', ops)
        .expect(200);
      expect(filtered.body.items.map((o: { id: string }) => o.id)).toContain(id);
      expect(filtered.body.items.every((o: { status: string }) => o.status === 'PENDING')).toBe(true);
    });
  },
);
