import {
  CouponRedemptionFailed,
  CouponsRedeemed,
  OrderCancelledV2Event,
  OrderPlaced,
  PointsHeld,
  PointsHoldFailed,
  StockReservationExpired,
  StockReservationFailed,
  StockReserved,
} from '@emporium/contracts';

/**
 * The confirmation saga, in one place (read it like FTGO's CreateOrderSaga):
 *
 *   1. orders.order.placed asks every participant the order needs, at once.
 *   2. Each participant answers yes or no (its events below). The first answer per participant counts
 *      (order_saga_answers, keyed by order and participant): a late or doubled one is harmless.
 *   3. A no cancels the order with that participant's reason.
 *   4. When every participant said yes: the payment of `amountToPay` is authorised (skipped when it is 0).
 *      Authorised -> CONFIRMED (payment-authorised, then confirmed). Declined -> CANCELLED PAYMENT_DECLINED;
 *      timed out or failed -> CANCELLED PAYMENT_FAILED.
 *   5. Deadline: an order still PENDING ORDER_CONFIRMATION_TIMEOUT_SECONDS after it was placed is cancelled
 *      (CONFIRMATION_DEADLINE_PASSED), whoever is silent.
 *   6. Compensation: every cancellation publishes orders.order.cancelled v2 (and v1 while v1 subscribers
 *      migrate); each participant undoes its yes on it (below). A voided authorisation is orders' own.
 *
 * Adding a participant is one entry here (and its two handlers in orders.handlers.ts).
 */
export interface SagaParticipant {
  name: ParticipantName;
  /** Whether this order needs the participant. */
  joins: (order: { couponCodes: string[]; pointsToRedeem: number }) => boolean;
  /** What asks it (it reacts to this event). */
  asks: string;
  /** Its yes. */
  yes: string;
  /** Its no(s). */
  no: readonly string[];
  /** The cancellation reason when it says no (stock's says which: OUT_OF_STOCK or UNKNOWN_SKU). */
  reasonOnNo: string;
  /** How it undoes its yes when the order is cancelled. */
  compensation: string;
}

export type ParticipantName = 'stock' | 'coupons' | 'points';

export const CONFIRMATION_SAGA: readonly SagaParticipant[] = [
  {
    name: 'stock',
    joins: () => true,
    asks: OrderPlaced.type,
    yes: StockReserved.type,
    no: [StockReservationFailed.type, StockReservationExpired.type],
    reasonOnNo: 'OUT_OF_STOCK',
    compensation: `inventory releases the reservation on ${OrderCancelledV2Event.type} v2`,
  },
  {
    name: 'coupons',
    joins: (order) => order.couponCodes.length > 0,
    asks: `${OrderPlaced.type} with couponCodes`,
    yes: CouponsRedeemed.type,
    no: [CouponRedemptionFailed.type],
    reasonOnNo: 'COUPON_REJECTED',
    compensation: `marketing restores the redemptions on ${OrderCancelledV2Event.type} v2 (couponCodes)`,
  },
  {
    name: 'points',
    joins: (order) => order.pointsToRedeem > 0,
    asks: `${OrderPlaced.type} with pointsToRedeem`,
    yes: PointsHeld.type,
    no: [PointsHoldFailed.type],
    reasonOnNo: 'POINTS_UNAVAILABLE',
    compensation: `membership releases the hold on ${OrderCancelledV2Event.type} v2 (pointsToRedeem)`,
  },
];

export type SagaAnswer = 'YES' | 'NO';

export type SagaState =
  { kind: 'waiting'; on: ParticipantName[] } | { kind: 'all-yes' } | { kind: 'refused'; by: ParticipantName };

/** Where the saga stands for an order, from the answers recorded so far. Pure. */
export function sagaState(
  order: { couponCodes: string[]; pointsToRedeem: number },
  answers: Map<ParticipantName, SagaAnswer>,
): SagaState {
  const participants = CONFIRMATION_SAGA.filter((participant) => participant.joins(order));
  const refused = participants.find((participant) => answers.get(participant.name) === 'NO');
  if (refused) return { kind: 'refused', by: refused.name };
  const waiting = participants
    .filter((participant) => answers.get(participant.name) !== 'YES')
    .map((participant) => participant.name);
  return waiting.length > 0 ? { kind: 'waiting', on: waiting } : { kind: 'all-yes' };
}

export function participant(name: ParticipantName): SagaParticipant {
  return CONFIRMATION_SAGA.find((p) => p.name === name)!;
}
