import { EventDefinition } from './event-definition';
import { OrderCancelled, OrderConfirmed, OrderPlaced } from './orders';
import { StockReceived, StockReleased, StockReservationFailed, StockReserved } from './inventory';
import { SkuAdded } from './catalog';

/** Every published event version. The schema generator and the compatibility check walk this list. */
export const ALL_EVENTS: readonly EventDefinition<any>[] = [
  OrderPlaced,
  OrderConfirmed,
  OrderCancelled,
  StockReceived,
  StockReserved,
  StockReservationFailed,
  StockReleased,
  SkuAdded,
];

const byType = new Map(ALL_EVENTS.map((definition) => [definition.type, definition]));

/** Looks an event definition up by its wire type (`ce_type`), e.g. `orders.order.placed.v1`. */
export function findEventDefinition(type: string): EventDefinition<any> | undefined {
  return byType.get(type);
}
