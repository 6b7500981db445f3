import {
  BirthdayRewardGranted,
  CompensationRequested,
  ReviewPublished,
  ShipmentDelayed,
  ShipmentLost,
  SkuAdded,
  TicketOpened,
  Topics,
} from '@emporium/contracts';
import { eventMessage, eventually, integrationSuite, publishRaw } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { confirm, customer, deliver, known, mailbox, ops, topics } from './customer-service.fixtures';
import { customerServiceRecipe, fastJobs } from './customer-service.recipe';

const setup = {
  services: { cs: { recipe: customerServiceRecipe, env: fastJobs } },
  read: [Topics.customerServiceTicket, Topics.customerServiceReview],
};

integrationSuite(
  'customer-service: proactive care, reviews, greetings and satisfaction (real PostgreSQL and Kafka)',
  setup,
  ({ cs, reader, run }) => {
    const t = topics(run);
    const merchantId = randomUUID();
    const productId = randomUUID();
    const sku = `KETTLE-${run.id}`;
    const other = `TOASTER-${run.id}`;
    const line = (s: string) => ({ sku: s, quantity: 1, unitPrice: 3900, lineTotal: 3900, merchantId });

    beforeAll(async () => {
      await publishRaw(t.catalog, [
        eventMessage(SkuAdded, {
          productId,
          merchantId,
          sku,
          options: {},
          price: 3900,
          currency: 'EUR',
          weightGrams: 900,
          dimensions: { lengthMm: 200, widthMm: 200, heightMm: 250 },
          addedAt: new Date().toISOString(),
        }),
      ]);
      await eventually(
        async () => (await cs.dataSource.query(`SELECT 1 FROM sku_products WHERE sku = $1`, [sku])).length > 0,
        30_000,
        'the SKU -> product read model',
      );
    });

    it('a delayed shipment opens a logistics ticket and asks marketing for a coupon, once, however often it is reported; a lost parcel likewise', async () => {
      const customerId = randomUUID();
      const orderId = await confirm(run, customerId, [line(sku)]);
      await eventually(
        async () => (await cs.dataSource.query(`SELECT 1 FROM orders WHERE order_id = $1`, [orderId])).length > 0,
        30_000,
        'the confirmed order',
      );
      const shipmentId = randomUUID();
      const delayed = {
        shipmentId,
        orderId,
        merchantId,
        stage: 'DELIVERY' as const,
        promisedBy: new Date().toISOString(),
        detectedAt: new Date().toISOString(),
      };
      await publishRaw(t.shipments, [eventMessage(ShipmentDelayed, delayed), eventMessage(ShipmentDelayed, delayed)]);
      const [compensation] = await reader.waitFor(
        (m) => m.headers.ce_type === CompensationRequested.type && m.json.orderId === orderId,
      );
      expect(compensation.json).toMatchObject({ customerId, cause: 'SHIPMENT_DELAYED', amount: 500, currency: 'EUR' });
      const [opened] = await reader.waitFor(
        (m) => m.headers.ce_type === TicketOpened.type && m.json.ticketId === compensation.json.ticketId,
      );
      expect(opened.json).toMatchObject({ kind: 'LOGISTICS', customerId, orderId, merchantId });

      const lost = {
        shipmentId,
        orderId,
        merchantId,
        carrier: 'SANDBOX-POST',
        trackingNumber: 'SBPOST-LOST00000001',
        lines: [{ sku, quantity: 1 }],
        reportedBy: 'CARRIER' as const,
        reportedAt: new Date().toISOString(),
      };
      await publishRaw(t.shipments, [eventMessage(ShipmentLost, lost)]);
      await reader.waitFor(
        (m) =>
          m.headers.ce_type === CompensationRequested.type &&
          m.json.orderId === orderId &&
          m.json.cause === 'SHIPMENT_LOST',
      );
      const tickets = await request(cs.url)
        .get(`/tickets?orderId=${orderId}`)
        .set('Authorization', customer(customerId))
        .expect(200);
      expect(tickets.body.items.map((ticket: { priority: string }) => ticket.priority).sort()).toEqual([
        'HIGH',
        'URGENT',
      ]);
      // Two tickets, one per exception: the coupon request is written only with a new ticket, so the repeated
      // delay report (consumed before the loss, same key) asked for nothing.
      expect(
        reader
          .ofType(CompensationRequested.type)
          .filter((m) => m.json.orderId === orderId && m.json.cause === 'SHIPMENT_DELAYED'),
      ).toHaveLength(1);
      const notices = await eventually(
        async () => {
          const items = (await mailbox(cs, customerId)).filter((m) => m.template.startsWith('SHIPMENT_'));
          return items.length >= 2 ? items : undefined;
        },
        30_000,
        'the delay and loss notices',
      );
      expect(notices.map((m) => m.template).sort()).toEqual(['SHIPMENT_DELAYED', 'SHIPMENT_LOST']);
    });

    it('a low review of a delivered line publishes review.published and opens a complaint ticket; a second review of that line is refused', async () => {
      const customerId = randomUUID();
      const order = await deliver(run, customerId, [line(sku), line(other)]);
      await known(cs, order.orderId);
      const { body: review } = await request(cs.url)
        .post('/reviews')
        .set('Authorization', customer(customerId))
        .send({ orderId: order.orderId, sku, rating: 2, text: 'Leaks after a week.' })
        .expect(201);
      expect(review).toMatchObject({ status: 'PUBLISHED', productId, merchantId, rating: 2 });
      expect(review.ticketId).not.toBeNull();
      const [published] = await reader.waitFor(
        (m) => m.headers.ce_type === ReviewPublished.type && m.json.reviewId === review.id,
      );
      expect(published.json).toMatchObject({
        productId,
        merchantId,
        sku,
        customerId,
        orderId: order.orderId,
        rating: 2,
      });
      const [ticket] = await reader.waitFor(
        (m) => m.headers.ce_type === TicketOpened.type && m.json.ticketId === review.ticketId,
      );
      expect(ticket.json).toMatchObject({ kind: 'COMPLAINT', customerId, merchantId });

      const again = await request(cs.url)
        .post('/reviews')
        .set('Authorization', customer(customerId))
        .send({ orderId: order.orderId, sku, rating: 5, text: 'Changed my mind' })
        .expect(409);
      expect(again.body.code).toBe('REVIEW_EXISTS');
      // The toaster was delivered too, but catalog never announced it: no product to rate yet.
      const unknownProduct = await request(cs.url)
        .post('/reviews')
        .set('Authorization', customer(customerId))
        .send({ orderId: order.orderId, sku: other, rating: 4, text: 'ok' })
        .expect(422);
      expect(unknownProduct.body).toMatchObject({ code: 'PRODUCT_UNKNOWN', errors: [{ field: 'sku' }] });
    });

    it('only verified purchases: an undelivered line or order, or someone else’s order, cannot be reviewed', async () => {
      const customerId = randomUUID();
      const order = await deliver(run, customerId, [line(sku)]);
      await known(cs, order.orderId);
      const undeliveredLine = await request(cs.url)
        .post('/reviews')
        .set('Authorization', customer(customerId))
        .send({ orderId: order.orderId, sku: `NEVER-${run.id}`, rating: 5, text: 'great' })
        .expect(422);
      expect(undeliveredLine.body).toMatchObject({ code: 'SKU_NOT_DELIVERED', errors: [{ field: 'sku' }] });
      const confirmedOnly = await confirm(run, customerId, [line(sku)]);
      await eventually(
        async () => (await cs.dataSource.query(`SELECT 1 FROM orders WHERE order_id = $1`, [confirmedOnly])).length > 0,
        30_000,
        'the confirmed order',
      );
      const undeliveredOrder = await request(cs.url)
        .post('/reviews')
        .set('Authorization', customer(customerId))
        .send({ orderId: confirmedOnly, sku, rating: 5, text: 'great' })
        .expect(422);
      expect(undeliveredOrder.body).toMatchObject({ code: 'ORDER_NOT_DELIVERED', errors: [{ field: 'orderId' }] });
      await request(cs.url)
        .post('/reviews')
        .set('Authorization', customer(randomUUID()))
        .send({ orderId: order.orderId, sku, rating: 5, text: 'great' })
        .expect(404);
      const invalid = await request(cs.url)
        .post('/reviews')
        .set('Authorization', customer(customerId))
        .send({ orderId: order.orderId, sku, rating: 6, text: '' })
        .expect(400);
      expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['rating', 'text']);
    });

    it('a listed word holds a review for moderation; ops publish it', async () => {
      const customerId = randomUUID();
      const order = await deliver(run, customerId, [line(sku)]);
      await known(cs, order.orderId);
      const { body: review } = await request(cs.url)
        .post('/reviews')
        .set('Authorization', customer(customerId))
        .send({ orderId: order.orderId, sku, rating: 4, text: 'Works, but the box said SCAM on it?' })
        .expect(201);
      expect(review).toMatchObject({ status: 'PENDING_MODERATION', flaggedWords: ['scam'], ticketId: null });
      const hidden = await request(cs.url)
        .get(`/reviews?productId=${productId}`)
        .set('Authorization', customer(randomUUID()))
        .expect(200);
      expect(hidden.body.items.map((r: { id: string }) => r.id)).not.toContain(review.id);
      await request(cs.url).get(`/reviews/${review.id}`).set('Authorization', customer(randomUUID())).expect(404);
      await request(cs.url).post(`/reviews/${review.id}/approve`).set('Authorization', ops()).expect(200);
      await request(cs.url).post(`/reviews/${review.id}/approve`).set('Authorization', ops()).expect(409);
      await reader.waitFor((m) => m.headers.ce_type === ReviewPublished.type && m.json.reviewId === review.id);
    });

    it('a birthday greeting is sent once per member and year', async () => {
      const memberId = randomUUID();
      const birthday = {
        memberId,
        year: 2026,
        points: 1000,
        tier: 'GOLD' as const,
        grantedAt: new Date().toISOString(),
      };
      await publishRaw(t.members, [
        eventMessage(BirthdayRewardGranted, birthday),
        eventMessage(BirthdayRewardGranted, birthday),
      ]);
      const [greeting] = await eventually(
        async () => {
          const items = await mailbox(cs, memberId);
          return items.length ? items : undefined;
        },
        30_000,
        'the greeting',
      );
      expect(greeting).toMatchObject({ template: 'BIRTHDAY', subject: 'Happy birthday from Emporium' });
      expect(greeting.body).toContain('1000 points');
      const [{ count }] = await cs.dataSource.query(
        `SELECT count(*)::int AS count FROM notifications WHERE member_id = $1`,
        [memberId],
      );
      expect(count).toBe(1);
    });

    it('surveys after delivery and after a resolved ticket give CSAT per merchant and per agent', async () => {
      const customerId = randomUUID();
      const order = await deliver(run, customerId, [line(sku)]);
      await known(cs, order.orderId);
      const [survey] = await eventually(
        async () =>
          (await request(cs.url).get('/surveys/me').set('Authorization', customer(customerId)).expect(200)).body.filter(
            (s: { kind: string }) => s.kind === 'ORDER',
          ),
        30_000,
        'the delivery survey',
      );
      expect(survey).toMatchObject({ orderId: order.orderId, merchantId, score: null });
      await request(cs.url)
        .post(`/surveys/${survey.id}/answer`)
        .set('Authorization', customer(randomUUID()))
        .send({ score: 1 })
        .expect(404);
      await request(cs.url)
        .post(`/surveys/${survey.id}/answer`)
        .set('Authorization', customer(customerId))
        .send({ score: 5 })
        .expect(200);
      await request(cs.url)
        .post(`/surveys/${survey.id}/answer`)
        .set('Authorization', customer(customerId))
        .send({ score: 1 })
        .expect(409);

      const { body: ticket } = await request(cs.url)
        .post('/tickets')
        .set('Authorization', customer(customerId))
        .send({ kind: 'AFTER_SALES', orderId: order.orderId, subject: 'Lid', body: 'Lid is stiff' })
        .expect(201);
      const agent = `agent-${run.id}`;
      await request(cs.url)
        .post(`/tickets/${ticket.id}/assign`)
        .set('Authorization', ops())
        .send({ assigneeId: agent })
        .expect(200);
      await request(cs.url).post(`/tickets/${ticket.id}/resolve`).set('Authorization', ops()).expect(200);
      const ticketSurvey = (
        await request(cs.url).get('/surveys/me').set('Authorization', customer(customerId)).expect(200)
      ).body.find((s: { kind: string }) => s.kind === 'TICKET');
      await request(cs.url)
        .post(`/surveys/${ticketSurvey.id}/answer`)
        .set('Authorization', customer(customerId))
        .send({ score: 3, comment: 'slow' })
        .expect(200);

      const csat = (await request(cs.url).get('/csat').set('Authorization', ops()).expect(200)).body;
      expect(csat.merchants.find((m: { id: string }) => m.id === merchantId)).toMatchObject({
        responses: 1,
        csat: 1,
        averageScore: 5,
      });
      expect(csat.agents.find((a: { id: string }) => a.id === agent)).toMatchObject({
        responses: 1,
        csat: 0,
        averageScore: 3,
      });
      await request(cs.url).get('/csat?from=yesterday').set('Authorization', ops()).expect(400);
    });
  },
);
