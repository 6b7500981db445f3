// Response bodies as the OpenAPI document shows them (swagger plugin, npm run openapi:generate).

export class SuggestionResponse {
  sku: string;
  warehouseId: string;
  /** What to order now */
  suggestedQuantity: number;
  available: number;
  inbound: number;
  safetyStock: number;
  reorderPoint: number;
  targetLevel: number;
  leadTimeDays: number;
  reviewDays: number;
  windowDays: number;
  unitsSoldInWindow: number;
  averageDailySales: number;
}

export class SlowMovingItemResponse {
  sku: string;
  warehouseId: string;
  title: string | null;
  onHand: number;
  /** ISO 8601 UTC; null when never sold */
  lastSoldAt: string | null;
  unitPrice: number | null;
  currency: string | null;
  /** unitPrice × onHand */
  stockValue: number | null;
}

export class StockValueResponse {
  currency: string;
  amount: number;
}

export class SlowMovingReportResponse {
  /** No sale for this many days */
  days: number;
  /** ISO 8601 UTC */
  asOf: string;
  /** Highest stock value first */
  items: SlowMovingItemResponse[];
  totalUnits: number;
  totalValue: StockValueResponse[];
}
