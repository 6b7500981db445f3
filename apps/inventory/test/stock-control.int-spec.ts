import {
  OrderCancelledV2Event,
  OrderPlaced,
  SkuAdded,
  StockAdjusted,
  StockBackInStock,
  StockLow,
  StockOutOfStock,
  StockReservationFailed,
  StockReserved,
  Topics,
} from '@emporium/contracts';
import { eventMessage, eventually, integrationSuite, publishRaw, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { inventoryRecipe } from './inventory.recipe';
import { inventoryApi, ops, orderCancelled, orderPlaced, skuAdded } from './inventory.fixtures';

const setup = { services: { inventory: inventoryRecipe }, read: [Topics.inventoryStock] };

integrationSuite(
  'warehouses, stocktakes, availability alerts and the ledger API (real PostgreSQL and Kafka)',
  setup,
  ({ inventory, reader, topic }) => {
    const api = inventoryApi(inventory);

    const fields = (response: request.Response) => response.body.errors.map((e: { field: string }) => e.field);
    const placeAll = async (orders: ReturnType<typeof orderPlaced>[]) => {
      await publishRaw(
        topic(Topics.ordersOrder),
        orders.map((order) => eventMessage(OrderPlaced, order)),
      );
      const ids = orders.map((order) => order.orderId);
      await reader.waitFor(
        (m) =>
          ids.includes(m.json?.orderId) &&
          [StockReserved.type, StockReservationFailed.type].includes(m.headers.ce_type),
        ids.length,
      );
    };

    describe('warehouses', () => {
      it('creates a warehouse for ops only, refuses a duplicate and names bad fields', async () => {
        const created = await api.createWarehouse('EU-2', 'EU-DE', 5);
        expect(created.body).toMatchObject({ id: 'EU-2', region: 'EU-DE', priority: 5 });
        const duplicate = await request(inventory.url)
          .post('/warehouses')
          .set('Authorization', ops)
          .send({ id: 'EU-2', name: 'again', region: 'EU-DE', priority: 5 })
          .expect(409);
        expect(duplicate.body.code).toBe('WAREHOUSE_EXISTS');
        const bad = await request(inventory.url)
          .post('/warehouses')
          .set('Authorization', ops)
          .send({ id: 'has space', name: 'x', region: 'EU', priority: -1 })
          .expect(400);
        expect(fields(bad).sort()).toEqual(['id', 'priority']);
        await request(inventory.url)
          .post('/warehouses')
          .set('Authorization', `Bearer ${tokenFor('customer')}`)
          .send({ id: 'X', name: 'x', region: 'EU', priority: 1 })
          .expect(403);
        const list = await request(inventory.url).get('/warehouses').set('Authorization', ops).expect(200);
        expect(list.body.map((w: { id: string }) => w.id)).toEqual(['EU-2', 'MAIN']);
      });

      it('creates stock records in every warehouse when catalog announces a SKU, visible to its merchant only', async () => {
        const announced = skuAdded('CAT-1', 1500);
        await publishRaw(topic(Topics.catalogProduct), [eventMessage(SkuAdded, announced)]);
        const stock = await eventually(
          async () =>
            (await request(inventory.url).get('/stock/CAT-1').set('Authorization', ops)).body.warehouses?.length ===
              2 && api.stockOf('CAT-1'),
        );
        expect(stock).toMatchObject({
          onHand: 0,
          warehouses: [
            { warehouseId: 'EU-2', onHand: 0, status: 'OUT' },
            { warehouseId: 'MAIN', onHand: 0 },
          ],
        });
        const merchant = (merchantId: string) => `Bearer ${tokenFor('merchant', randomUUID(), { merchantId })}`;
        await request(inventory.url)
          .get('/stock/CAT-1')
          .set('Authorization', merchant(announced.merchantId))
          .expect(200);
        await request(inventory.url).get('/stock/CAT-1').set('Authorization', merchant(randomUUID())).expect(404);
        // A reservation for it is now OUT_OF_STOCK, not UNKNOWN_SKU.
        const order = orderPlaced([{ sku: 'CAT-1', quantity: 1 }]);
        await placeAll([order]);
        expect(reader.messages.find((m) => m.json?.orderId === order.orderId)!.json).toMatchObject({
          reason: 'OUT_OF_STOCK',
        });
      });
    });

    describe('stocktakes', () => {
      it('adjusts on hand to the count, records each variance with its reason, and reports the shrinkage', async () => {
        await publishRaw(topic(Topics.catalogProduct), [eventMessage(SkuAdded, skuAdded('TAKE-1', 1500))]);
        await eventually(
          async () => (await request(inventory.url).get('/stock/TAKE-1').set('Authorization', ops)).status === 200,
        );
        await api.receive('TAKE-1', 20);
        await api.receive('TAKE-2', 5);
        await placeAll([orderPlaced([{ sku: 'TAKE-1', quantity: 3 }])]);

        const response = await request(inventory.url)
          .post('/stocktakes')
          .set('Authorization', ops)
          .set('Idempotency-Key', randomUUID())
          .send({
            warehouseId: 'MAIN',
            reason: 'Cycle count',
            lines: [
              { sku: 'TAKE-1', counted: 17 },
              { sku: 'TAKE-2', counted: 6 },
              { sku: 'TAKE-3', counted: 0 },
            ],
          })
          .expect(201);
        expect(response.body).toMatchObject({
          warehouseId: 'MAIN',
          reason: 'Cycle count',
          lines: [
            { sku: 'TAKE-1', expected: 20, counted: 17, variance: -3, unitPrice: 1500, currency: 'EUR' },
            { sku: 'TAKE-2', expected: 5, counted: 6, variance: 1, unitPrice: null },
            { sku: 'TAKE-3', expected: 0, counted: 0, variance: 0 },
          ],
          shrinkageUnits: 3,
          surplusUnits: 1,
          netVarianceUnits: -2,
          shrinkageValue: [{ currency: 'EUR', amount: 4500 }],
        });
        expect(await api.level('TAKE-1', 'MAIN')).toMatchObject({ onHand: 17, reserved: 3, available: 14 });
        expect(await api.level('TAKE-2', 'MAIN')).toMatchObject({ onHand: 6 });
        const adjustment = (await api.ledger('TAKE-1')).find((row) => row.cause === 'ADJUSTMENT');
        expect(adjustment).toMatchObject({
          on_hand_delta: -3,
          reserved_delta: 0,
          reason: 'Cycle count',
          reference: response.body.id,
        });
        const adjusted = await reader.waitFor(
          (m) => m.headers.ce_type === StockAdjusted.type && m.json.stocktakeId === response.body.id,
          2,
        );
        expect(adjusted.map((m) => m.json).find((e) => e.sku === 'TAKE-1')).toMatchObject({
          expected: 20,
          counted: 17,
          variance: -3,
          onHand: 17,
          available: 14,
        });
        await request(inventory.url)
          .get(`/stocktakes/${response.body.id}`)
          .set('Authorization', ops)
          .expect(200, response.body);
        expect(await api.ledgerMismatches()).toEqual([]);
      });

      it('refuses a count below what orders hold, and changes nothing', async () => {
        const response = await request(inventory.url)
          .post('/stocktakes')
          .set('Authorization', ops)
          .set('Idempotency-Key', randomUUID())
          .send({
            warehouseId: 'MAIN',
            reason: 'Recount',
            lines: [
              { sku: 'TAKE-2', counted: 1 },
              { sku: 'TAKE-1', counted: 2 },
            ],
          })
          .expect(409);
        expect(response.body).toMatchObject({ code: 'COUNT_BELOW_RESERVED', sku: 'TAKE-1', counted: 2, reserved: 3 });
        expect(await api.level('TAKE-2', 'MAIN')).toMatchObject({ onHand: 6 });
      });

      it('names the bad field: a negative count, an unknown warehouse, a SKU counted twice', async () => {
        const submit = (body: object) =>
          request(inventory.url)
            .post('/stocktakes')
            .set('Authorization', ops)
            .set('Idempotency-Key', randomUUID())
            .send(body)
            .expect(400);
        expect(
          fields(await submit({ warehouseId: 'MAIN', reason: 'x', lines: [{ sku: 'TAKE-1', counted: -1 }] })),
        ).toEqual(['lines.0.counted']);
        expect(
          fields(await submit({ warehouseId: 'NOWHERE', reason: 'x', lines: [{ sku: 'TAKE-1', counted: 1 }] })),
        ).toEqual(['warehouseId']);
        expect(
          fields(
            await submit({
              warehouseId: 'MAIN',
              reason: 'x',
              lines: [
                { sku: 'TAKE-1', counted: 5 },
                { sku: 'TAKE-1', counted: 6 },
              ],
            }),
          ),
        ).toEqual(['lines.1.sku']);
        await request(inventory.url)
          .post('/stocktakes')
          .set('Authorization', `Bearer ${tokenFor('merchant')}`)
          .set('Idempotency-Key', randomUUID())
          .send({})
          .expect(403);
      });
    });

    it('announces low, out-of-stock and back-in-stock exactly once per crossing', async () => {
      const sku = 'ALERT-1';
      const count = (type: string) =>
        reader.messages.filter((m) => m.headers.ce_type === type && m.json.sku === sku).length;
      const settle = async () => {
        // A receipt on another SKU behind our events proves the relay sent everything before it.
        const marker = `MARK-${randomUUID().slice(0, 8)}`;
        await api.receive(marker, 1);
        await reader.waitFor((m) => m.headers.ce_type === 'inventory.stock.received.v1' && m.json.sku === marker);
      };

      await api.receive(sku, 10); // a new SKU starts out of stock: its first units bring it back
      expect((await api.setPolicy(sku, 'MAIN', { safetyStock: 3, reorderPoint: 0 })).status).toBe(200);
      await placeAll(Array.from({ length: 7 }, () => orderPlaced([{ sku, quantity: 1 }]))); // available 3: LOW
      await placeAll([orderPlaced([{ sku, quantity: 1 }])]); // 2: still low
      const two = orderPlaced([{ sku, quantity: 2 }]);
      await placeAll([two]); // 0: OUT
      await placeAll(Array.from({ length: 3 }, () => orderPlaced([{ sku, quantity: 1 }]))); // all fail: still out
      await settle();
      expect({
        low: count(StockLow.type),
        out: count(StockOutOfStock.type),
        back: count(StockBackInStock.type),
      }).toEqual({ low: 1, out: 1, back: 1 });
      const [out] = reader.messages.filter((m) => m.headers.ce_type === StockOutOfStock.type && m.json.sku === sku);
      expect(out.json).toMatchObject({
        warehouseId: 'MAIN',
        available: 0,
        onHand: 10,
        reserved: 10,
        safetyStock: 3,
        totalAvailable: 0,
      });

      await publishRaw(topic(Topics.ordersOrder), [eventMessage(OrderCancelledV2Event, orderCancelled(two))]); // 2: back in stock (and low, unannounced)
      await api.receive(sku, 5); // 7: OK again, which re-arms LOW
      await placeAll([orderPlaced([{ sku, quantity: 4 }])]); // 3: LOW again
      await settle();
      expect({
        low: count(StockLow.type),
        out: count(StockOutOfStock.type),
        back: count(StockBackInStock.type),
      }).toEqual({ low: 2, out: 1, back: 2 });
    });

    it('serves the ledger page by page, and names bad policy fields', async () => {
      const first = await request(inventory.url)
        .get('/stock/TAKE-1/movements?limit=2')
        .set('Authorization', ops)
        .expect(200);
      expect(first.body.items.map((m: { cause: string }) => m.cause)).toEqual(['RECEIPT', 'RESERVATION']);
      const rest = await request(inventory.url)
        .get(`/stock/TAKE-1/movements?limit=2&cursor=${first.body.nextCursor}`)
        .set('Authorization', ops)
        .expect(200);
      expect(rest.body).toMatchObject({ items: [{ cause: 'ADJUSTMENT', reason: 'Cycle count' }], nextCursor: null });

      const bad = await api.setPolicy('TAKE-1', 'MAIN', { safetyStock: -1, reorderPoint: 0 });
      expect(bad.status).toBe(400);
      expect(fields(bad)).toEqual(['safetyStock']);
      const unknown = await api.setPolicy('TAKE-1', 'NOWHERE', { safetyStock: 1, reorderPoint: 0 });
      expect(unknown.status).toBe(400);
      expect(fields(unknown)).toEqual(['warehouseId']);
    });
  },
);
