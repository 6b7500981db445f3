import { messagingMigrations } from '@emporium/messaging';
import { IdempotencyKeysTable1763800000001 } from '@emporium/platform';
import { Stock1763800001000 } from './migrations/1763800001000-stock';
import { WarehousesAndPlanning1763800002000 } from './migrations/1763800002000-warehouses-and-planning';
import { Reservation } from './reservations/reservation.entity';
import { Sku } from './stock/sku.entity';
import { StockLevel } from './stock/stock-level.entity';
import { StockMovement } from './stock/stock-movement.entity';
import { Stocktake } from './stocktakes/stocktake.entity';
import { Warehouse } from './warehouses/warehouse.entity';

export const entities = [Warehouse, StockLevel, Reservation, StockMovement, Sku, Stocktake];
export const migrations = [
  ...messagingMigrations,
  IdempotencyKeysTable1763800000001,
  Stock1763800001000,
  WarehousesAndPlanning1763800002000,
];
