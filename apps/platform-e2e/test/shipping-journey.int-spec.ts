import { ShipmentDelivered, ShipmentDispatched, StockCommitted, Topics } from '@emporium/contracts';
import { createRunTopics, deleteRunTopics, eventually, RunningService, startService, TestRun, tokenFor, TopicReader } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { inventoryRecipe } from '../../inventory/test/inventory.recipe';
import { readyShipments, webhook } from '../../logistics/test/logistics.fixtures';
import { fastJobs, logisticsRecipe } from '../../logistics/test/logistics.recipe';
import { checkout, listSkus } from '../../orders/test/orders.fixtures';
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
    [inventory, logistics] = await Promise.all([startService(run, inventoryRecipe), startService(run, logisticsRecipe, fastJobs)]);
    // orders quotes shipping from this logistics, as the platform wires it (LOGISTICS_URL).
    orders = await startService(run, ordersRecipe, { LOGISTICS_URL: logistics.url });
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
    // catalog's events feed both orders (price, merchant) and logistics (weight 1000 g each).
    await listSkus(run, orders, [{ sku, price: 990, weightGrams: 1000 }]);
    await eventually(async () => (await logistics.dataSource.query(`SELECT 1 FROM sku_profiles WHERE sku = $1`, [sku])).length === 1, 20_000, 'logistics to know the SKU');
    const customerId = randomUUID();
    const placed = await request(orders.url)
      .post('/orders')
      .set('Authorization', `Bearer ${tokenFor('customer', customerId)}`)
      .set('Idempotency-Key', randomUUID())
      .send(checkout(customerId, [{ sku, quantity: 2 }]))
      .expect(201);
    const orderId = placed.body.id;
    // 2 x 1000 g, 2 x 200x150x100 mm: well under every volumetric threshold; DOMESTIC STANDARD 5 days:
    // SANDBOX-PARCEL STANDARD bracket 2000 g = 4.50 EUR beats SANDBOX-POST 5000 g = 6.90 EUR.
    expect(placed.body).toMatchObject({ subtotal: 1980, shippingFee: 450, totalAmount: 2430, shippingQuoteId: expect.any(String) });
    await eventually(async () => (await request(orders.url).get(`/orders/${orderId}`).set('Authorization', ops).expect(200)).body.status === 'CONFIRMED', 45_000, 'CONFIRMED');

    // The address decides the zone; the fee is the quoted one.
    const [shipment] = await readyShipments(logistics, orderId, 1);
    expect(shipment).toMatchObject({ warehouseId: 'MAIN', routingSource: 'ADDRESS', zone: 'DOMESTIC', actualWeightGrams: 2000, shippingFee: 450, lines: [{ sku, quantity: 2 }] });

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
