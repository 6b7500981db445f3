import {
  MerchantScoreChanged,
  MerchantSuspended,
  OrderCompleted,
  ReturnApproved,
  ReviewPublished,
  ShipmentDelayed,
  TicketOpened,
  Topics,
} from '@emporium/contracts';
import { eventMessage, eventually, integrationSuite, publishRaw, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { registration } from './fixtures';
import { merchantsRecipe } from './merchants.recipe';

const setup = {
  services: { merchants: { recipe: merchantsRecipe, env: { CREDIBILITY_SUSPENSION_THRESHOLD: '60' } } },
  read: [Topics.merchantsMerchant],
};

integrationSuite(
  'merchant credibility from other services’ events (real PostgreSQL and Kafka)',
  setup,
  ({ merchants, reader, topic }) => {
    const ops = `Bearer ${tokenFor('ops')}`;
    const now = () => new Date().toISOString();

    const approvedMerchant = async () => {
      const created = await request(merchants.url)
        .post('/merchants')
        .set('Authorization', `Bearer ${tokenFor('merchant')}`)
        .send(registration())
        .expect(201);
      await request(merchants.url).post(`/merchants/${created.body.id}/approve`).set('Authorization', ops).expect(200);
      return created.body.id as string;
    };
    const score = async (id: string) =>
      (await request(merchants.url).get(`/merchants/${id}/score`).set('Authorization', ops).expect(200)).body;
    const completed = (merchantId: string, orderId = randomUUID()) =>
      eventMessage(OrderCompleted, {
        orderId,
        customerId: randomUUID(),
        currency: 'EUR',
        lines: [{ sku: 'SKU-1', merchantId, quantity: 1, unitPrice: 1000, lineTotal: 1000 }],
        totalAmount: 1000,
        completedAt: now(),
      });
    const complaint = (merchantId: string, kind: 'COMPLAINT' | 'PRE_SALES' = 'COMPLAINT') =>
      eventMessage(TicketOpened, {
        ticketId: randomUUID(),
        kind,
        customerId: randomUUID(),
        merchantId,
        subject: 'broken on arrival',
        openedAt: now(),
      });

    it('recomputes the score from completed orders, complaints, late shipments, returns and reviews', async () => {
      const merchantId = await approvedMerchant();
      const orderIds = Array.from({ length: 40 }, () => randomUUID());
      await publishRaw(
        topic(Topics.ordersOrder),
        orderIds.map((orderId) => completed(merchantId, orderId)),
      );
      await publishRaw(topic(Topics.customerServiceTicket), [
        complaint(merchantId),
        complaint(merchantId),
        complaint(merchantId, 'PRE_SALES'),
      ]);
      await publishRaw(topic(Topics.logisticsShipment), [
        ...[1, 2, 3].map(() =>
          eventMessage(ShipmentDelayed, {
            shipmentId: randomUUID(),
            orderId: randomUUID(),
            merchantId,
            stage: 'DISPATCH',
            promisedBy: now(),
            detectedAt: now(),
          }),
        ),
        // The carrier's lateness does not count against the merchant.
        eventMessage(ShipmentDelayed, {
          shipmentId: randomUUID(),
          orderId: randomUUID(),
          merchantId,
          stage: 'DELIVERY',
          promisedBy: now(),
          detectedAt: now(),
        }),
      ]);
      await publishRaw(
        topic(Topics.customerServiceReturn),
        [1, 2, 3].map(() =>
          eventMessage(ReturnApproved, {
            returnId: randomUUID(),
            orderId: orderIds[0],
            customerId: randomUUID(),
            merchantId,
            automatic: true,
            lines: [{ sku: 'SKU-1', quantity: 1 }],
            approvedAt: now(),
          }),
        ),
      );
      const review = (rating: number) =>
        eventMessage(ReviewPublished, {
          reviewId: randomUUID(),
          productId: randomUUID(),
          merchantId,
          customerId: randomUUID(),
          rating,
          publishedAt: now(),
        });
      await publishRaw(topic(Topics.customerServiceReview), [
        ...Array.from({ length: 10 }, () => review(4)),
        ...Array.from({ length: 10 }, () => review(4)),
      ]);

      const result = await eventually(
        async () => {
          const s = await score(merchantId);
          return s.inputs.completedOrders === 40 &&
            s.inputs.complaints === 2 &&
            s.inputs.lateShipments === 3 &&
            s.inputs.returns === 3 &&
            s.inputs.reviews === 20
            ? s
            : undefined;
        },
        30_000,
        'every fact to be counted',
      );
      // The formula's worked example in the README: 100 - 10 - 6.3 - 6.7 - 2.9.
      expect(result).toMatchObject({
        score: 74,
        status: 'APPROVED',
        penalties: { complaints: 10, lateShipments: 6.3, returns: 6.7, rating: 2.9 },
      });
      expect(result.inputs).toMatchObject({ windowDays: 90, averageRating: 4 });
      // The last score-changed event trails the database by the relay's hop: wait for it, do not sample.
      const last = await eventually(
        () => {
          const changes = reader.ofType(MerchantScoreChanged.type).filter((m) => m.json.merchantId === merchantId);
          return changes.at(-1)?.json.score === 74 ? changes.at(-1) : undefined;
        },
        30_000,
        'the score-changed event of the last fact',
      );
      expect(last!.json).toMatchObject({ score: 74, inputs: { completedOrders: 40 } });
    });

    it('counts a fact once even when it arrives twice under different event ids', async () => {
      const merchantId = await approvedMerchant();
      const ticket = {
        ticketId: randomUUID(),
        kind: 'COMPLAINT' as const,
        customerId: randomUUID(),
        merchantId,
        subject: 'late',
        openedAt: now(),
      };
      await publishRaw(topic(Topics.customerServiceTicket), [
        eventMessage(TicketOpened, ticket),
        eventMessage(TicketOpened, ticket),
        complaint(merchantId),
      ]);
      await eventually(async () => (await score(merchantId)).inputs.complaints === 2, 20_000, 'two complaints');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await score(merchantId)).inputs.complaints).toBe(2);
    });

    it('suspends an approved merchant automatically when the score falls below the threshold', async () => {
      const merchantId = await approvedMerchant();
      // 3 complaints with no orders: 3/20 = 15% → the full 30 points; 2 late shipments → 12.5 points.
      await publishRaw(topic(Topics.customerServiceTicket), [
        complaint(merchantId),
        complaint(merchantId),
        complaint(merchantId),
      ]);
      await publishRaw(
        topic(Topics.logisticsShipment),
        [1, 2].map(() =>
          eventMessage(ShipmentDelayed, {
            shipmentId: randomUUID(),
            orderId: randomUUID(),
            merchantId,
            stage: 'DISPATCH',
            promisedBy: now(),
            detectedAt: now(),
          }),
        ),
      );
      const [suspended] = await reader.waitFor(
        (m) => m.headers.ce_type === MerchantSuspended.type && m.json.merchantId === merchantId,
        1,
        30_000,
      );
      expect(suspended.json).toMatchObject({
        cause: 'LOW_CREDIBILITY_SCORE',
        actor: 'system',
        reason: expect.stringContaining('below 60'),
      });
      const merchant = await request(merchants.url)
        .get(`/merchants/${merchantId}`)
        .set('Authorization', ops)
        .expect(200);
      expect(merchant.body.status).toBe('SUSPENDED');
      expect(merchant.body.audit.at(-1)).toMatchObject({ action: 'SUSPENDED', actor: 'system' });
      expect(suspended.headers.ce_causationid).toBeDefined();
    });
  },
);
