import {
  OrderPlaced,
  ShipmentDispatched,
  SkuAdded,
  StockCommitted,
  StockReplenishmentSuggested,
  StockReserved,
  Topics,
} from '@emporium/contracts';
import { eventMessage, eventually, integrationSuite, publishRaw } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { PlanningService } from '../src/planning/planning.service';
import { inventoryRecipe } from './inventory.recipe';
import { inventoryApi, ops, orderPlaced, shipmentDispatched, skuAdded } from './inventory.fixtures';

// Defaults for the formula (28-day window, 14 review days); a replenishment "day" of 1.5 s.
const setup = {
  services: { inventory: { recipe: inventoryRecipe, env: { REPLENISHMENT_RUN_EVERY_MS: '1500' } } },
  read: [Topics.inventoryStock],
};

integrationSuite(
  'replenishment suggestions and the slow-moving report (real PostgreSQL and Kafka)',
  setup,
  ({ inventory, reader, topic }) => {
    const api = inventoryApi(inventory);

    beforeAll(async () => {});

    /** Reserves and dispatches `quantity` units: a sale, as the ledger counts sales (COMMIT). */
    const sell = async (sku: string, quantity: number) => {
      const order = orderPlaced([{ sku, quantity }]);
      await publishRaw(topic(Topics.ordersOrder), [eventMessage(OrderPlaced, order)]);
      await reader.waitFor((m) => m.headers.ce_type === StockReserved.type && m.json.orderId === order.orderId);
      await publishRaw(topic(Topics.logisticsShipment), [eventMessage(ShipmentDispatched, shipmentDispatched(order))]);
      await reader.waitFor((m) => m.headers.ce_type === StockCommitted.type && m.json.orderId === order.orderId);
    };

    it('suggests the hand-computed reorder quantity, and publishes it in the periodic run', async () => {
      // 56 sold in the 28-day window: 2 a day. Lead time 7 days, safety stock 10, review period 14 days.
      await api.receive('PLAN-1', 71);
      await sell('PLAN-1', 56);
      await request(inventory.url)
        .post('/stock/inbound')
        .set('Authorization', ops)
        .set('Idempotency-Key', randomUUID())
        .send({ sku: 'PLAN-1', warehouseId: 'MAIN', quantity: 5 })
        .expect(201);
      expect(
        (await api.setPolicy('PLAN-1', 'MAIN', { safetyStock: 10, reorderPoint: 0, leadTimeDays: 7 })).status,
      ).toBe(200);
      expect(await api.level('PLAN-1', 'MAIN')).toMatchObject({ onHand: 15, available: 15, inbound: 5 });

      // By hand: reorder point = 2*7 + 10 = 24; position = 15 available + 5 inbound = 20 <= 24, so order;
      // target = 2*(7+14) + 10 = 52; quantity = 52 - 20 = 32.
      const expected = {
        sku: 'PLAN-1',
        warehouseId: 'MAIN',
        suggestedQuantity: 32,
        available: 15,
        inbound: 5,
        safetyStock: 10,
        reorderPoint: 24,
        targetLevel: 52,
        leadTimeDays: 7,
        reviewDays: 14,
        windowDays: 28,
        unitsSoldInWindow: 56,
        averageDailySales: 2,
      };
      const response = await request(inventory.url)
        .get('/replenishment/suggestions?sku=PLAN-1')
        .set('Authorization', ops)
        .expect(200);
      expect(response.body).toEqual([expected]);

      const [published] = await reader.waitFor(
        (m) => m.headers.ce_type === StockReplenishmentSuggested.type && m.json.sku === 'PLAN-1',
        1,
        10_000,
      );
      expect(published.json).toEqual({ ...expected, suggestedAt: expect.any(String) });

      // Receiving the inbound units (and more) lifts the position above the reorder point: nothing to suggest.
      await api.receive('PLAN-1', 20);
      expect(
        (
          await request(inventory.url)
            .get('/replenishment/suggestions?sku=PLAN-1')
            .set('Authorization', ops)
            .expect(200)
        ).body,
      ).toEqual([]);
    });

    it('runs each period once however many replicas tick', async () => {
      const planning = inventory.app.get(PlanningService);
      const period = new Date('2030-01-01T00:00:00Z');
      const results = await Promise.all([
        planning.runReplenishment(period),
        planning.runReplenishment(period),
        planning.runReplenishment(period),
      ]);
      expect(results.filter((result) => result === null)).toHaveLength(2);
    });

    it('lists stock with no sales for N days, valued at list price', async () => {
      await publishRaw(topic(Topics.catalogProduct), [eventMessage(SkuAdded, skuAdded('SLOW-1', 2000))]);
      await eventually(
        async () => (await request(inventory.url).get('/stock/SLOW-1').set('Authorization', ops)).status === 200,
      );
      await api.receive('SLOW-1', 10); // never sold, arrived 100 days ago
      await api.receive('SLOW-2', 10); // last sold 120 days ago, not in the catalog (no price)
      await sell('SLOW-2', 2);
      await api.receive('SLOW-3', 3); // arrived today: not slow yet
      await api.receive('SLOW-4', 4); // arrived long ago but sold today
      await inventory.dataSource.query(
        `UPDATE stock_movements SET created_at = now() - interval '100 days' WHERE sku IN ('SLOW-1', 'SLOW-4')`,
      );
      await inventory.dataSource.query(
        `UPDATE stock_movements SET created_at = now() - interval '120 days' WHERE sku = 'SLOW-2'`,
      );
      await sell('SLOW-4', 1);

      const report = (
        await request(inventory.url).get('/reports/slow-moving?days=90').set('Authorization', ops).expect(200)
      ).body;
      expect(report.items.map((item: { sku: string }) => item.sku)).toEqual(['SLOW-1', 'SLOW-2']);
      expect(report.items[0]).toMatchObject({
        sku: 'SLOW-1',
        warehouseId: 'MAIN',
        onHand: 10,
        lastSoldAt: null,
        unitPrice: 2000,
        currency: 'EUR',
        stockValue: 20000,
      });
      expect(report.items[1]).toMatchObject({ sku: 'SLOW-2', onHand: 8, unitPrice: null, stockValue: null });
      expect(new Date(report.items[1].lastSoldAt).getTime()).toBeLessThan(Date.now() - 119 * 86_400_000);
      expect(report).toMatchObject({ days: 90, totalUnits: 18, totalValue: [{ currency: 'EUR', amount: 20000 }] });

      const recent = (
        await request(inventory.url).get('/reports/slow-moving?days=110').set('Authorization', ops).expect(200)
      ).body;
      expect(recent.items.map((item: { sku: string }) => item.sku)).toEqual(['SLOW-2']);
      const bad = await request(inventory.url).get('/reports/slow-moving?days=0').set('Authorization', ops).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['days']);
    });
  },
);
