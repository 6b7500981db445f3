import { deadLetterTopic, OrderPlaced, StockReserved, Topics } from '@emporium/contracts';
import { eventMessage, integrationSuite, publishRaw, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { inventoryRecipe } from '../../inventory/test/inventory.recipe';

/**
 * The database drops every connection of a service while events flow (a failover, a restart). Nothing
 * may be dead-lettered for it, and every event must still be applied exactly once.
 */
const setup = { services: { inventory: inventoryRecipe }, read: [Topics.inventoryStock, deadLetterTopic('inventory')] };

integrationSuite(
  'a service whose database connections are cut mid-stream (real PostgreSQL and Kafka)',
  setup,
  ({ inventory, reader, run, topic }) => {
    const ops = `Bearer ${tokenFor('ops')}`;

    it('waits for the database instead of dead-lettering, and applies every event once', async () => {
      await request(inventory.url)
        .post('/stock/receipts')
        .set('Authorization', ops)
        .set('Idempotency-Key', randomUUID())
        .send({ sku: 'BLIP-1', warehouseId: 'MAIN', quantity: 100 })
        .expect(201);
      const orders = Array.from({ length: 40 }, () => {
        const orderId = randomUUID();
        return {
          orderId,
          customerId: randomUUID(),
          currency: 'EUR',
          lines: [{ sku: 'BLIP-1', quantity: 1, unitPrice: 100, lineTotal: 100 }],
          totalAmount: 100,
          placedAt: new Date().toISOString(),
        };
      });

      // Close the database to new connections and cut every one the service has, for 3 seconds: far longer
      // than the handler retries (3 attempts, 20 ms apart) that a bad message gets.
      const admin = new Client({ connectionString: run.databaseUrl('inventory').replace(/\/[^/]+$/, '/postgres') });
      await admin.connect();
      const database = run.databaseName('inventory');
      try {
        await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
        await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [database]);
        await publishRaw(
          topic(Topics.ordersOrder),
          orders.map((order) => eventMessage(OrderPlaced, order)),
        );
        await new Promise((resolve) => setTimeout(resolve, 3000));
      } finally {
        await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
        await admin.end();
      }

      const ids = new Set(orders.map((order) => order.orderId));
      const answers = await reader.waitFor(
        (m) => m.headers.ce_type === StockReserved.type && ids.has(m.json.orderId),
        40,
        40_000,
      );
      expect(new Set(answers.map((m) => m.json.orderId)).size).toBe(40);
      expect(reader.messages.filter((m) => m.topic.endsWith('inventory.dlq'))).toEqual([]);
      const stock = (await request(inventory.url).get('/stock/BLIP-1').set('Authorization', ops).expect(200)).body;
      expect(stock).toMatchObject({ onHand: 100, reserved: 40, available: 60 });
    });
  },
);
