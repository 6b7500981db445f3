/**
 * The order's life. Only orders moves an order between these states; the other services' events are
 * requests that the order accepts or ignores according to this table (README: "States").
 */
export const ORDER_STATUSES = [
  'PENDING',
  'CONFIRMED',
  'CANCELLED',
  'SHIPPED',
  'DELIVERED',
  'COMPLETED',
  'PARTIALLY_REFUNDED',
  'REFUNDED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const ALLOWED: Record<OrderStatus, readonly OrderStatus[]> = {
  // Every participant said yes and the payment is authorised; or someone said no, or the deadline passed.
  PENDING: ['CONFIRMED', 'CANCELLED'],
  // Dispatch captures the payment; until then the customer or ops may cancel (the authorisation is voided).
  CONFIRMED: ['SHIPPED', 'CANCELLED'],
  SHIPPED: ['DELIVERED'],
  // The return window: refunds may arrive, and when it closes the order completes.
  DELIVERED: ['COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED'],
  PARTIALLY_REFUNDED: ['COMPLETED', 'REFUNDED'],
  // A refund after the window (a late return ops accepted) still refunds.
  COMPLETED: ['PARTIALLY_REFUNDED', 'REFUNDED'],
  CANCELLED: [],
  REFUNDED: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function isFinal(status: OrderStatus): boolean {
  return ALLOWED[status].length === 0;
}
