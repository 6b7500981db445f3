// Response bodies as the OpenAPI document shows them; the swagger plugin turns these types and comments
// into schemas (npm run openapi:generate). They describe what order.view.ts returns.
import type { OrderStatus } from '../order-status';

export class OrderLineResponse {
  sku: string;
  quantity: number;
  /** Minor units of the order's currency */
  unitPrice: number;
  /** unitPrice × quantity, minor units */
  lineTotal: number;
}

export class OrderStatusChangeResponse {
  status: OrderStatus;
  /** ISO 8601 UTC */
  at: string;
  /** Why, for a cancellation (e.g. STOCK_UNAVAILABLE, CONFIRMATION_TIMEOUT) */
  reason?: string;
  detail?: string;
}

export class OrderSummaryResponse {
  id: string;
  customerId: string;
  status: OrderStatus;
  /** ISO 4217 */
  currency: string;
  /** Minor units */
  totalAmount: number;
  lines: OrderLineResponse[];
  /** ISO 8601 UTC */
  createdAt: string;
}

export class OrderResponse extends OrderSummaryResponse {
  /** Every status the order went through, oldest first */
  timeline: OrderStatusChangeResponse[];
}

export class OrderPageResponse {
  /** Newest first, without timelines */
  items: OrderSummaryResponse[];
  /** Pass as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}
