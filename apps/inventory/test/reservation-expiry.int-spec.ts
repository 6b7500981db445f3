import {
  OrderConfirmed,
  OrderPlaced,
  StockReservationExpired,
  StockReservationFailed,
  StockReserved,
  Topics,
} from '@emporium/contracts';
import { eventMessage, eventually, integrationSuite, publishRaw } from '@emporium/testing';
import { inventoryRecipe } from './inventory.recipe';
import { inventoryApi, orderConfirmed, orderPlaced } from './inventory.fixtures';

const setup = {
  services: {
    inventory: { recipe: inventoryRecipe, env: { RESERVATION_TTL_SECONDS: '6', RESERVATION_EXPIRY_SWEEP_MS: '200' } },
  },
  read: [Topics.inventoryStock],
};

integrationSuite(
  'reservation expiry (real PostgreSQL and Kafka, 6 s time-to-live)',
  setup,
  ({ inventory, reader, topic }) => {
    const api = inventoryApi(inventory);
    const ordersTopic = topic(Topics.ordersOrder);

    const reserve = async (sku: string, quantity: number) => {
      const order = orderPlaced([{ sku, quantity }]);
      await publishRaw(ordersTopic, [eventMessage(OrderPlaced, order)]);
      await reader.waitFor((m) => m.headers.ce_type === StockReserved.type && m.json.orderId === order.orderId);
      return order;
    };

    it('releases an unconfirmed reservation when it expires, says so, and the stock is available again; a confirmed one stays firm', async () => {
      await api.receive('EXP-1', 5);
      const confirmed = await reserve('EXP-1', 2);
      await publishRaw(ordersTopic, [eventMessage(OrderConfirmed, orderConfirmed(confirmed))]);
      await eventually(
        async () =>
          (
            await inventory.dataSource.query(`SELECT status FROM reservations WHERE order_id = $1`, [confirmed.orderId])
          )[0]?.status === 'CONFIRMED',
      );
      const abandoned = await reserve('EXP-1', 2);
      expect(await api.stockOf('EXP-1')).toMatchObject({ reserved: 4, available: 1 });

      const [expired] = await reader.waitFor(
        (m) => m.headers.ce_type === StockReservationExpired.type && m.json.orderId === abandoned.orderId,
        1,
        15_000,
      );
      expect(expired.json).toMatchObject({ lines: [{ sku: 'EXP-1', warehouseId: 'MAIN', quantity: 2 }] });
      expect(await api.stockOf('EXP-1')).toMatchObject({ onHand: 5, reserved: 2, available: 3 });

      // Well past its time-to-live, the confirmed order still holds its units.
      await new Promise((resolve) => setTimeout(resolve, 6500));
      expect(
        reader.messages.filter(
          (m) => m.headers.ce_type === StockReservationExpired.type && m.json.orderId === confirmed.orderId,
        ),
      ).toEqual([]);
      expect(await api.stockOf('EXP-1')).toMatchObject({ reserved: 2, available: 3 });

      const ledger = await api.ledger('EXP-1');
      expect(
        ledger
          .filter((row) => row.order_id === abandoned.orderId)
          .map(({ cause, reserved_delta, reason }) => ({ cause, reserved_delta, reason })),
      ).toEqual([
        { cause: 'RESERVATION', reserved_delta: 2, reason: null },
        { cause: 'RELEASE', reserved_delta: -2, reason: 'RESERVATION_EXPIRED' },
      ]);
      expect(await api.ledgerMismatches()).toEqual([]);
    });

    it('holds the units again when the confirmation crossed the expiry in flight', async () => {
      await api.receive('EXP-2', 3);
      const late = await reserve('EXP-2', 1);
      await reader.waitFor(
        (m) => m.headers.ce_type === StockReservationExpired.type && m.json.orderId === late.orderId,
        1,
        15_000,
      );
      expect((await api.stockOf('EXP-2')).reserved).toBe(0);
      await publishRaw(ordersTopic, [eventMessage(OrderConfirmed, orderConfirmed(late))]);
      await reader.waitFor((m) => m.headers.ce_type === StockReserved.type && m.json.orderId === late.orderId, 2);
      expect(await api.stockOf('EXP-2')).toMatchObject({ reserved: 1, available: 2 });
      const [reservation] = await inventory.dataSource.query(`SELECT status FROM reservations WHERE order_id = $1`, [
        late.orderId,
      ]);
      expect(reservation.status).toBe('CONFIRMED');
    });

    it('tells orders the stock is gone when a confirmation crossed the expiry and the units were sold meanwhile', async () => {
      await api.receive('EXP-3', 1);
      const late = await reserve('EXP-3', 1);
      await reader.waitFor(
        (m) => m.headers.ce_type === StockReservationExpired.type && m.json.orderId === late.orderId,
        1,
        15_000,
      );
      const buyer = await reserve('EXP-3', 1); // the freed unit goes to someone else
      expect(await api.stockOf('EXP-3')).toMatchObject({ reserved: 1, available: 0 });
      await publishRaw(ordersTopic, [eventMessage(OrderConfirmed, orderConfirmed(late))]);
      // Before: only logged, and the order stayed CONFIRMED with no stock. Now orders hears it and cancels.
      const [failed] = await reader.waitFor(
        (m) => m.headers.ce_type === StockReservationFailed.type && m.json.orderId === late.orderId,
      );
      expect(failed.json).toMatchObject({
        reason: 'OUT_OF_STOCK',
        unavailable: [{ sku: 'EXP-3', reason: 'OUT_OF_STOCK', requested: 1, available: 0 }],
      });
      expect(await api.stockOf('EXP-3')).toMatchObject({ onHand: 1, reserved: 1, available: 0 });
      expect(buyer.orderId).not.toBe(late.orderId);
      expect(await api.ledgerMismatches()).toEqual([]);
    });
  },
);
