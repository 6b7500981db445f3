import {
  OrderCompleted,
  OrderRefunded,
  ReturnRefundRequested,
  ShipmentCreated,
  ShipmentDelivered,
  ShipmentDispatched,
  StockReserved,
  Topics,
} from '@emporium/contracts';
import { eventMessage, integrationSuite, publishRaw } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import { checkout, listSkus, orderOf, orderStatusIs, placeOrder } from './orders.fixtures';
import { ordersRecipe } from './orders.recipe';

const setup = {
  services: {
    orders: { recipe: ordersRecipe, env: { ORDER_RETURN_WINDOW_SECONDS: '1', ORDER_COMPLETION_SWEEP_MS: '200' } },
  },
  read: [Topics.ordersOrder],
};

/** The completion sweep and a refund that arrives after the order completed (a return accepted later). */
integrationSuite(
  'orders: completion happens once (real PostgreSQL and Kafka)',
  setup,
  ({ orders, reader, run, topic }) => {
    let merchantId: string;

    beforeAll(async () => {
      ({ merchantId } = await listSkus(run, orders, [{ sku: 'DONE-A', price: 1000 }]));
    });

    const statusIs = (id: string, status: string) => orderStatusIs(orders, id, status, 30_000);
    const events = (type: string, orderId: string) =>
      reader.messages.filter((m) => m.headers.ce_type === type && m.json?.orderId === orderId);

    /** Placed, reserved, shipped and delivered by the events inventory and logistics would publish; the 1-second window then closes. */
    async function completedOrder() {
      const customerId = randomUUID();
      const placed = await placeOrder(orders, customerId, checkout(customerId, [{ sku: 'DONE-A', quantity: 2 }]));
      const orderId = placed.id as string;
      const now = () => new Date().toISOString();
      await publishRaw(topic(Topics.inventoryStock), [
        eventMessage(StockReserved, {
          orderId,
          reservationId: randomUUID(),
          lines: [{ sku: 'DONE-A', warehouseId: 'MAIN', quantity: 2 }],
          reservedAt: now(),
        }),
      ]);
      await statusIs(orderId, 'CONFIRMED');
      const shipmentId = randomUUID();
      const parcel = { shipmentId, orderId, carrier: 'SANDBOX-POST', trackingNumber: `SB-${shipmentId.slice(0, 8)}` };
      const promisedBy = new Date(Date.now() + 86_400_000).toISOString();
      await publishRaw(topic(Topics.logisticsShipment), [
        eventMessage(ShipmentCreated, {
          ...parcel,
          merchantId,
          warehouseId: 'MAIN',
          serviceLevel: 'STANDARD',
          zone: 'DOMESTIC',
          lines: [{ sku: 'DONE-A', quantity: 2 }],
          chargeableWeightGrams: 1000,
          carrierCost: 490,
          shippingFee: 0,
          currency: 'EUR',
          promisedBy,
          createdAt: now(),
        }),
        eventMessage(ShipmentDispatched, {
          ...parcel,
          warehouseId: 'MAIN',
          lines: [{ sku: 'DONE-A', quantity: 2 }],
          dispatchedAt: now(),
        }),
        eventMessage(ShipmentDelivered, { ...parcel, merchantId, onTime: true, promisedBy, deliveredAt: now() }),
      ]);
      await statusIs(orderId, 'COMPLETED');
      return { orderId, customerId };
    }

    it('a partial refund after completion leaves the order PARTIALLY_REFUNDED: it does not complete a second time', async () => {
      const { orderId, customerId } = await completedOrder();
      await publishRaw(topic(Topics.customerServiceReturn), [
        eventMessage(ReturnRefundRequested, {
          returnId: randomUUID(),
          orderId,
          customerId,
          currency: 'EUR',
          expectedAmount: 1000,
          lines: [{ sku: 'DONE-A', quantity: 1 }],
          requestedAt: new Date().toISOString(),
        }),
      ]);
      await reader.waitFor((m) => m.headers.ce_type === OrderRefunded.type && m.json.orderId === orderId);
      await statusIs(orderId, 'PARTIALLY_REFUNDED');
      // A later order completing proves the sweep ran after the refund; the refunded one stayed put.
      const later = await completedOrder();
      await reader.waitFor((m) => m.headers.ce_type === OrderCompleted.type && m.json.orderId === later.orderId);
      const order = await orderOf(orders, orderId);
      expect(order.status).toBe('PARTIALLY_REFUNDED');
      expect(order.timeline.map((c: { status: string }) => c.status)).toEqual([
        'PENDING',
        'CONFIRMED',
        'SHIPPED',
        'DELIVERED',
        'COMPLETED',
        'PARTIALLY_REFUNDED',
      ]);
      expect(events(OrderCompleted.type, orderId)).toHaveLength(1);
    });
  },
);
