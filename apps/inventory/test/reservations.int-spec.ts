import {
  OrderCancelledV2Event,
  OrderConfirmed,
  OrderPlaced,
  ReturnInspected,
  ShipmentDispatched,
  StockCommitted,
  StockReleased,
  StockReservationFailed,
  StockReserved,
  StockRestocked,
  StockWrittenOff,
  Topics,
} from '@emporium/contracts';
import { eventMessage, integrationSuite, publishRaw } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import { ReservationsService } from '../src/reservations/reservations.service';
import { inventoryRecipe } from './inventory.recipe';
import {
  inventoryApi,
  orderCancelled,
  orderConfirmed,
  orderPlaced,
  returnInspected,
  shipmentDispatched,
} from './inventory.fixtures';

const setup = { services: { inventory: inventoryRecipe }, read: [Topics.inventoryStock] };

integrationSuite(
  'reservations across warehouses, and their life cycle (real PostgreSQL and Kafka)',
  setup,
  ({ inventory, reader, topic }) => {
    const api = inventoryApi(inventory);

    beforeAll(async () => {
      await api.createWarehouse('SECOND', 'DEFAULT', 200);
    });

    const answersFor = (orderIds: string[]) =>
      reader.waitFor(
        (m) =>
          orderIds.includes(m.json?.orderId) &&
          [StockReserved.type, StockReservationFailed.type].includes(m.headers.ce_type),
        orderIds.length,
        60_000,
      );
    const eventOf = async (type: string, orderId: string) =>
      (await reader.waitFor((m) => m.headers.ce_type === type && m.json.orderId === orderId))[0];

    it('200 concurrent one-unit orders against 50 units in two warehouses: exactly 50 reserved, never below zero, ledger = levels', async () => {
      await api.receive('FLASH-50', 25, 'MAIN');
      await api.receive('FLASH-50', 25, 'SECOND');
      const orders = Array.from({ length: 200 }, () => orderPlaced([{ sku: 'FLASH-50', quantity: 1 }]));
      await publishRaw(
        topic(Topics.ordersOrder),
        orders.map((order) => eventMessage(OrderPlaced, order)),
      );

      const answers = await answersFor(orders.map((order) => order.orderId));
      expect(answers).toHaveLength(200);
      const reserved = answers.filter((m) => m.headers.ce_type === StockReserved.type);
      expect(reserved).toHaveLength(50);
      expect(
        reserved
          .flatMap((m) => m.json.lines)
          .reduce((sum: number, line: { quantity: number }) => sum + line.quantity, 0),
      ).toBe(50);
      expect(
        answers
          .filter((m) => m.headers.ce_type === StockReservationFailed.type)
          .every((m) => m.json.reason === 'OUT_OF_STOCK'),
      ).toBe(true);

      expect(await api.stockOf('FLASH-50')).toMatchObject({
        onHand: 50,
        reserved: 50,
        available: 0,
        warehouses: [
          { warehouseId: 'MAIN', onHand: 25, reserved: 25, available: 0 },
          { warehouseId: 'SECOND', onHand: 25, reserved: 25, available: 0 },
        ],
      });
      // Replaying the ledger row by row, no warehouse is ever below zero available.
      for (const warehouse of ['MAIN', 'SECOND']) {
        let available = 0;
        for (const row of (await api.ledger('FLASH-50')).filter((r) => r.warehouse_id === warehouse)) {
          available += row.on_hand_delta - row.reserved_delta;
          expect(available).toBeGreaterThanOrEqual(0);
        }
      }
      expect(await api.ledgerMismatches()).toEqual([]);
    });

    it('holds under 200 truly concurrent transactions too (20 at a time, the pool size), not only per partition', async () => {
      await api.receive('FLASH-TX', 30, 'MAIN');
      await api.receive('FLASH-TX', 20, 'SECOND');
      const reservations = inventory.app.get(ReservationsService);
      await Promise.all(
        Array.from({ length: 200 }, () => {
          const data = orderPlaced([{ sku: 'FLASH-TX', quantity: 1 }]);
          const metadata = {
            id: randomUUID(),
            type: OrderPlaced.type,
            source: '/emporium/test',
            time: new Date().toISOString(),
            subject: data.orderId,
          };
          return inventory.dataSource.transaction((manager) =>
            reservations.reserveForOrders([{ metadata, data }], manager),
          );
        }),
      );
      const [{ n }] = await inventory.dataSource.query(
        `SELECT count(*)::int AS n FROM reservations r, jsonb_array_elements(r.lines) l WHERE l->>'sku' = 'FLASH-TX'`,
      );
      expect(n).toBe(50);
      expect(await api.stockOf('FLASH-TX')).toMatchObject({ onHand: 50, reserved: 50, available: 0 });
      expect(await api.ledgerMismatches()).toEqual([]);
    });

    it('chooses the shipping region, then priority, and splits a line only when no single warehouse can supply it', async () => {
      await api.createWarehouse('EU-1', 'EU-DE', 10);
      await api.createWarehouse('US-1', 'US', 1);
      await api.receive('REGION-1', 5, 'EU-1');
      await api.receive('REGION-1', 5, 'US-1');
      const inRegion = orderPlaced([{ sku: 'REGION-1', quantity: 2 }], 'EU-DE');
      const noRegion = orderPlaced([{ sku: 'REGION-1', quantity: 2 }]);
      const split = orderPlaced([{ sku: 'REGION-1', quantity: 5 }], 'EU-DE');
      for (const order of [inRegion, noRegion, split]) {
        await publishRaw(topic(Topics.ordersOrder), [eventMessage(OrderPlaced, order)]);
        await answersFor([order.orderId]);
      }
      expect((await eventOf(StockReserved.type, inRegion.orderId)).json.lines).toEqual([
        { sku: 'REGION-1', warehouseId: 'EU-1', quantity: 2 },
      ]);
      expect((await eventOf(StockReserved.type, noRegion.orderId)).json.lines).toEqual([
        { sku: 'REGION-1', warehouseId: 'US-1', quantity: 2 },
      ]);
      expect((await eventOf(StockReserved.type, split.orderId)).json.lines).toEqual([
        { sku: 'REGION-1', warehouseId: 'EU-1', quantity: 3 },
        { sku: 'REGION-1', warehouseId: 'US-1', quantity: 2 },
      ]);
    });

    it('cancel releases, dispatch commits, a resaleable return restocks, a damaged one is written off: each in the ledger with its cause', async () => {
      await api.receive('LIFE-1', 10);
      const shipped = orderPlaced([{ sku: 'LIFE-1', quantity: 3 }]);
      await publishRaw(topic(Topics.ordersOrder), [eventMessage(OrderPlaced, shipped)]);
      await eventOf(StockReserved.type, shipped.orderId);
      await publishRaw(topic(Topics.ordersOrder), [eventMessage(OrderConfirmed, orderConfirmed(shipped))]);

      const dispatch = shipmentDispatched(shipped);
      const dispatchMessage = eventMessage(ShipmentDispatched, dispatch);
      await publishRaw(topic(Topics.logisticsShipment), [dispatchMessage]);
      const committed = await eventOf(StockCommitted.type, shipped.orderId);
      expect(committed.json).toMatchObject({
        shipmentId: dispatch.shipmentId,
        lines: [{ sku: 'LIFE-1', warehouseId: 'MAIN', quantity: 3 }],
        complete: true,
      });
      expect(await api.level('LIFE-1', 'MAIN')).toMatchObject({ onHand: 7, reserved: 0, available: 7 });
      // The same shipment re-published under a new event id commits nothing twice.
      await publishRaw(topic(Topics.logisticsShipment), [eventMessage(ShipmentDispatched, dispatch)]);

      const inspected = returnInspected(shipped, [
        { sku: 'LIFE-1', quantity: 1, condition: 'RESALEABLE' },
        { sku: 'LIFE-1', quantity: 1, condition: 'DAMAGED' },
      ]);
      const returnMessage = eventMessage(ReturnInspected, inspected);
      await publishRaw(topic(Topics.customerServiceReturn), [returnMessage]);
      const [restocked] = await reader.waitFor(
        (m) => m.headers.ce_type === StockRestocked.type && m.json.returnId === inspected.returnId,
      );
      const [writtenOff] = await reader.waitFor(
        (m) => m.headers.ce_type === StockWrittenOff.type && m.json.returnId === inspected.returnId,
      );
      expect(restocked.json).toMatchObject({
        sku: 'LIFE-1',
        warehouseId: 'MAIN',
        quantity: 1,
        orderId: shipped.orderId,
      });
      expect(writtenOff.json).toMatchObject({
        sku: 'LIFE-1',
        warehouseId: 'MAIN',
        quantity: 1,
        reason: 'RETURN_DAMAGED',
      });
      expect(await api.level('LIFE-1', 'MAIN')).toMatchObject({ onHand: 8, reserved: 0, available: 8 });

      const cancelled = orderPlaced([{ sku: 'LIFE-1', quantity: 2 }]);
      await publishRaw(topic(Topics.ordersOrder), [eventMessage(OrderPlaced, cancelled)]);
      await eventOf(StockReserved.type, cancelled.orderId);
      const cancelMessage = eventMessage(OrderCancelledV2Event, orderCancelled(cancelled));
      await publishRaw(topic(Topics.ordersOrder), [cancelMessage]);
      const released = await eventOf(StockReleased.type, cancelled.orderId);
      expect(released.json).toMatchObject({
        reason: 'CUSTOMER_REQUEST',
        lines: [{ sku: 'LIFE-1', warehouseId: 'MAIN', quantity: 2 }],
      });

      const ledger = await api.ledger('LIFE-1');
      expect(
        ledger.map(({ cause, on_hand_delta, reserved_delta, reason, order_id }) => ({
          cause,
          on_hand_delta,
          reserved_delta,
          reason,
          order_id,
        })),
      ).toEqual([
        { cause: 'RECEIPT', on_hand_delta: 10, reserved_delta: 0, reason: null, order_id: null },
        { cause: 'RESERVATION', on_hand_delta: 0, reserved_delta: 3, reason: null, order_id: shipped.orderId },
        { cause: 'COMMIT', on_hand_delta: -3, reserved_delta: -3, reason: null, order_id: shipped.orderId },
        {
          cause: 'RETURN',
          on_hand_delta: 1,
          reserved_delta: 0,
          reason: 'RETURN_RESALEABLE',
          order_id: shipped.orderId,
        },
        { cause: 'RETURN', on_hand_delta: 1, reserved_delta: 0, reason: 'RETURN_DAMAGED', order_id: shipped.orderId },
        {
          cause: 'WRITE_OFF',
          on_hand_delta: -1,
          reserved_delta: 0,
          reason: 'RETURN_DAMAGED',
          order_id: shipped.orderId,
        },
        { cause: 'RESERVATION', on_hand_delta: 0, reserved_delta: 2, reason: null, order_id: cancelled.orderId },
        {
          cause: 'RELEASE',
          on_hand_delta: 0,
          reserved_delta: -2,
          reason: 'CUSTOMER_REQUEST',
          order_id: cancelled.orderId,
        },
      ]);
      // Each row names the event that caused it.
      expect(ledger[2]).toMatchObject({
        cause_event_id: dispatchMessage.headers.ce_id,
        reference: dispatch.shipmentId,
      });
      expect(ledger[5]).toMatchObject({ cause_event_id: returnMessage.headers.ce_id, reference: inspected.returnId });
      expect(ledger[7]).toMatchObject({ cause_event_id: cancelMessage.headers.ce_id });
      expect(
        reader.messages.filter(
          (m) => m.headers.ce_type === StockCommitted.type && m.json.shipmentId === dispatch.shipmentId,
        ),
      ).toHaveLength(1);
      expect(await api.ledgerMismatches()).toEqual([]);

      // The movements endpoint shows the same ledger, paginated.
      const page = await inventory.dataSource.query(
        `SELECT count(*)::int AS n FROM stock_movements WHERE sku = 'LIFE-1'`,
      );
      expect(page[0].n).toBe(8);
    });

    it('commits a partial shipment and releases only what is still held on cancellation', async () => {
      await api.receive('PART-1', 5);
      await api.receive('PART-2', 5);
      const order = orderPlaced([
        { sku: 'PART-1', quantity: 2 },
        { sku: 'PART-2', quantity: 1 },
      ]);
      await publishRaw(topic(Topics.ordersOrder), [eventMessage(OrderPlaced, order)]);
      await eventOf(StockReserved.type, order.orderId);
      await publishRaw(topic(Topics.logisticsShipment), [
        eventMessage(ShipmentDispatched, shipmentDispatched(order, [{ sku: 'PART-1', quantity: 2 }])),
      ]);
      expect((await eventOf(StockCommitted.type, order.orderId)).json).toMatchObject({
        complete: false,
        lines: [{ sku: 'PART-1', quantity: 2 }],
      });
      await publishRaw(topic(Topics.ordersOrder), [eventMessage(OrderCancelledV2Event, orderCancelled(order))]);
      expect((await eventOf(StockReleased.type, order.orderId)).json.lines).toEqual([
        { sku: 'PART-2', warehouseId: 'MAIN', quantity: 1 },
      ]);
      expect(await api.level('PART-1', 'MAIN')).toMatchObject({ onHand: 3, reserved: 0 });
      expect(await api.level('PART-2', 'MAIN')).toMatchObject({ onHand: 5, reserved: 0 });
    });
  },
);
