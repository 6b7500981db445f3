import { ShipmentCreated, ShipmentDispatched, Topics } from '@emporium/contracts';
import { eventually, integrationSuite, publishRaw, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  announceSku,
  confirmedEvent,
  HAMBURG,
  merchantToken,
  ops,
  readyShipments,
  reservedEvent,
  topics,
  warehouse,
} from './logistics.fixtures';
import { fastJobs, logisticsRecipe } from './logistics.recipe';

const setup = {
  services: { logistics: { recipe: logisticsRecipe, env: fastJobs } },
  read: [Topics.logisticsShipment],
};

integrationSuite(
  'logistics: shipments from confirmed orders (real PostgreSQL and Kafka)',
  setup,
  ({ logistics, reader, run }) => {
    const t = topics(run);
    const merchantA = randomUUID();
    const merchantB = randomUUID();
    const skuA = `SPK-A-${run.id}`;
    const skuB = `SPK-B-${run.id}`;

    beforeAll(async () => {
      await announceSku(run, skuA, merchantA);
      await announceSku(run, skuB, merchantB);
      // Catalog's events are consumed before the tests rely on them: a quote knows both SKUs.
      await eventually(
        async () => {
          const response = await request(logistics.url)
            .post('/shipping-quotes')
            .set('Authorization', ops())
            .send({
              shippingAddress: HAMBURG,
              deliveryOption: 'STANDARD',
              lines: [
                { sku: skuA, quantity: 1 },
                { sku: skuB, quantity: 1 },
              ],
            });
          return response.status === 201;
        },
        30_000,
        'the SKU read model',
      );
    });

    const createdOf = (orderId: string) =>
      reader.ofType(ShipmentCreated.type).filter((m) => m.json.orderId === orderId);

    it('confirmed, then reserved: one shipment with the carrier of the worked example, booked and announced', async () => {
      const orderId = randomUUID();
      await publishRaw(t.orders, [
        confirmedEvent(orderId, [{ sku: skuA, quantity: 2 }], { shippingAddress: HAMBURG, deliveryOption: 'STANDARD' }),
      ]);
      await publishRaw(t.stock, [reservedEvent(orderId, [{ sku: skuA, warehouseId: 'MAIN', quantity: 2 }])]);
      const [shipment] = await readyShipments(logistics, orderId, 1);
      // Post: max(3000 g, 60,000,000 mm3 / 6000 = 10,000 g) -> bracket 10 kg -> 10.90 EUR, the cheapest that meets 5 days.
      expect(shipment).toMatchObject({
        kind: 'OUTBOUND',
        merchantId: merchantA,
        warehouseId: 'MAIN',
        carrier: 'SANDBOX-POST',
        serviceLevel: 'STANDARD',
        zone: 'DOMESTIC',
        routingSource: 'ADDRESS',
        chargeableWeightGrams: 10_000,
        carrierCost: 1090,
        shippingFee: 1090,
        currency: 'EUR',
        promiseMet: true,
        lines: [{ sku: skuA, quantity: 2 }],
      });
      expect(shipment.trackingNumber).toMatch(/^SANDBOXP-[0-9A-F]{12}$/);
      expect(shipment.label).toMatchObject({ format: 'PDF', carrier: 'SANDBOX-POST' });
      const [created] = await reader.waitFor(
        (m) => m.headers.ce_type === ShipmentCreated.type && m.json.shipmentId === shipment.id,
      );
      expect(created.key).toBe(shipment.id);
      expect(created.json).toMatchObject({
        orderId,
        trackingNumber: shipment.trackingNumber,
        carrierCost: 1090,
        shippingFee: 1090,
      });
    });

    it('reserved, then confirmed (EXPRESS): the same result whichever event comes first; Parcel meets 2 days for less than Post express', async () => {
      const orderId = randomUUID();
      await publishRaw(t.stock, [reservedEvent(orderId, [{ sku: skuA, warehouseId: 'MAIN', quantity: 2 }])]);
      await publishRaw(t.orders, [
        confirmedEvent(orderId, [{ sku: skuA, quantity: 2 }], { shippingAddress: HAMBURG, deliveryOption: 'EXPRESS' }),
      ]);
      const [shipment] = await readyShipments(logistics, orderId, 1);
      expect(shipment).toMatchObject({
        carrier: 'SANDBOX-PARCEL',
        serviceLevel: 'STANDARD',
        chargeableWeightGrams: 12_000,
        carrierCost: 1490,
        deliveryOption: 'EXPRESS',
      });
      const promised = new Date(shipment.promisedBy).getTime() - new Date(shipment.createdAt).getTime();
      expect(Math.round(promised / 86_400_000)).toBe(2);
    });

    it('splits an order held in two warehouses (and sold by two merchants); the parcels share the fee the checkout quoted', async () => {
      const quote = await request(logistics.url)
        .post('/shipping-quotes')
        .set('Authorization', `Bearer ${tokenFor('service')}`)
        .send({
          shippingAddress: HAMBURG,
          deliveryOption: 'STANDARD',
          lines: [
            { sku: skuA, quantity: 1 },
            { sku: skuB, quantity: 1 },
          ],
        })
        .expect(201);
      // One parcel: 3000 g actual, 60,000,000 mm3 -> Post 10,000 g -> 10.90 EUR.
      expect(quote.body).toMatchObject({
        zone: 'DOMESTIC',
        carrier: 'SANDBOX-POST',
        fee: 1090,
        currency: 'EUR',
        chargeableWeightGrams: 10_000,
      });

      const orderId = randomUUID();
      await publishRaw(t.orders, [
        confirmedEvent(
          orderId,
          [
            { sku: skuA, quantity: 1, merchantId: merchantA },
            { sku: skuB, quantity: 1, merchantId: merchantB },
          ],
          {
            shippingAddress: HAMBURG,
            deliveryOption: 'STANDARD',
            shippingQuoteId: quote.body.id,
            shippingFee: quote.body.fee,
          },
        ),
      ]);
      await publishRaw(t.stock, [
        reservedEvent(orderId, [
          { sku: skuA, warehouseId: 'MAIN', quantity: 1 },
          { sku: skuB, warehouseId: 'NORTH', quantity: 1 },
        ]),
      ]);
      const shipments = await readyShipments(logistics, orderId, 2);
      const byWarehouse = Object.fromEntries(shipments.map((s) => [s.warehouseId, s]));
      // Each parcel: 1500 g, 30,000,000 mm3 -> Post 5,000 g -> 6.90 EUR; Parcel 6,000 g -> 9.90 EUR.
      expect(byWarehouse.MAIN).toMatchObject({
        merchantId: merchantA,
        carrier: 'SANDBOX-POST',
        carrierCost: 690,
        lines: [{ sku: skuA, quantity: 1 }],
      });
      expect(byWarehouse.NORTH).toMatchObject({
        merchantId: merchantB,
        carrier: 'SANDBOX-POST',
        carrierCost: 690,
        lines: [{ sku: skuB, quantity: 1 }],
      });
      expect(byWarehouse.MAIN.shippingFee + byWarehouse.NORTH.shippingFee).toBe(1090);
    });

    it('a redelivered event changes nothing', async () => {
      const orderId = randomUUID();
      const confirmed = confirmedEvent(orderId, [{ sku: skuA, quantity: 1 }]);
      const reserved = reservedEvent(orderId, [{ sku: skuA, warehouseId: 'MAIN', quantity: 1 }]);
      await publishRaw(t.orders, [confirmed, confirmed]);
      await publishRaw(t.stock, [reserved, reserved]);
      const [shipment] = await readyShipments(logistics, orderId, 1);
      // Without an address: the documented default zone and option, recorded as such.
      expect(shipment).toMatchObject({ zone: 'DOMESTIC', deliveryOption: 'STANDARD', routingSource: 'DEFAULT' });
      await reader.waitFor((m) => m.headers.ce_type === ShipmentCreated.type && m.json.orderId === orderId);
      // A later event on the same keys proves the duplicates were consumed before we count.
      const marker = randomUUID();
      await publishRaw(t.orders, [
        { ...confirmedEvent(marker, [{ sku: skuA, quantity: 1 }]), key: orderId },
        confirmed,
      ]);
      await publishRaw(t.stock, [
        { ...reservedEvent(marker, [{ sku: skuA, warehouseId: 'MAIN', quantity: 1 }]), key: orderId },
        reserved,
      ]);
      await readyShipments(logistics, marker, 1);
      await reader.waitFor((m) => m.headers.ce_type === ShipmentCreated.type && m.json.orderId === marker);
      expect(
        (await request(logistics.url).get(`/shipments?orderId=${orderId}`).set('Authorization', ops()).expect(200)).body
          .items,
      ).toHaveLength(1);
      expect(createdOf(orderId)).toHaveLength(1);
    });

    it('dispatch publishes logistics.shipment.dispatched once, from READY only, for warehouse and ops', async () => {
      const orderId = randomUUID();
      await publishRaw(t.orders, [confirmedEvent(orderId, [{ sku: skuA, quantity: 1 }], { shippingAddress: HAMBURG })]);
      await publishRaw(t.stock, [reservedEvent(orderId, [{ sku: skuA, warehouseId: 'MAIN', quantity: 1 }])]);
      const [shipment] = await readyShipments(logistics, orderId, 1);
      await request(logistics.url)
        .post(`/shipments/${shipment.id}/dispatch`)
        .set('Authorization', merchantToken(merchantA))
        .expect(403);
      const dispatched = await request(logistics.url)
        .post(`/shipments/${shipment.id}/dispatch`)
        .set('Authorization', warehouse())
        .expect(200);
      expect(dispatched.body.status).toBe('DISPATCHED');
      const again = await request(logistics.url)
        .post(`/shipments/${shipment.id}/dispatch`)
        .set('Authorization', ops())
        .expect(409);
      expect(again.headers['content-type']).toContain('application/problem+json');
      expect(again.body).toMatchObject({ code: 'ILLEGAL_SHIPMENT_TRANSITION', from: 'DISPATCHED' });
      const [event] = await reader.waitFor(
        (m) => m.headers.ce_type === ShipmentDispatched.type && m.json.shipmentId === shipment.id,
      );
      expect(event.json).toMatchObject({
        orderId,
        warehouseId: 'MAIN',
        carrier: 'SANDBOX-POST',
        trackingNumber: shipment.trackingNumber,
        lines: [{ sku: skuA, quantity: 1 }],
      });
      expect(event.key).toBe(shipment.id);
    });

    it('a merchant sees only its own shipments, and never the address', async () => {
      const orderId = randomUUID();
      await publishRaw(t.orders, [
        confirmedEvent(
          orderId,
          [
            { sku: skuA, quantity: 1 },
            { sku: skuB, quantity: 1 },
          ],
          { shippingAddress: HAMBURG },
        ),
      ]);
      await publishRaw(t.stock, [
        reservedEvent(orderId, [
          { sku: skuA, warehouseId: 'MAIN', quantity: 1 },
          { sku: skuB, warehouseId: 'MAIN', quantity: 1 },
        ]),
      ]);
      const shipments = await readyShipments(logistics, orderId, 2);
      const mine = shipments.find((s) => s.merchantId === merchantA);
      const theirs = shipments.find((s) => s.merchantId === merchantB);
      const listed = await request(logistics.url)
        .get(`/shipments?orderId=${orderId}`)
        .set('Authorization', merchantToken(merchantA))
        .expect(200);
      expect(listed.body.items.map((s: { id: string }) => s.id)).toEqual([mine.id]);
      expect(listed.body.items[0].destination).toBeUndefined();
      await request(logistics.url)
        .get(`/shipments/${mine.id}`)
        .set('Authorization', merchantToken(merchantA))
        .expect(200);
      await request(logistics.url)
        .get(`/shipments/${theirs.id}`)
        .set('Authorization', merchantToken(merchantA))
        .expect(404);
      const all = await request(logistics.url)
        .get('/shipments?limit=100')
        .set('Authorization', merchantToken(merchantA))
        .expect(200);
      expect(all.body.items.every((s: { merchantId: string }) => s.merchantId === merchantA)).toBe(true);
    });

    it('a carrier that refuses the label leaves the shipment LABEL_PENDING with the error, and nothing is announced', async () => {
      const orderId = randomUUID();
      await publishRaw(t.orders, [
        confirmedEvent(orderId, [{ sku: skuA, quantity: 1 }], { shippingAddress: { ...HAMBURG, postalCode: '00000' } }),
      ]);
      await publishRaw(t.stock, [reservedEvent(orderId, [{ sku: skuA, warehouseId: 'MAIN', quantity: 1 }])]);
      const shipment = await eventually(async () => {
        const { body } = await request(logistics.url)
          .get(`/shipments?orderId=${orderId}`)
          .set('Authorization', ops())
          .expect(200);
        return body.items[0]?.labelError ? body.items[0] : undefined;
      });
      expect(shipment).toMatchObject({
        status: 'LABEL_PENDING',
        trackingNumber: null,
        labelError: expect.stringContaining('sandbox carrier'),
      });
      await request(logistics.url)
        .post(`/shipments/${shipment.id}/dispatch`)
        .set('Authorization', warehouse())
        .expect(409);
      expect(createdOf(orderId)).toHaveLength(0);
    });

    it('refuses bad input with problem+json naming the field', async () => {
      const unknown = await request(logistics.url)
        .post('/shipping-quotes')
        .set('Authorization', ops())
        .send({ shippingAddress: HAMBURG, deliveryOption: 'STANDARD', lines: [{ sku: 'NOPE-1', quantity: 1 }] })
        .expect(422);
      expect(unknown.body).toMatchObject({ code: 'UNKNOWN_SKU', errors: [{ field: 'lines.0.sku' }] });
      const bad = await request(logistics.url)
        .post('/shipping-quotes')
        .set('Authorization', ops())
        .send({
          shippingAddress: { ...HAMBURG, country: 'XX' },
          deliveryOption: 'SAME_DAY',
          lines: [{ sku: skuA, quantity: 0 }],
          fee: 0,
        })
        .expect(400);
      const fields = bad.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining(['shippingAddress.country', 'deliveryOption', 'lines.0.quantity', 'fee']),
      );
      await request(logistics.url).get('/shipments?status=NOPE').set('Authorization', ops()).expect(400);
      await request(logistics.url)
        .post('/shipping-quotes')
        .set('Authorization', merchantToken(merchantA))
        .send({})
        .expect(403);
      await request(logistics.url).post(`/shipments/${randomUUID()}/dispatch`).set('Authorization', ops()).expect(404);
    });
  },
);
