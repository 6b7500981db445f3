import { createKafka } from '@emporium/messaging';
import { eventually, integrationSuite, testInfrastructure, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { inventoryRecipe } from '../../inventory/test/inventory.recipe';
import { checkout, listSkus } from '../../orders/test/orders.fixtures';
import { ordersRecipe } from '../../orders/test/orders.recipe';

/**
 * Two replicas of each service on one database and one consumer group, as a Deployment with
 * replicas: 2 runs them: partitions are shared, one relay sends, and the stock rules still hold.
 */
const setup = {
  services: { inventoryA: inventoryRecipe, inventoryB: inventoryRecipe, ordersA: ordersRecipe, ordersB: ordersRecipe },
};

integrationSuite(
  'two replicas of orders and of inventory (real PostgreSQL and Kafka)',
  setup,
  ({ inventoryA, inventoryB, ordersA, ordersB, run }) => {
    const ops = `Bearer ${tokenFor('ops')}`;

    it('share the partitions and still sell exactly the stock there is', async () => {
      const admin = createKafka('test-admin', testInfrastructure.brokers).admin();
      await admin.connect();
      try {
        // Both inventory replicas hold some of the orders stream's partitions.
        const members = await eventually(
          async () => {
            const { groups } = await admin.describeGroups([`${run.topicPrefix}inventory`]);
            return groups[0].state === 'Stable' && groups[0].members.length === 2 ? groups[0].members : undefined;
          },
          60_000,
          'two members in the inventory group',
        );
        expect(members).toHaveLength(2);
      } finally {
        await admin.disconnect();
      }

      await listSkus(run, ordersA, [{ sku: 'SCALE-1', price: 700 }]);
      await request(inventoryA.url)
        .post('/stock/receipts')
        .set('Authorization', ops)
        .set('Idempotency-Key', randomUUID())
        .send({ sku: 'SCALE-1', warehouseId: 'MAIN', quantity: 30 })
        .expect(201);
      // Orders arrive at both replicas, as behind a load balancer.
      const placed = await Promise.all(
        Array.from({ length: 60 }, (_, i) => {
          const customerId = randomUUID();
          return request((i % 2 === 0 ? ordersA : ordersB).url)
            .post('/orders')
            .set('Authorization', `Bearer ${tokenFor('customer', customerId)}`)
            .set('Idempotency-Key', randomUUID())
            .send(checkout(customerId, [{ sku: 'SCALE-1', quantity: 1 }]))
            .expect(201);
        }),
      );
      const statuses = await eventually(
        async () => {
          const all = await Promise.all(
            placed.map((p) => request(ordersB.url).get(`/orders/${p.body.id}`).set('Authorization', ops).expect(200)),
          );
          const values = all.map((response) => response.body.status as string);
          return values.includes('PENDING') ? undefined : values;
        },
        60_000,
        'every order to settle',
      );
      expect(statuses.filter((status) => status === 'CONFIRMED')).toHaveLength(30);
      expect(statuses.filter((status) => status === 'CANCELLED')).toHaveLength(30);
      const stock = (await request(inventoryB.url).get('/stock/SCALE-1').set('Authorization', ops).expect(200)).body;
      expect(stock).toMatchObject({ onHand: 30, reserved: 30, available: 0 });
      // Each event applied once, whichever replica took it.
      const [{ applied, distinct }] = await inventoryA.dataSource.query(
        `SELECT count(*)::int AS applied, count(DISTINCT event_id)::int AS distinct FROM messaging_inbox WHERE event_type = 'orders.order.placed.v1'`,
      );
      expect(applied).toBe(60);
      expect(distinct).toBe(60);
      // Whichever replica held the relay lock, every event left the outbox (deleted just after Kafka acknowledged it).
      await eventually(
        async () =>
          (await ordersA.dataSource.query(`SELECT count(*)::int AS unsent FROM messaging_outbox`))[0].unsent === 0,
        20_000,
        'the orders outbox to drain',
      );
    });
  },
);
