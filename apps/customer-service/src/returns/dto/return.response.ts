import { ReturnReason } from '../return-rules';
import { ReturnStatus } from '../return-status';

export class ReturnLineResponse {
  sku: string;
  quantity: number;
  /** Units inspection found resaleable; null before inspection */
  resaleable: number | null;
  /** Units inspection found damaged; null before inspection */
  damaged: number | null;
  note: string | null;
}

export class ReturnResponse {
  id: string;
  orderId: string;
  customerId: string;
  merchantId: string;
  status: ReturnStatus;
  reason: ReturnReason;
  description: string | null;
  photoUrls: string[];
  /** A replacement was asked for instead of a refund */
  exchange: boolean;
  /** Approved without review (no reason, inside the window) */
  automatic: boolean;
  /** Requested inside the return window */
  withinWindow: boolean;
  /** ISO 4217 */
  currency: string;
  /** Minor units asked of orders (lines' price net of their discount share, pro rata per unit); null before the refund request */
  expectedAmount: number | null;
  /** Minor units orders refunded; null until it did */
  refundedAmount: number | null;
  refundId: string | null;
  warehouseId: string | null;
  returnShipmentId: string | null;
  trackingNumber: string | null;
  /** The agent's note on approval or rejection */
  decisionNote: string | null;
  lines: ReturnLineResponse[];
  /** ISO 8601 UTC */
  requestedAt: string;
  decidedAt: string | null;
  receivedAt: string | null;
  inspectedAt: string | null;
  refundRequestedAt: string | null;
  closedAt: string | null;
}

export class ReturnPageResponse {
  /** Newest first */
  items: ReturnResponse[];
  /** Pass as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}
