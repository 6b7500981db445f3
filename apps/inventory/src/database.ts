import { MessagingTables1763800000000 } from '@emporium/messaging';
import { IdempotencyKeysTable1763800000001 } from '@emporium/platform';
import { Stock1763800001000 } from './migrations/1763800001000-stock';
import { Reservation } from './stock/reservation.entity';
import { StockLevel } from './stock/stock-level.entity';
import { StockMovement } from './stock/stock-movement.entity';

export const entities = [StockLevel, Reservation, StockMovement];
export const migrations = [MessagingTables1763800000000, IdempotencyKeysTable1763800000001, Stock1763800001000];
