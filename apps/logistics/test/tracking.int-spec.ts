import {
  ReturnApproved,
  ShipmentDelayed,
  ShipmentDelivered,
  ShipmentInTransit,
  ShipmentLost,
  ShipmentOutForDelivery,
  ShipmentReturnCreated,
  ShipmentReturnReceived,
  Topics,
} from '@emporium/contracts';
import { eventMessage, integrationSuite, publishRaw, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DelayDetection } from '../src/shipments/delay-detection';
import {
  announceSku,
  confirmedEvent,
  HAMBURG,
  ops,
  readyShipments,
  reservedEvent,
  topics,
  warehouse,
  webhook,
} from './logistics.fixtures';
import { fastJobs, logisticsRecipe } from './logistics.recipe';

const setup = {
  services: { logistics: { recipe: logisticsRecipe, env: fastJobs } },
  read: [Topics.logisticsShipment],
};

integrationSuite(
  'logistics: tracking, exceptions, returns and scorecards (real PostgreSQL and Kafka)',
  setup,
  ({ logistics, reader, run }) => {
    const t = topics(run);
    const merchantId = randomUUID();
    const sku = `SPK-T-${run.id}`;

    beforeAll(async () => {
      await announceSku(run, sku, merchantId);
    });

    /** A confirmed order's READY shipment (Sandbox Post, 2 speakers to Hamburg), optionally dispatched. */
    async function shipment(dispatch = true) {
      const orderId = randomUUID();
      await publishRaw(t.orders, [
        confirmedEvent(orderId, [{ sku, quantity: 2, merchantId }], {
          shippingAddress: HAMBURG,
          deliveryOption: 'STANDARD',
        }),
      ]);
      await publishRaw(t.stock, [reservedEvent(orderId, [{ sku, warehouseId: 'MAIN', quantity: 2 }])]);
      const [ready] = await readyShipments(logistics, orderId, 1);
      if (dispatch)
        await request(logistics.url)
          .post(`/shipments/${ready.id}/dispatch`)
          .set('Authorization', warehouse())
          .expect(200);
      return ready;
    }
    const get = async (id: string) =>
      (await request(logistics.url).get(`/shipments/${id}`).set('Authorization', ops()).expect(200)).body;
    const update = (trackingNumber: string, status: string, minutesAgo: number) => ({
      eventId: randomUUID(),
      trackingNumber,
      status,
      occurredAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
      location: 'Hamburg hub',
    });
    const typesFor = (shipmentId: string) =>
      reader.messages.filter((m) => m.json?.shipmentId === shipmentId).map((m) => m.headers.ce_type);

    it('tracking updates out of order end DELIVERED; the late in-transit scan joins the timeline and publishes nothing', async () => {
      const s = await shipment();
      const delivered = update(s.trackingNumber, 'DELIVERED', 10);
      expect((await webhook(logistics, delivered).expect(200)).body).toEqual({
        shipmentId: s.id,
        status: 'DELIVERED',
        applied: true,
      });
      expect((await webhook(logistics, update(s.trackingNumber, 'IN_TRANSIT', 120)).expect(200)).body).toMatchObject({
        status: 'DELIVERED',
        applied: false,
      });
      expect(
        (await webhook(logistics, update(s.trackingNumber, 'OUT_FOR_DELIVERY', 60)).expect(200)).body,
      ).toMatchObject({ status: 'DELIVERED', applied: false });
      const after = await get(s.id);
      expect(after.status).toBe('DELIVERED');
      expect(after.deliveredAt).toBe(delivered.occurredAt);
      expect(after.timeline.map((entry: { status: string }) => entry.status)).toEqual([
        'IN_TRANSIT',
        'OUT_FOR_DELIVERY',
        'DELIVERED',
      ]);
      const [event] = await reader.waitFor(
        (m) => m.headers.ce_type === ShipmentDelivered.type && m.json.shipmentId === s.id,
      );
      expect(event.json).toMatchObject({
        orderId: s.orderId,
        merchantId,
        onTime: true,
        deliveredAt: delivered.occurredAt,
      });
      expect(typesFor(s.id)).not.toContain(ShipmentInTransit.type);
      expect(typesFor(s.id)).not.toContain(ShipmentOutForDelivery.type);
    });

    it('in order, each stage is published once; a failed attempt is timeline only', async () => {
      const s = await shipment();
      await webhook(logistics, update(s.trackingNumber, 'PICKED_UP', 50)).expect(200);
      await webhook(logistics, update(s.trackingNumber, 'IN_TRANSIT', 40)).expect(200);
      await webhook(logistics, update(s.trackingNumber, 'OUT_FOR_DELIVERY', 30)).expect(200);
      expect((await webhook(logistics, update(s.trackingNumber, 'FAILED_ATTEMPT', 20)).expect(200)).body).toMatchObject(
        { status: 'OUT_FOR_DELIVERY', applied: false },
      );
      await webhook(logistics, update(s.trackingNumber, 'DELIVERED', 1)).expect(200);
      await reader.waitFor((m) => m.headers.ce_type === ShipmentDelivered.type && m.json.shipmentId === s.id);
      expect(
        typesFor(s.id).filter(
          (type) => type !== 'logistics.shipment.created.v1' && type !== 'logistics.shipment.dispatched.v1',
        ),
      ).toEqual([ShipmentInTransit.type, ShipmentOutForDelivery.type, ShipmentDelivered.type]);
      expect((await get(s.id)).timeline.map((entry: { status: string }) => entry.status)).toEqual([
        'PICKED_UP',
        'IN_TRANSIT',
        'OUT_FOR_DELIVERY',
        'FAILED_ATTEMPT',
        'DELIVERED',
      ]);
    });

    it('unsigned, mis-signed, stale and replayed webhooks are refused and change nothing', async () => {
      const s = await shipment();
      const delivered = update(s.trackingNumber, 'DELIVERED', 1);
      const unsigned = await webhook(logistics, delivered, { sign: false }).expect(401);
      expect(unsigned.headers['content-type']).toContain('application/problem+json');
      expect(unsigned.body.code).toBe('WEBHOOK_SIGNATURE_MISSING');
      expect((await webhook(logistics, delivered, { secret: 'not-the-carriers-secret' }).expect(401)).body.code).toBe(
        'WEBHOOK_SIGNATURE_MISMATCH',
      );
      // The event id is signed: the same signature under another id does not verify.
      expect((await webhook(logistics, delivered, { sentEventId: randomUUID() }).expect(401)).body.code).toBe(
        'WEBHOOK_SIGNATURE_MISMATCH',
      );
      expect(
        (await webhook(logistics, delivered, { timestamp: Math.floor(Date.now() / 1000) - 301 }).expect(401)).body.code,
      ).toBe('WEBHOOK_SIGNATURE_STALE');
      // Another carrier's secret does not sign for this one.
      expect((await webhook(logistics, delivered, { carrier: 'SANDBOX-PARCEL' }).expect(401)).body.code).toBe(
        'WEBHOOK_SIGNATURE_MISMATCH',
      );
      let after = await get(s.id);
      expect(after.status).toBe('DISPATCHED');
      expect(after.timeline).toEqual([]);

      const inTransit = update(s.trackingNumber, 'IN_TRANSIT', 5);
      await webhook(logistics, inTransit).expect(200);
      const replay = await webhook(logistics, { ...inTransit, status: 'DELIVERED' }).expect(409);
      expect(replay.body.code).toBe('TRACKING_EVENT_REPLAYED');
      after = await get(s.id);
      expect(after.status).toBe('IN_TRANSIT');
      expect(after.timeline).toHaveLength(1);
      // A signed update for a parcel not yet handed over is refused and not recorded, so the carrier may retry later.
      const waiting = await shipment(false);
      expect((await webhook(logistics, update(waiting.trackingNumber, 'IN_TRANSIT', 1)).expect(409)).body.code).toBe(
        'SHIPMENT_NOT_WITH_CARRIER',
      );
      expect((await get(waiting.id)).timeline).toEqual([]);
      const metrics = (
        await request(logistics.url)
          .get('/metrics')
          .set('Authorization', `Bearer ${tokenFor('service', 'prometheus')}`)
          .expect(200)
      ).text;
      expect(metrics).toMatch(
        /emporium_carrier_webhooks_total\{carrier="SANDBOX-POST",outcome="mismatch"[^}]*\} [1-9]/,
      );
      expect(metrics).toMatch(
        /emporium_carrier_webhooks_total\{carrier="SANDBOX-POST",outcome="replayed"[^}]*\} [1-9]/,
      );
    });

    it('a missed promise raises delayed exactly once', async () => {
      const s = await shipment();
      // The carrier had 5 days; move the promise into the past instead of waiting for them.
      await logistics.dataSource.query(`UPDATE shipments SET promised_by = now() - interval '1 hour' WHERE id = $1`, [
        s.id,
      ]);
      // Four sweeps at once besides the job's own (as replicas would run them): SKIP LOCKED and delayed_at keep it to one.
      const sweeps = await Promise.all([1, 2, 3, 4].map(() => logistics.app.get(DelayDetection).sweep()));
      expect(sweeps.reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(1);
      const [delayed] = await reader.waitFor(
        (m) => m.headers.ce_type === ShipmentDelayed.type && m.json.shipmentId === s.id,
      );
      expect(delayed.json).toMatchObject({ orderId: s.orderId, merchantId, stage: 'DELIVERY' });
      // Several more sweeps (every 200 ms) and a second missed stage change nothing.
      await logistics.dataSource.query(`UPDATE shipments SET dispatch_by = now() - interval '1 hour' WHERE id = $1`, [
        s.id,
      ]);
      const before = (await get(s.id)).delayedAt;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(reader.ofType(ShipmentDelayed.type).filter((m) => m.json.shipmentId === s.id)).toHaveLength(1);
      expect((await get(s.id)).delayedAt).toBe(before);
    });

    it('a parcel never handed over raises a DISPATCH delay (the merchant missed its handling time)', async () => {
      const s = await shipment(false);
      await logistics.dataSource.query(`UPDATE shipments SET dispatch_by = now() - interval '1 minute' WHERE id = $1`, [
        s.id,
      ]);
      const [delayed] = await reader.waitFor(
        (m) => m.headers.ce_type === ShipmentDelayed.type && m.json.shipmentId === s.id,
      );
      expect(delayed.json.stage).toBe('DISPATCH');
    });

    it('lost: by the carrier or by ops, published once; nothing moves a lost parcel', async () => {
      const s = await shipment();
      await request(logistics.url)
        .post(`/shipments/${s.id}/exceptions`)
        .set('Authorization', warehouse())
        .send({ type: 'LOST' })
        .expect(403);
      await request(logistics.url)
        .post(`/shipments/${s.id}/exceptions`)
        .set('Authorization', ops())
        .send({ type: 'STOLEN' })
        .expect(400);
      expect(
        (
          await request(logistics.url)
            .post(`/shipments/${s.id}/exceptions`)
            .set('Authorization', ops())
            .send({ type: 'LOST', detail: 'no scan for 10 days' })
            .expect(200)
        ).body.status,
      ).toBe('LOST');
      await request(logistics.url)
        .post(`/shipments/${s.id}/exceptions`)
        .set('Authorization', ops())
        .send({ type: 'DAMAGED' })
        .expect(409);
      expect((await webhook(logistics, update(s.trackingNumber, 'DELIVERED', 1)).expect(200)).body).toMatchObject({
        status: 'LOST',
        applied: false,
      });
      const [lost] = await reader.waitFor((m) => m.headers.ce_type === ShipmentLost.type && m.json.shipmentId === s.id);
      expect(lost.json).toMatchObject({
        reportedBy: 'OPS',
        detail: 'no scan for 10 days',
        lines: [{ sku, quantity: 2 }],
      });
      const viaCarrier = await shipment();
      await webhook(logistics, { ...update(viaCarrier.trackingNumber, 'DAMAGED', 1), detail: 'crushed' }).expect(200);
      const [damaged] = await reader.waitFor(
        (m) => m.headers.ce_type === 'logistics.shipment.damaged.v1' && m.json.shipmentId === viaCarrier.id,
      );
      expect(damaged.json).toMatchObject({ reportedBy: 'CARRIER', detail: 'crushed' });
    });

    it('return approved -> return shipment booked (return-created) -> received back (return-received), once', async () => {
      const original = await shipment();
      const returnId = randomUUID();
      const approved = eventMessage(ReturnApproved, {
        returnId,
        orderId: original.orderId,
        customerId: original.customerId,
        merchantId,
        automatic: true,
        lines: [{ sku, quantity: 1 }],
        approvedAt: new Date().toISOString(),
      });
      await publishRaw(t.returns, [approved, approved]);
      const [created] = await reader.waitFor(
        (m) => m.headers.ce_type === ShipmentReturnCreated.type && m.json.returnId === returnId,
      );
      expect(created.json).toMatchObject({
        orderId: original.orderId,
        merchantId,
        warehouseId: 'MAIN',
        carrier: 'SANDBOX-POST',
        lines: [{ sku, quantity: 1 }],
      });
      expect(created.json.trackingNumber).toMatch(/^RSANDBOXP-/);
      const returned = await get(created.json.shipmentId);
      expect(returned).toMatchObject({
        kind: 'RETURN',
        returnId,
        status: 'READY',
        shippingFee: 0,
        destination: HAMBURG,
      });
      await request(logistics.url)
        .post(`/shipments/${returned.id}/dispatch`)
        .set('Authorization', warehouse())
        .expect(409);
      await webhook(logistics, update(returned.trackingNumber, 'PICKED_UP', 5)).expect(200);
      await request(logistics.url)
        .post(`/shipments/${returned.id}/receive`)
        .set('Authorization', warehouse())
        .expect(200);
      await request(logistics.url)
        .post(`/shipments/${returned.id}/receive`)
        .set('Authorization', warehouse())
        .expect(409);
      await request(logistics.url)
        .post(`/shipments/${original.id}/receive`)
        .set('Authorization', warehouse())
        .expect(409);
      const [received] = await reader.waitFor(
        (m) => m.headers.ce_type === ShipmentReturnReceived.type && m.json.returnId === returnId,
      );
      expect(received.json).toMatchObject({
        shipmentId: returned.id,
        orderId: original.orderId,
        warehouseId: 'MAIN',
        lines: [{ sku, quantity: 1 }],
      });
      const list = await request(logistics.url)
        .get(`/shipments?orderId=${original.orderId}&kind=RETURN`)
        .set('Authorization', ops())
        .expect(200);
      expect(list.body.items).toHaveLength(1);
      expect(reader.ofType(ShipmentReturnCreated.type).filter((m) => m.json.returnId === returnId)).toHaveLength(1);
    });

    it('ops manage carriers and rate cards; new rates apply to the next quote', async () => {
      await request(logistics.url)
        .get('/carriers')
        .set('Authorization', `Bearer ${tokenFor('customer')}`)
        .expect(403);
      const carriers = await request(logistics.url).get('/carriers').set('Authorization', ops()).expect(200);
      expect(carriers.body.map((c: { code: string }) => c.code)).toEqual(['SANDBOX-PARCEL', 'SANDBOX-POST']);
      expect(JSON.stringify(carriers.body)).not.toContain('webhook');
      const cheap = {
        name: 'Cheap Courier',
        volumetricDivisor: 6000,
        currency: 'EUR',
        webhookSecret: 'cheap-courier-webhook-secret',
        services: [
          { serviceLevel: 'STANDARD', zone: 'EU', promisedDays: 4, rates: [{ maxWeightGrams: 31500, price: 100 }] },
        ],
      };
      await request(logistics.url)
        .put('/carriers/CHEAP')
        .set('Authorization', ops())
        .send({ ...cheap, webhookSecret: undefined })
        .expect(400);
      const dup = await request(logistics.url)
        .put('/carriers/CHEAP')
        .set('Authorization', ops())
        .send({ ...cheap, services: [cheap.services[0], cheap.services[0]] })
        .expect(400);
      expect(dup.body.errors).toEqual([{ field: 'services.1.zone', message: 'STANDARD/EU is listed twice' }]);
      await request(logistics.url).put('/carriers/CHEAP').set('Authorization', ops()).send(cheap).expect(201);
      const quote = await request(logistics.url)
        .post('/shipping-quotes')
        .set('Authorization', ops())
        .send({
          shippingAddress: { ...HAMBURG, country: 'FR' },
          deliveryOption: 'STANDARD',
          lines: [{ sku, quantity: 1 }],
        })
        .expect(201);
      expect(quote.body).toMatchObject({ zone: 'EU', carrier: 'CHEAP', fee: 100 });
      await request(logistics.url)
        .put('/carriers/CHEAP')
        .set('Authorization', ops())
        .send({ ...cheap, active: false, webhookSecret: undefined })
        .expect(200);
      const after = await request(logistics.url)
        .post('/shipping-quotes')
        .set('Authorization', ops())
        .send({
          shippingAddress: { ...HAMBURG, country: 'FR' },
          deliveryOption: 'STANDARD',
          lines: [{ sku, quantity: 1 }],
        })
        .expect(201);
      expect(after.body.carrier).not.toBe('CHEAP');
    });

    it('the scorecard reports on-time rate, exception rate, average cost and days per carrier', async () => {
      const [onTime, late, lost] = [await shipment(), await shipment(), await shipment()];
      await webhook(logistics, update(onTime.trackingNumber, 'DELIVERED', 0)).expect(200);
      await webhook(logistics, update(late.trackingNumber, 'DELIVERED', 0)).expect(200);
      await request(logistics.url)
        .post(`/shipments/${lost.id}/exceptions`)
        .set('Authorization', ops())
        .send({ type: 'LOST' })
        .expect(200);
      // A period of their own (this run's other shipments are all "now"): three days on the road, one delivered a day late.
      const ids = [onTime.id, late.id, lost.id];
      await logistics.dataSource.query(
        `UPDATE shipments SET created_at = '2020-03-01T10:00:00Z', dispatched_at = delivered_at - interval '3 days' WHERE id = ANY($1)`,
        [ids],
      );
      await logistics.dataSource.query(
        `UPDATE shipments SET promised_by = delivered_at - interval '1 day' WHERE id = $1`,
        [late.id],
      );
      const { body } = await request(logistics.url)
        .get('/carriers/scorecard?from=2020-03-01T00:00:00Z&to=2020-03-02T00:00:00Z')
        .set('Authorization', ops())
        .expect(200);
      expect(body.carriers).toEqual([
        {
          carrier: 'SANDBOX-POST',
          shipments: 3,
          delivered: 2,
          onTimeRate: 0.5,
          exceptionRate: 0.3333,
          averageCost: 1090,
          currency: 'EUR',
          averageDays: 3,
        },
      ]);
      await request(logistics.url)
        .get('/carriers/scorecard?from=2020-03-02T00:00:00Z&to=2020-03-01T00:00:00Z')
        .set('Authorization', ops())
        .expect(400);
      await request(logistics.url).get('/carriers/scorecard').set('Authorization', warehouse()).expect(403);
    });
  },
);
