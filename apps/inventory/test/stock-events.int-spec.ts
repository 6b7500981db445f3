import {
  deadLetterTopic,
  OrderCancelledV2Event,
  OrderPlaced,
  StockReleased,
  StockReservationFailed,
  StockReserved,
  Topics,
} from '@emporium/contracts';
import { createKafka, replayDeadLetters } from '@emporium/messaging';
import { eventMessage, eventually, integrationSuite, publishRaw, testInfrastructure } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { inventoryApi, ops, orderPlaced } from './inventory.fixtures';
import { inventoryRecipe } from './inventory.recipe';

const setup = { services: { inventory: inventoryRecipe }, read: [Topics.inventoryStock, deadLetterTopic('inventory')] };

integrationSuite(
  'inventory reacting to order events (real PostgreSQL and Kafka)',
  setup,
  ({ inventory, reader, run, topic }) => {
    const api = inventoryApi(inventory);
    const ordersTopic = topic(Topics.ordersOrder);

    const answerFor = (orderId: string) =>
      reader.waitFor(
        (m) =>
          m.json?.orderId === orderId && [StockReserved.type, StockReservationFailed.type].includes(m.headers.ce_type),
      );

    it('receives stock and publishes inventory.stock.received', async () => {
      const response = await api.receive('LAMP-1', 7);
      expect(response.body).toMatchObject({ sku: 'LAMP-1', onHand: 7, reserved: 0, available: 7 });
      await reader.waitFor((m) => m.headers.ce_type === 'inventory.stock.received.v1' && m.json.sku === 'LAMP-1');
    });

    it('rejects a negative receipt with a 400 naming the field', async () => {
      const response = await request(inventory.url)
        .post('/stock/receipts')
        .set('Authorization', ops)
        .set('Idempotency-Key', randomUUID())
        .send({ sku: 'X', warehouseId: 'MAIN', quantity: -3 })
        .expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['quantity']);
    });

    it('rejects a receipt into an unknown warehouse with a 400 naming warehouseId', async () => {
      const response = await request(inventory.url)
        .post('/stock/receipts')
        .set('Authorization', ops)
        .set('Idempotency-Key', randomUUID())
        .send({ sku: 'X', warehouseId: 'NOWHERE', quantity: 3 })
        .expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors).toEqual([{ field: 'warehouseId', message: 'unknown warehouse NOWHERE' }]);
    });

    it('reserves every line or none', async () => {
      await api.receive('DESK-1', 5);
      await api.receive('CHAIR-1', 1);
      const tooMuch = orderPlaced([
        { sku: 'DESK-1', quantity: 2 },
        { sku: 'CHAIR-1', quantity: 2 },
      ]);
      await publishRaw(ordersTopic, [eventMessage(OrderPlaced, tooMuch)]);
      const [failed] = await answerFor(tooMuch.orderId);
      expect(failed.headers.ce_type).toBe(StockReservationFailed.type);
      expect(failed.json).toMatchObject({
        reason: 'OUT_OF_STOCK',
        unavailable: [{ sku: 'CHAIR-1', requested: 2, available: 1 }],
      });
      expect((await api.stockOf('DESK-1')).reserved).toBe(0);

      const fits = orderPlaced([
        { sku: 'DESK-1', quantity: 2 },
        { sku: 'CHAIR-1', quantity: 1 },
      ]);
      await publishRaw(ordersTopic, [eventMessage(OrderPlaced, fits)]);
      const [reserved] = await answerFor(fits.orderId);
      expect(reserved.headers.ce_type).toBe(StockReserved.type);
      expect(await api.stockOf('DESK-1')).toMatchObject({ onHand: 5, reserved: 2, available: 3 });
      expect(await api.stockOf('CHAIR-1')).toMatchObject({ onHand: 1, reserved: 1, available: 0 });
      // The causation chain: the answer names the event it answers.
      expect(reserved.headers.ce_causationid).toBeDefined();
    });

    it('fails an unknown SKU with a clear reason', async () => {
      const order = orderPlaced([{ sku: 'NO-SUCH-SKU', quantity: 1 }]);
      await publishRaw(ordersTopic, [eventMessage(OrderPlaced, order)]);
      const [failed] = await answerFor(order.orderId);
      expect(failed.json).toMatchObject({
        reason: 'UNKNOWN_SKU',
        unavailable: [{ sku: 'NO-SUCH-SKU', reason: 'UNKNOWN_SKU' }],
      });
    });

    it('changes nothing when the same event is delivered twice', async () => {
      await api.receive('BOOK-1', 10);
      const order = orderPlaced([{ sku: 'BOOK-1', quantity: 3 }]);
      const message = eventMessage(OrderPlaced, order);
      await publishRaw(ordersTopic, [message]);
      await answerFor(order.orderId);
      await publishRaw(ordersTopic, [message]);
      // A marker event behind the duplicate on the same partition proves the duplicate was consumed.
      const marker = orderPlaced([{ sku: 'BOOK-1', quantity: 1 }]);
      await publishRaw(ordersTopic, [{ ...eventMessage(OrderPlaced, marker), key: order.orderId }]);
      await answerFor(marker.orderId);
      expect(
        reader.messages.filter((m) => m.json?.orderId === order.orderId && m.headers.ce_type === StockReserved.type),
      ).toHaveLength(1);
      expect(await api.stockOf('BOOK-1')).toMatchObject({ onHand: 10, reserved: 4 });
      const inbox = await inventory.dataSource.query(
        `SELECT count(*)::int AS n FROM messaging_inbox WHERE event_id = $1`,
        [message.headers.ce_id],
      );
      expect(inbox[0].n).toBe(1);
    });

    it('releases the reservation when the order is cancelled', async () => {
      await api.receive('PEN-1', 4);
      const order = orderPlaced([{ sku: 'PEN-1', quantity: 4 }]);
      await publishRaw(ordersTopic, [eventMessage(OrderPlaced, order)]);
      await answerFor(order.orderId);
      expect((await api.stockOf('PEN-1')).available).toBe(0);
      const { placedAt: _placedAt, currency: _currency, totalAmount: _total, ...rest } = order;
      await publishRaw(ordersTopic, [
        eventMessage(OrderCancelledV2Event, {
          ...rest,
          reason: 'CUSTOMER_REQUEST',
          wasConfirmed: false,
          cancelledAt: new Date().toISOString(),
        }),
      ]);
      await reader.waitFor((m) => m.headers.ce_type === StockReleased.type && m.json.orderId === order.orderId);
      expect(await api.stockOf('PEN-1')).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
      const ledger = await inventory.dataSource.query(
        `SELECT cause, reserved_delta FROM stock_movements WHERE order_id = $1 ORDER BY id`,
        [order.orderId],
      );
      expect(ledger).toEqual([
        { cause: 'RESERVATION', reserved_delta: 4 },
        { cause: 'RELEASE', reserved_delta: -4 },
      ]);
    });

    it('leaves a tombstone when an order is cancelled before it was reserved, so its late placement holds nothing', async () => {
      await api.receive('LATE-1', 3);
      const order = orderPlaced([{ sku: 'LATE-1', quantity: 2 }]);
      const { placedAt: _placedAt, currency: _currency, totalAmount: _total, ...rest } = order;
      await publishRaw(ordersTopic, [
        eventMessage(OrderCancelledV2Event, {
          ...rest,
          reason: 'CONFIRMATION_DEADLINE_PASSED',
          wasConfirmed: false,
          cancelledAt: new Date().toISOString(),
        }),
      ]);
      await eventually(
        async () =>
          (await inventory.dataSource.query(`SELECT status FROM reservations WHERE order_id = $1`, [order.orderId]))[0]
            ?.status === 'RELEASED',
      );
      await publishRaw(ordersTopic, [eventMessage(OrderPlaced, order)]);
      // A marker behind it on the same key proves the late placement was consumed.
      const marker = orderPlaced([{ sku: 'LATE-1', quantity: 1 }]);
      await publishRaw(ordersTopic, [{ ...eventMessage(OrderPlaced, marker), key: order.orderId }]);
      await answerFor(marker.orderId);
      expect(
        reader.messages.filter((m) => m.json?.orderId === order.orderId && m.headers.ce_type === StockReserved.type),
      ).toEqual([]);
      expect(await api.stockOf('LATE-1')).toMatchObject({ onHand: 3, reserved: 1, available: 2 });
    });

    it('dead-letters a malformed message with the reason, and still processes the next one', async () => {
      await api.receive('CUP-1', 2);
      const good = orderPlaced([{ sku: 'CUP-1', quantity: 1 }]);
      const badData = eventMessage(OrderPlaced, {
        ...orderPlaced([{ sku: 'CUP-1', quantity: 1 }]),
        lines: [{ sku: 'CUP-1', quantity: -5, unitPrice: 1, lineTotal: 1 }],
      });
      const notJson = {
        ...eventMessage(OrderPlaced, orderPlaced([{ sku: 'CUP-1', quantity: 1 }])),
        value: '{not json',
      };
      const noEnvelope = {
        key: randomUUID(),
        value: JSON.stringify(good),
        headers: { 'content-type': 'application/json' },
      };
      // One partition, bad messages first: the good one behind them must still be applied.
      await publishRaw(
        ordersTopic,
        [badData, notJson, noEnvelope, eventMessage(OrderPlaced, good)].map((m) => ({ ...m, partition: 0 })),
      );

      const [reserved] = await answerFor(good.orderId);
      expect(reserved.headers.ce_type).toBe(StockReserved.type);
      const badKeys = [badData.key, notJson.key, noEnvelope.key];
      const dead = await reader.waitFor((m) => m.topic.endsWith('inventory.dlq') && badKeys.includes(m.key!), 3);
      expect(dead.map((m) => m.headers.dlq_reason).sort()).toEqual([
        'invalid-data',
        'invalid-envelope',
        'invalid-json',
      ]);
      const invalid = dead.find((m) => m.headers.dlq_reason === 'invalid-data')!;
      expect(invalid.headers.dlq_error).toContain('lines.0.quantity');
      expect(invalid.headers.dlq_original_topic).toBe(ordersTopic);
      expect(invalid.headers.ce_type).toBe(OrderPlaced.type);
      expect((await api.stockOf('CUP-1')).reserved).toBe(1);
    });

    it('replays dead letters onto their original topic', async () => {
      const kafka = createKafka('test-replay', testInfrastructure.brokers);
      const result = await replayDeadLetters(kafka, { service: 'inventory', topicPrefix: run.topicPrefix });
      expect(result).toEqual({ replayed: 3, byTopic: { [ordersTopic]: 3 } });
      // The malformed heads of their keys' queues fail again and go back; each key stays parked behind them.
      // Still malformed, so they come back to the DLQ: nothing is lost, and the replay did not loop.
      await eventually(
        async () => reader.messages.filter((m) => m.topic.endsWith('inventory.dlq')).length === 6,
        20_000,
        'replayed messages dead-lettered again',
      );
      // The group remembers its progress: a second replay takes only what arrived since.
      const again = await replayDeadLetters(kafka, { service: 'inventory', topicPrefix: run.topicPrefix });
      expect(again.replayed).toBe(3);
    });
  },
);
