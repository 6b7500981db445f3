import { ShipmentDelivered, ShipmentDispatched, StockCommitted, Topics } from '@emporium/contracts';
import { createRunTopics, deleteRunTopics, eventually, RunningService, startService, TestRun, tokenFor, TopicReader } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { inventoryRecipe } from '../../inventory/test/inventory.recipe';
import { readyShipments, webhook } from '../../logistics/test/logistics.fixtures';
import { fastJobs, logisticsRecipe } from '../../logistics/test/logistics.recipe';
import { ordersRecipe } from '../../orders/test/orders.recipe';

/** orders, inventory and logistics together: from a placed order to a delivered parcel, through real events only. */
describe('the shipping journey across orders, inventory and logistics (real PostgreSQL and Kafka)', () => {
  const run = new TestRun();
  let inventory: RunningService;
  let orders: RunningService;
  let logistics: RunningService;
  let reader: TopicReader;
  const ops = `Bearer ${tokenFor('ops')}`;

  beforeAll(async () => {
    await createRunTopics(run);
    [inventory, orders, logistics] = await Promise.all([startService(run, inventoryRecipe), startService(run, ordersRecipe), startService(run, logisticsRecipe, fastJobs)]);
    reader = await new TopicReader().start([run.topicPrefix + Topics.logisticsShipment, run.topicPrefix + Topics.inventoryStock]);
  });

  afterAll(async () => {
    await reader?.stop();
    await Promise.all([inventory?.close(), orders?.close(), logistics?.close()]);
    await run.dropDatabases();
    await deleteRunTopics(run);
  });

  it('placed -> reserved -> CONFIRMED -> shipment -> dispatched (stock committed) -> tracked to DELIVERED', async () => {
    const sku = 'SHIP-1';
    await request(inventory.url).post('/stock/receipts').set('Authorization', ops).set('Idempotency-Key', randomUUID()).send({ sku, warehouseId: 'MAIN', quantity: 5 }).expect(201);
    const customerId = randomUUID();
    const placed = await request(orders.url)
      .post('/orders')
      .set('Authorization', `Bearer ${tokenFor('customer', customerId)}`)
      .set('Idempotency-Key', randomUUID())
      .send({ customerId, currency: 'EUR', lines: [{ sku, quantity: 2, unitPrice: 990 }] })
      .expect(201);
    const orderId = placed.body.id;
    await eventually(async () => (await request(orders.url).get(`/orders/${orderId}`).set('Authorization', ops).expect(200)).body.status === 'CONFIRMED', 45_000, 'CONFIRMED');

    // orders sends no address yet: the default zone and option, and catalog never announced the SKU (default weight).
    const [shipment] = await readyShipments(logistics, orderId, 1);
    expect(shipment).toMatchObject({ warehouseId: 'MAIN', routingSource: 'DEFAULT', zone: 'DOMESTIC', actualWeightGrams: 2000, lines: [{ sku, quantity: 2 }] });

    await request(logistics.url).post(`/shipments/${shipment.id}/dispatch`).set('Authorization', `Bearer ${tokenFor('warehouse')}`).expect(200);
    await reader.waitFor((m) => m.headers.ce_type === ShipmentDispatched.type && m.json.shipmentId === shipment.id);
    const [committed] = await reader.waitFor((m) => m.headers.ce_type === StockCommitted.type && m.json.orderId === orderId, 1, 30_000);
    expect(committed.json.complete).toBe(true);
    const stock = (await request(inventory.url).get(`/stock/${sku}`).set('Authorization', ops).expect(200)).body;
    expect(stock).toMatchObject({ onHand: 3, reserved: 0, available: 3 });

    const secret = shipment.carrier === 'SANDBOX-POST' ? 'sandbox-post-webhook-secret' : 'sandbox-parcel-webhook-secret';
    for (const status of ['PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']) {
      await webhook(logistics, { eventId: randomUUID(), trackingNumber: shipment.trackingNumber, status, occurredAt: new Date().toISOString() }, { carrier: shipment.carrier, secret }).expect(200);
    }
    const [delivered] = await reader.waitFor((m) => m.headers.ce_type === ShipmentDelivered.type && m.json.shipmentId === shipment.id);
    expect(delivered.json).toMatchObject({ orderId, onTime: true });
  });
});
