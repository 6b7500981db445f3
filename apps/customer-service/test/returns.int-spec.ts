import { ReturnApproved, ReturnInspected, ReturnRefundRequested, Topics } from '@emporium/contracts';
import { eventually, integrationSuite, publishRaw } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  confirm,
  customer,
  deliver,
  known,
  mailbox,
  ops,
  refundedEvent,
  returnOf,
  returnShipmentEvents,
  topics,
} from './customer-service.fixtures';
import { customerServiceRecipe, fastJobs } from './customer-service.recipe';

const setup = {
  services: { cs: { recipe: customerServiceRecipe, env: fastJobs } },
  read: [Topics.customerServiceReturn],
};

integrationSuite(
  'customer-service: returns against what was delivered (real PostgreSQL and Kafka)',
  setup,
  ({ cs, reader, run }) => {
    const t = topics(run);
    const merchantId = randomUUID();
    const sku = `TSHIRT-${run.id}`;
    const mug = `MUG-${run.id}`;
    // The contract's example line: 2 x 19.99, 4.00 of the order's discounts -> 17.99 net per unit.
    const shirtLine = { sku, quantity: 2, unitPrice: 1999, lineTotal: 3998, discount: 400, merchantId };

    const ofReturn = (type: string, returnId: string) =>
      reader.ofType(type).filter((m) => m.json.returnId === returnId);

    it('after-sales path: delivered -> no-reason return auto-approved -> received -> inspected resaleable -> refund requested -> refunded, one notification per step', async () => {
      const customerId = randomUUID();
      const order = await deliver(run, customerId, [shirtLine]);
      // orders republishing the same fact under a new event id adds no second notification.
      await deliver(run, customerId, [shirtLine], 0, order.orderId);
      await known(cs, order.orderId);

      const created = await request(cs.url)
        .post('/returns')
        .set('Idempotency-Key', randomUUID())
        .set('Authorization', customer(customerId))
        .send({
          orderId: order.orderId,
          reason: 'NO_REASON',
          photoUrls: ['https://img.example/1.jpg'],
          lines: [{ sku, quantity: 1 }],
        })
        .expect(201);
      expect(created.body).toMatchObject({
        status: 'APPROVED',
        automatic: true,
        withinWindow: true,
        merchantId,
        lines: [{ sku, quantity: 1 }],
      });
      const ret = created.body;
      const [approved] = await reader.waitFor(
        (m) => m.headers.ce_type === ReturnApproved.type && m.json.returnId === ret.id,
      );
      expect(approved.key).toBe(ret.id);
      expect(approved.json).toMatchObject({
        orderId: order.orderId,
        customerId,
        merchantId,
        automatic: true,
        lines: [{ sku, quantity: 1 }],
      });

      // logistics books the parcel and, later, receives it (published here as logistics would).
      const shipment = returnShipmentEvents(ret);
      await publishRaw(t.shipments, [shipment.created, shipment.received]);
      const received = await returnOf(cs, ret.id, 'RECEIVED');
      expect(received).toMatchObject({
        warehouseId: 'MAIN',
        returnShipmentId: shipment.shipmentId,
        trackingNumber: 'SBPOST-RETURN0001',
      });
      // A redelivered return-received changes nothing.
      await publishRaw(t.shipments, [shipment.received]);

      const inspected = await request(cs.url)
        .post(`/returns/${ret.id}/inspection`)
        .set('Authorization', ops())
        .send({ lines: [{ sku, quantity: 1, condition: 'RESALEABLE' }] })
        .expect(200);
      expect(inspected.body).toMatchObject({
        status: 'REFUND_REQUESTED',
        expectedAmount: 1799,
        lines: [{ sku, quantity: 1, resaleable: 1, damaged: 0 }],
      });
      const [inspection] = await reader.waitFor(
        (m) => m.headers.ce_type === ReturnInspected.type && m.json.returnId === ret.id,
      );
      expect(inspection.json).toMatchObject({
        warehouseId: 'MAIN',
        lines: [{ sku, quantity: 1, condition: 'RESALEABLE' }],
      });
      const [refundRequest] = await reader.waitFor(
        (m) => m.headers.ce_type === ReturnRefundRequested.type && m.json.returnId === ret.id,
      );
      expect(refundRequest.json).toMatchObject({
        orderId: order.orderId,
        customerId,
        currency: 'EUR',
        expectedAmount: 1799,
        lines: [{ sku, quantity: 1 }],
      });

      // orders refunds (published here as orders would), twice under two event ids: REFUNDED once, told once.
      const refunded = refundedEvent(ret, 1799, [{ sku, quantity: 1 }]);
      await publishRaw(t.orders, [refunded, { ...refunded, headers: { ...refunded.headers, ce_id: randomUUID() } }]);
      const done = await returnOf(cs, ret.id, 'REFUNDED');
      expect(done).toMatchObject({ refundedAmount: 1799 });
      expect(done.closedAt).not.toBeNull();

      const templates = await eventually(
        async () => {
          const items = await mailbox(cs, customerId);
          return items.length >= 6 ? items.map((m) => m.template).sort() : undefined;
        },
        30_000,
        'six messages in the development mailbox',
      );
      expect(templates).toEqual([
        'ORDER_DELIVERED',
        'RETURN_APPROVED',
        'RETURN_LABEL',
        'RETURN_RECEIVED',
        'RETURN_REFUNDED',
        'SATISFACTION_SURVEY',
      ]);
      const messages = await mailbox(cs, customerId);
      expect(messages.every((m) => m.to === `member-${customerId}@members.emporium.invalid`)).toBe(true);
      expect(messages.find((m) => m.template === 'RETURN_REFUNDED').body).toContain('17.99 EUR');
      // Only one refund request per return, whatever was redelivered.
      expect(ofReturn(ReturnRefundRequested.type, ret.id)).toHaveLength(1);
      const metrics = await request(cs.url).get('/metrics').set('Authorization', ops()).expect(200);
      expect(metrics.text).toMatch(/emporium_returns_total\{status="REFUNDED",decision="automatic"[^}]*\} [1-9]/);
      expect(metrics.text).toMatch(
        /emporium_notifications_total\{template="RETURN_REFUNDED",outcome="SENT"[^}]*\} [1-9]/,
      );

      // The second unit is still returnable, the first not twice: at most 1.
      const tooMany = await request(cs.url)
        .post('/returns')
        .set('Idempotency-Key', randomUUID())
        .set('Authorization', customer(customerId))
        .send({ orderId: order.orderId, reason: 'NO_REASON', lines: [{ sku, quantity: 2 }] })
        .expect(422);
      expect(tooMany.body).toMatchObject({ code: 'RETURN_QUANTITY_EXCEEDED', errors: [{ field: 'lines.0.quantity' }] });
    });

    it('a late return, and a return with a reason, go to ops review; approval publishes return.approved (not automatic)', async () => {
      const customerId = randomUUID();
      const late = await deliver(run, customerId, [shirtLine], 10);
      await known(cs, late.orderId);
      const lateReturn = await request(cs.url)
        .post('/returns')
        .set('Idempotency-Key', randomUUID())
        .set('Authorization', customer(customerId))
        .send({ orderId: late.orderId, reason: 'NO_REASON', lines: [{ sku, quantity: 1 }] })
        .expect(201);
      expect(lateReturn.body).toMatchObject({ status: 'REQUESTED', automatic: false, withinWindow: false });

      const fresh = await deliver(run, customerId, [shirtLine]);
      await known(cs, fresh.orderId);
      const defective = await request(cs.url)
        .post('/returns')
        .set('Idempotency-Key', randomUUID())
        .set('Authorization', customer(customerId))
        .send({ orderId: fresh.orderId, reason: 'DEFECTIVE', description: 'seam open', lines: [{ sku, quantity: 2 }] })
        .expect(201);
      expect(defective.body).toMatchObject({ status: 'REQUESTED', withinWindow: true });

      const approved = await request(cs.url)
        .post(`/returns/${lateReturn.body.id}/approve`)
        .set('Authorization', ops())
        .send({ note: 'goodwill' })
        .expect(200);
      expect(approved.body).toMatchObject({ status: 'APPROVED', decisionNote: 'goodwill' });
      const [event] = await reader.waitFor(
        (m) => m.headers.ce_type === ReturnApproved.type && m.json.returnId === lateReturn.body.id,
      );
      expect(event.json.automatic).toBe(false);
      // Approve again: guarded by the status it may start from.
      const again = await request(cs.url)
        .post(`/returns/${lateReturn.body.id}/approve`)
        .set('Authorization', ops())
        .send({})
        .expect(409);
      expect(again.body).toMatchObject({ code: 'ILLEGAL_RETURN_TRANSITION', from: 'APPROVED' });
      // Inspection before the parcel is back is refused too.
      await request(cs.url)
        .post(`/returns/${lateReturn.body.id}/inspection`)
        .set('Authorization', ops())
        .send({ lines: [{ sku, quantity: 1, condition: 'RESALEABLE' }] })
        .expect(409);
    });

    it('a rejected return refunds nothing, publishes nothing, and frees its units', async () => {
      const customerId = randomUUID();
      const order = await deliver(run, customerId, [shirtLine]);
      await known(cs, order.orderId);
      const requested = await request(cs.url)
        .post('/returns')
        .set('Idempotency-Key', randomUUID())
        .set('Authorization', customer(customerId))
        .send({ orderId: order.orderId, reason: 'NOT_AS_DESCRIBED', lines: [{ sku, quantity: 2 }] })
        .expect(201);
      const id = requested.body.id;
      const missingNote = await request(cs.url)
        .post(`/returns/${id}/reject`)
        .set('Authorization', ops())
        .send({})
        .expect(400);
      expect(missingNote.body.errors.map((e: { field: string }) => e.field)).toContain('note');
      const rejected = await request(cs.url)
        .post(`/returns/${id}/reject`)
        .set('Authorization', ops())
        .send({ note: 'worn' })
        .expect(200);
      expect(rejected.body).toMatchObject({ status: 'REJECTED', expectedAmount: null, refundedAmount: null });
      await request(cs.url).post(`/returns/${id}/approve`).set('Authorization', ops()).send({}).expect(409);
      await request(cs.url)
        .post(`/returns/${id}/inspection`)
        .set('Authorization', ops())
        .send({ lines: [{ sku, quantity: 2, condition: 'DAMAGED' }] })
        .expect(409);
      // A refund event naming a rejected return changes nothing.
      await publishRaw(t.orders, [
        refundedEvent({ id, orderId: order.orderId, customerId }, 3598, [{ sku, quantity: 2 }]),
      ]);
      await eventually(
        async () => (await mailbox(cs, customerId)).some((m) => m.template === 'RETURN_REJECTED'),
        30_000,
        'the rejection notice',
      );
      expect((await request(cs.url).get(`/returns/${id}`).set('Authorization', ops()).expect(200)).body.status).toBe(
        'REJECTED',
      );
      expect(ofReturn(ReturnApproved.type, id)).toHaveLength(0);
      expect(ofReturn(ReturnRefundRequested.type, id)).toHaveLength(0);
      // Its units are free again: the customer may ask once more.
      await request(cs.url)
        .post('/returns')
        .set('Idempotency-Key', randomUUID())
        .set('Authorization', customer(customerId))
        .send({ orderId: order.orderId, reason: 'NO_REASON', lines: [{ sku, quantity: 2 }] })
        .expect(201);
    });

    it('a customer cannot return from someone else’s order, nor see or cancel someone else’s return', async () => {
      const owner = randomUUID();
      const stranger = randomUUID();
      const order = await deliver(run, owner, [shirtLine]);
      await known(cs, order.orderId);
      const refused = await request(cs.url)
        .post('/returns')
        .set('Idempotency-Key', randomUUID())
        .set('Authorization', customer(stranger))
        .send({ orderId: order.orderId, reason: 'NO_REASON', lines: [{ sku, quantity: 1 }] })
        .expect(404);
      expect(refused.body.code).toBe('ORDER_NOT_FOUND');
      const own = await request(cs.url)
        .post('/returns')
        .set('Idempotency-Key', randomUUID())
        .set('Authorization', customer(owner))
        .send({ orderId: order.orderId, reason: 'OTHER', lines: [{ sku, quantity: 1 }] })
        .expect(201);
      await request(cs.url).get(`/returns/${own.body.id}`).set('Authorization', customer(stranger)).expect(404);
      await request(cs.url).post(`/returns/${own.body.id}/cancel`).set('Authorization', customer(stranger)).expect(404);
      const list = await request(cs.url).get('/returns').set('Authorization', customer(stranger)).expect(200);
      expect(list.body.items).toHaveLength(0);
      const mine = await request(cs.url)
        .get(`/returns?orderId=${order.orderId}`)
        .set('Authorization', customer(owner))
        .expect(200);
      expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([own.body.id]);
      await request(cs.url).post(`/returns/${own.body.id}/cancel`).set('Authorization', customer(owner)).expect(200);
    });

    it('bad input is a 4xx problem naming the field: undelivered order, SKU not delivered, bad reason, bad photo URL', async () => {
      const customerId = randomUUID();
      const confirmedOnly = await confirm(run, customerId, [
        { sku: mug, quantity: 1, unitPrice: 900, lineTotal: 900, merchantId },
      ]);
      await eventually(
        async () => (await cs.dataSource.query(`SELECT 1 FROM orders WHERE order_id = $1`, [confirmedOnly])).length > 0,
        30_000,
        'the confirmed order',
      );
      const notDelivered = await request(cs.url)
        .post('/returns')
        .set('Idempotency-Key', randomUUID())
        .set('Authorization', customer(customerId))
        .send({ orderId: confirmedOnly, reason: 'NO_REASON', lines: [{ sku: mug, quantity: 1 }] })
        .expect(422);
      expect(notDelivered.body).toMatchObject({ code: 'ORDER_NOT_DELIVERED', errors: [{ field: 'orderId' }] });

      const order = await deliver(run, customerId, [shirtLine]);
      await known(cs, order.orderId);
      const wrongSku = await request(cs.url)
        .post('/returns')
        .set('Idempotency-Key', randomUUID())
        .set('Authorization', customer(customerId))
        .send({ orderId: order.orderId, reason: 'NO_REASON', lines: [{ sku: mug, quantity: 1 }] })
        .expect(422);
      expect(wrongSku.body).toMatchObject({ code: 'SKU_NOT_DELIVERED', errors: [{ field: 'lines.0.sku' }] });
      const invalid = await request(cs.url)
        .post('/returns')
        .set('Idempotency-Key', randomUUID())
        .set('Authorization', customer(customerId))
        .send({
          orderId: 'nope',
          reason: 'BORED',
          photoUrls: ['http://insecure.example/x.jpg'],
          lines: [{ sku, quantity: 0 }],
        })
        .expect(400);
      expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'lines.0.quantity',
        'orderId',
        'photoUrls',
        'reason',
      ]);
    });

    it('an exchange waits after inspection for ops to send the replacement, and refunds nothing', async () => {
      const customerId = randomUUID();
      const order = await deliver(run, customerId, [shirtLine]);
      await known(cs, order.orderId);
      const { body: ret } = await request(cs.url)
        .post('/returns')
        .set('Idempotency-Key', randomUUID())
        .set('Authorization', customer(customerId))
        .send({ orderId: order.orderId, reason: 'NO_REASON', exchange: true, lines: [{ sku, quantity: 2 }] })
        .expect(201);
      await publishRaw(t.shipments, [returnShipmentEvents(ret).received]);
      await returnOf(cs, ret.id, 'RECEIVED');
      const incomplete = await request(cs.url)
        .post(`/returns/${ret.id}/inspection`)
        .set('Authorization', ops())
        .send({ lines: [{ sku, quantity: 1, condition: 'RESALEABLE' }] })
        .expect(422);
      expect(incomplete.body).toMatchObject({ code: 'INSPECTION_INCOMPLETE', errors: [{ field: 'lines' }] });
      const inspected = await request(cs.url)
        .post(`/returns/${ret.id}/inspection`)
        .set('Authorization', ops())
        .send({
          lines: [
            { sku, quantity: 1, condition: 'RESALEABLE' },
            { sku, quantity: 1, condition: 'DAMAGED', note: 'stain' },
          ],
        })
        .expect(200);
      expect(inspected.body).toMatchObject({
        status: 'INSPECTED',
        lines: [{ sku, resaleable: 1, damaged: 1, note: 'stain' }],
      });
      const exchanged = await request(cs.url)
        .post(`/returns/${ret.id}/exchange-fulfilled`)
        .set('Authorization', ops())
        .expect(200);
      expect(exchanged.body).toMatchObject({ status: 'EXCHANGED', expectedAmount: null });
      await reader.waitFor((m) => m.headers.ce_type === ReturnInspected.type && m.json.returnId === ret.id);
      expect(ofReturn(ReturnRefundRequested.type, ret.id)).toHaveLength(0);
    });

    it('a retried request with the same Idempotency-Key gets the first return, not a second one', async () => {
      const customerId = randomUUID();
      const order = await deliver(run, customerId, [shirtLine]);
      await known(cs, order.orderId);
      const body = { orderId: order.orderId, reason: 'NO_REASON', lines: [{ sku, quantity: 1 }] };
      const key = randomUUID();
      const first = await request(cs.url)
        .post('/returns')
        .set('Idempotency-Key', key)
        .set('Authorization', customer(customerId))
        .send(body)
        .expect(201);
      const retry = await request(cs.url)
        .post('/returns')
        .set('Idempotency-Key', key)
        .set('Authorization', customer(customerId))
        .send(body)
        .expect(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body.id).toBe(first.body.id);
      const returns = await request(cs.url)
        .get(`/returns?orderId=${order.orderId}`)
        .set('Authorization', customer(customerId))
        .expect(200);
      expect(returns.body.items).toHaveLength(1);
    });

    it('a return request without an Idempotency-Key is a 400 naming it', async () => {
      const customerId = randomUUID();
      const order = await deliver(run, customerId, [shirtLine]);
      await known(cs, order.orderId);
      const body = { orderId: order.orderId, reason: 'NO_REASON', lines: [{ sku, quantity: 1 }] };
      const missing = await request(cs.url)
        .post('/returns')
        .set('Authorization', customer(customerId))
        .send(body)
        .expect(400);
      expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    });

    it('an opted-out member is not told about returns (recorded as OPTED_OUT)', async () => {
      const customerId = randomUUID();
      await request(cs.url)
        .put('/notification-preferences/me')
        .set('Authorization', customer(customerId))
        .send({ optedOut: ['RETURNS'] })
        .expect(200, { memberId: customerId, optedOut: ['RETURNS'] });
      const bad = await request(cs.url)
        .put('/notification-preferences/me')
        .set('Authorization', customer(customerId))
        .send({ optedOut: ['SPAM'] })
        .expect(400);
      expect(bad.body.errors[0].field).toMatch(/^optedOut/);
      const order = await deliver(run, customerId, [shirtLine]);
      await known(cs, order.orderId);
      const { body: ret } = await request(cs.url)
        .post('/returns')
        .set('Idempotency-Key', randomUUID())
        .set('Authorization', customer(customerId))
        .send({ orderId: order.orderId, reason: 'NO_REASON', lines: [{ sku, quantity: 1 }] })
        .expect(201);
      await eventually(
        async () => (await mailbox(cs, customerId)).some((m) => m.template === 'ORDER_DELIVERED'),
        30_000,
        'the delivery notice',
      );
      const [notification] = await cs.dataSource.query(`SELECT status FROM notifications WHERE dedupe_key = $1`, [
        `RETURN_APPROVED:${ret.id}`,
      ]);
      expect(notification.status).toBe('OPTED_OUT');
      expect((await mailbox(cs, customerId)).filter((m) => m.template.startsWith('RETURN_'))).toEqual([]);
    });
  },
);
