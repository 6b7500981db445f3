import {
  OrderCompleted,
  OrderPaymentCaptured,
  ShipmentDelivered,
  ShipmentDispatched,
  StockCommitted,
  StockReleased,
  Topics,
} from '@emporium/contracts';
import { eventually, integrationSuite, RunningService, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { inventoryRecipe } from '../../inventory/test/inventory.recipe';
import { readyShipments, webhook } from '../../logistics/test/logistics.fixtures';
import { fastJobs, logisticsRecipe } from '../../logistics/test/logistics.recipe';
import { checkout, listSkus } from '../../orders/test/orders.fixtures';
import { ordersRecipe } from '../../orders/test/orders.recipe';
import { SANDBOX_CARDS } from '../../orders/src/payments/sandbox-payment-gateway';

/**
 * orders, inventory and logistics together, through real events only: a priced checkout with logistics'
 * quote, the saga, the sandbox payment, shipment, dispatch, tracking, delivery and completion; and the
 * failures (declined card, customer cancel after confirmation, cancel after dispatch) with the stock released.
 */
const setup = {
  services: {
    inventory: inventoryRecipe,
    logistics: { recipe: logisticsRecipe, env: fastJobs },
    // orders quotes shipping from this logistics, as the platform wires it (LOGISTICS_URL); a 3 s return window.
    orders: {
      recipe: ordersRecipe,
      env: (started: Record<string, RunningService>) => ({
        LOGISTICS_URL: started.logistics.url,
        ORDER_RETURN_WINDOW_SECONDS: '3',
        ORDER_COMPLETION_SWEEP_MS: '250',
      }),
    },
  },
  read: [Topics.logisticsShipment, Topics.inventoryStock, Topics.ordersOrder],
};

integrationSuite(
  'the order journey across orders, inventory and logistics (real PostgreSQL and Kafka)',
  setup,
  ({ inventory, orders, logistics, reader, run }) => {
    const ops = `Bearer ${tokenFor('ops')}`;
    const sku = 'SHIP-1';

    beforeAll(async () => {
      // catalog's events feed both orders (price, merchant) and logistics (weight 1000 g each).
      await listSkus(run, orders, [{ sku, price: 990, weightGrams: 1000 }]);
      await eventually(
        async () => (await logistics.dataSource.query(`SELECT 1 FROM sku_profiles WHERE sku = $1`, [sku])).length === 1,
        20_000,
        'logistics to know the SKU',
      );
      await request(inventory.url)
        .post('/stock/receipts')
        .set('Authorization', ops)
        .set('Idempotency-Key', randomUUID())
        .send({ sku, warehouseId: 'MAIN', quantity: 20 })
        .expect(201);
    });

    const stockOf = async () =>
      (await request(inventory.url).get(`/stock/${sku}`).set('Authorization', ops).expect(200)).body;
    const orderOf = async (id: string) =>
      (await request(orders.url).get(`/orders/${id}`).set('Authorization', ops).expect(200)).body;
    const statusIs = (id: string, status: string, timeoutMs = 45_000) =>
      eventually(
        async () => {
          const order = await orderOf(id);
          return order.status === status ? order : undefined;
        },
        timeoutMs,
        `order ${id} to be ${status}`,
      );
    const place = async (cardToken: string = SANDBOX_CARDS.SUCCEEDS) => {
      const customerId = randomUUID();
      const placed = await request(orders.url)
        .post('/orders')
        .set('Authorization', `Bearer ${tokenFor('customer', customerId)}`)
        .set('Idempotency-Key', randomUUID())
        .send(checkout(customerId, [{ sku, quantity: 2 }], { payment: { method: 'CARD', cardToken } }))
        .expect(201);
      return { id: placed.body.id as string, customerId, body: placed.body };
    };

    it('placed -> reserved -> authorised -> CONFIRMED -> shipment -> dispatched (stock committed, captured, SHIPPED) -> tracked -> DELIVERED -> COMPLETED', async () => {
      const before = await stockOf();
      const { id: orderId, body } = await place();
      // 2 x 1000 g, 2 x 200x150x100 mm: well under every volumetric threshold; DOMESTIC STANDARD (5 days):
      // SANDBOX-PARCEL STANDARD bracket 2000 g = 4.50 EUR beats SANDBOX-POST bracket 5000 g = 6.90 EUR.
      expect(body).toMatchObject({
        subtotal: 1980,
        shippingFee: 450,
        totalAmount: 2430,
        amountToPay: 2430,
        shippingQuoteId: expect.any(String),
      });
      await statusIs(orderId, 'CONFIRMED');

      // The address decides the zone; the fee is the quoted one.
      const [shipment] = await readyShipments(logistics, orderId, 1);
      expect(shipment).toMatchObject({
        warehouseId: 'MAIN',
        routingSource: 'ADDRESS',
        zone: 'DOMESTIC',
        actualWeightGrams: 2000,
        shippingFee: 450,
        lines: [{ sku, quantity: 2 }],
      });

      await request(logistics.url)
        .post(`/shipments/${shipment.id}/dispatch`)
        .set('Authorization', `Bearer ${tokenFor('warehouse')}`)
        .expect(200);
      await reader.waitFor((m) => m.headers.ce_type === ShipmentDispatched.type && m.json.shipmentId === shipment.id);
      const [committed] = await reader.waitFor(
        (m) => m.headers.ce_type === StockCommitted.type && m.json.orderId === orderId,
        1,
        30_000,
      );
      expect(committed.json.complete).toBe(true);
      expect(await stockOf()).toMatchObject({ onHand: before.onHand - 2, reserved: before.reserved });
      await statusIs(orderId, 'SHIPPED');
      const [captured] = await reader.waitFor(
        (m) => m.headers.ce_type === OrderPaymentCaptured.type && m.json.orderId === orderId,
        1,
        30_000,
      );
      expect(captured.json.amount).toBe(2430);

      const secret =
        shipment.carrier === 'SANDBOX-POST' ? 'sandbox-post-webhook-secret' : 'sandbox-parcel-webhook-secret';
      for (const status of ['PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']) {
        await webhook(
          logistics,
          {
            eventId: randomUUID(),
            trackingNumber: shipment.trackingNumber,
            status,
            occurredAt: new Date().toISOString(),
          },
          { carrier: shipment.carrier, secret },
        ).expect(200);
      }
      const [delivered] = await reader.waitFor(
        (m) => m.headers.ce_type === ShipmentDelivered.type && m.json.shipmentId === shipment.id,
      );
      expect(delivered.json).toMatchObject({ orderId, onTime: true });
      await statusIs(orderId, 'DELIVERED');
      const completed = await statusIs(orderId, 'COMPLETED');
      await reader.waitFor((m) => m.headers.ce_type === OrderCompleted.type && m.json.orderId === orderId);

      // The timeline and the ledger tell the story.
      expect(
        completed.timeline.map((change: { status: string; detail?: string }) => [change.status, change.detail]),
      ).toEqual([
        ['PENDING', undefined],
        ['CONFIRMED', expect.stringMatching(/^payment .* authorised by SANDBOX$/)],
        ['SHIPPED', `shipment ${shipment.id} dispatched`],
        ['DELIVERED', `every shipment delivered (last ${shipment.id})`],
        ['COMPLETED', 'the return window closed'],
      ]);
      const ledger = (
        await request(orders.url).get(`/orders/${orderId}/payments`).set('Authorization', ops).expect(200)
      ).body.items;
      expect(
        ledger.map((row: { operation: string; status: string; amount: number }) => [
          row.operation,
          row.status,
          row.amount,
        ]),
      ).toEqual([
        ['AUTHORISE', 'SUCCEEDED', 2430],
        ['CAPTURE', 'SUCCEEDED', 2430],
      ]);
    });

    it('a declined card: CANCELLED with the reason, and inventory releases the stock', async () => {
      const before = await stockOf();
      const { id } = await place(SANDBOX_CARDS.DECLINED);
      const order = await statusIs(id, 'CANCELLED');
      expect(order.timeline.at(-1)).toMatchObject({ reason: 'PAYMENT_DECLINED' });
      const [released] = await reader.waitFor(
        (m) => m.headers.ce_type === StockReleased.type && m.json.orderId === id,
        1,
        30_000,
      );
      expect(released.json.reason).toBe('PAYMENT_DECLINED');
      expect(await stockOf()).toMatchObject({ available: before.available });
    });

    it('the customer cancels after confirmation: stock released, payment voided, no shipment goes out', async () => {
      const before = await stockOf();
      const { id, customerId } = await place();
      await statusIs(id, 'CONFIRMED');
      await request(orders.url)
        .post(`/orders/${id}/cancel`)
        .set('Authorization', `Bearer ${tokenFor('customer', customerId)}`)
        .send({})
        .expect(200);
      await reader.waitFor((m) => m.headers.ce_type === StockReleased.type && m.json.orderId === id, 1, 30_000);
      expect(await stockOf()).toMatchObject({ available: before.available });
      await eventually(
        async () => {
          const rows = (await request(orders.url).get(`/orders/${id}/payments`).set('Authorization', ops).expect(200))
            .body.items;
          return rows.some(
            (row: { operation: string; status: string }) => row.operation === 'VOID' && row.status === 'SUCCEEDED',
          );
        },
        20_000,
        'the authorisation voided',
      );
    });

    it('the customer cancelling after dispatch is a 409', async () => {
      const shipped = await place();
      await statusIs(shipped.id, 'CONFIRMED');
      const [parcel] = await readyShipments(logistics, shipped.id, 1);
      await request(logistics.url)
        .post(`/shipments/${parcel.id}/dispatch`)
        .set('Authorization', `Bearer ${tokenFor('warehouse')}`)
        .expect(200);
      await statusIs(shipped.id, 'SHIPPED');
      const refused = await request(orders.url)
        .post(`/orders/${shipped.id}/cancel`)
        .set('Authorization', `Bearer ${tokenFor('customer', shipped.customerId)}`)
        .send({})
        .expect(409);
      expect(refused.body.code).toBe('ILLEGAL_ORDER_TRANSITION');
    });
  },
);
