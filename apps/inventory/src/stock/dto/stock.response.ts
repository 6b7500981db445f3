// Response bodies as the OpenAPI document shows them; the swagger plugin turns these types and comments
// into schemas (npm run openapi:generate). StockQueries returns StockResponse itself.
import type { MovementCause } from '../stock-movement.entity';

export class WarehouseStockResponse {
  warehouseId: string;
  onHand: number;
  reserved: number;
  /** onHand − reserved */
  available: number;
  /** Ordered from a supplier, not received yet */
  inbound: number;
  safetyStock: number;
  reorderPoint: number;
  leadTimeDays: number | null;
  /** LOW at or below the reorder point, OUT at zero available */
  status: 'OK' | 'LOW' | 'OUT';
}

export class StockResponse {
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  warehouses: WarehouseStockResponse[];
}

export class StockMovementResponse {
  id: string;
  sku: string;
  warehouseId: string;
  cause: MovementCause;
  onHandDelta: number;
  reservedDelta: number;
  orderId: string | null;
  /** The event that caused it, or null for a direct API call or a scheduled job */
  causeEventId: string | null;
  actor: string | null;
  reason: string | null;
  reference: string | null;
  /** ISO 8601 UTC */
  createdAt: string;
}

export class StockMovementPageResponse {
  /** Oldest first */
  items: StockMovementResponse[];
  /** Pass as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}
