/**
 * The order's life. Only orders moves an order between these states; the other services' events are
 * requests that the order accepts or ignores according to this table.
 */
export const ORDER_STATUSES = ['PENDING', 'CONFIRMED', 'CANCELLED', 'SHIPPED', 'DELIVERED', 'COMPLETED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const ALLOWED: Record<OrderStatus, readonly OrderStatus[]> = {
  PENDING: ['CONFIRMED', 'CANCELLED'],
  CONFIRMED: ['SHIPPED', 'CANCELLED'],
  SHIPPED: ['DELIVERED'],
  DELIVERED: ['COMPLETED'],
  CANCELLED: [],
  COMPLETED: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function isFinal(status: OrderStatus): boolean {
  return ALLOWED[status].length === 0;
}
