import { DomainError } from '@emporium/platform';
import { OrderStatus } from './order-status';

export class IllegalOrderTransitionError extends DomainError {
  constructor(orderId: string, from: OrderStatus, to: OrderStatus) {
    super('ILLEGAL_ORDER_TRANSITION', `order ${orderId} cannot go from ${from} to ${to}`, 409, { orderId, from, to });
  }
}

/** Totals are stored as bigint-safe integers; anything beyond Number.MAX_SAFE_INTEGER is refused. */
export class OrderTotalTooLargeError extends DomainError {
  constructor() {
    super('ORDER_TOTAL_OVERFLOW', 'the order total exceeds the largest amount we accept', 422);
  }
}

/** Points pay at most the whole order. */
export class PointsExceedTotalError extends DomainError {
  constructor(points: number, total: number) {
    super('POINTS_EXCEED_TOTAL', `pointsToRedeem ${points} exceeds the order total ${total}`, 422, {
      errors: [{ field: 'pointsToRedeem', message: `at most ${total}` }],
    });
  }
}
