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
  /** This line's share of the order's discounts, minor units */
  discount: number;
  /** The merchant selling the SKU */
  merchantId?: string;
}

export class OrderShippingAddressResponse {
  /** ISO 3166-1 alpha-2 */
  country: string;
  region?: string;
  postalCode: string;
  city: string;
  line1: string;
  line2?: string;
  recipientName?: string;
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
  /** Sum of the lines before discounts, minor units */
  subtotal: number;
  /** Promotions and coupons, minor units */
  discountTotal: number;
  /** What logistics quoted for the delivery option, minor units */
  shippingFee: number;
  /** subtotal - discountTotal + shippingFee, minor units */
  totalAmount: number;
  /** Points paying part of the total (one point = one minor unit) */
  pointsToRedeem: number;
  /** totalAmount - pointsToRedeem: what the card pays, minor units */
  amountToPay: number;
  couponCodes: string[];
  shippingAddress?: OrderShippingAddressResponse;
  /** STANDARD or EXPRESS */
  deliveryOption?: string;
  /** logistics' quote the fee comes from */
  shippingQuoteId?: string;
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

export class PaymentLedgerRowResponse {
  id: string;
  /** AUTHORISE, CAPTURE, VOID or REFUND */
  operation: string;
  /** REQUESTED, PENDING (asynchronous, a webhook settles it), SUCCEEDED, DECLINED or FAILED */
  status: string;
  /** Minor units */
  amount: number;
  currency: string;
  /** The adapter that moved the money (SANDBOX) */
  gateway: string;
  /** Sent to the gateway: a repeat is answered, not repeated */
  idempotencyKey: string;
  /** For a refund: the return it answers */
  returnId?: string;
  /** For a refund: points given back */
  points: number;
  /** Why a movement was declined or failed */
  detail?: string;
  /** ISO 8601 UTC */
  requestedAt: string;
  /** ISO 8601 UTC */
  settledAt?: string;
}

export class PaymentLedgerResponse {
  /** Oldest first */
  items: PaymentLedgerRowResponse[];
}
