import {
  OrderCompleted,
  OrderPaymentCaptured,
  ShipmentDelivered,
  ShipmentDispatched,
  StockCommitted,
  StockReleased,
  Topics,
} from '@emporium/contracts';
import { eventually, integrationSuite } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import { inventoryApi } from '../../inventory/test/inventory.fixtures';
import { inventoryRecipe } from '../../inventory/test/inventory.recipe';
import { dispatch, logisticsKnowsSku, readyShipments, track } from '../../logistics/test/logistics.fixtures';
import { fastJobs, logisticsRecipe } from '../../logistics/test/logistics.recipe';
import {
  cancelOrder,
  checkout,
  listSkus,
  orderStatusIs,
  paymentsOf,
  placeOrder,
  SANDBOX_CARDS,
} from '../../orders/test/orders.fixtures';
import { journeyOrders } from '../../orders/test/orders.recipe';

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
    orders: journeyOrders,
  },
  read: [Topics.logisticsShipment, Topics.inventoryStock, Topics.ordersOrder],
};

integrationSuite(
  'the order journey across orders, inventory and logistics (real PostgreSQL and Kafka)',
  setup,
  ({ inventory, orders, logistics, reader, run }) => {
    const sku = 'SHIP-1';
    const stock = inventoryApi(inventory);

    beforeAll(async () => {
      // catalog's events feed both orders (price, merchant) and logistics (weight 1000 g each).
      await listSkus(run, orders, [{ sku, price: 990, weightGrams: 1000 }]);
      await logisticsKnowsSku(logistics, sku);
      await stock.receive(sku, 20);
    });

    const stockOf = () => stock.stockOf(sku);
    const statusIs = (id: string, status: string) => orderStatusIs(orders, id, status);
    const place = async (cardToken: string = SANDBOX_CARDS.SUCCEEDS) => {
      const customerId = randomUUID();
      const body = await placeOrder(
        orders,
        customerId,
        checkout(customerId, [{ sku, quantity: 2 }], { payment: { method: 'CARD', cardToken } }),
      );
      return { id: body.id as string, customerId, body };
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

      await dispatch(logistics, shipment.id);
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

      await track(logistics, shipment, ['PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']);
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
      const ledger = await paymentsOf(orders, orderId);
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
      await cancelOrder(orders, id, customerId).expect(200);
      await reader.waitFor((m) => m.headers.ce_type === StockReleased.type && m.json.orderId === id, 1, 30_000);
      expect(await stockOf()).toMatchObject({ available: before.available });
      await eventually(
        async () => {
          const rows = await paymentsOf(orders, id);
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
      await dispatch(logistics, parcel.id);
      await statusIs(shipped.id, 'SHIPPED');
      const refused = await cancelOrder(orders, shipped.id, shipped.customerId).expect(409);
      expect(refused.body.code).toBe('ILLEGAL_ORDER_TRANSITION');
    });
  },
);
