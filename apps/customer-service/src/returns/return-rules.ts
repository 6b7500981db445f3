/**
 * The pure rules of a return: whether it is approved without review, how much may still be returned, and
 * what the refund should come to. Hand-computed examples in return-rules.spec.ts and the README.
 */

export const RETURN_REASONS = [
  'NO_REASON',
  'DEFECTIVE',
  'NOT_AS_DESCRIBED',
  'WRONG_ITEM',
  'DAMAGED_ON_ARRIVAL',
  'OTHER',
] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** The end of the no-questions-asked window: delivery plus the configured days. */
export function windowEndsAt(deliveredAt: Date, windowDays: number): Date {
  return new Date(deliveredAt.getTime() + windowDays * DAY_MS);
}

/**
 * Approved without review: a no-reason return asked for inside the window (the end instant included).
 * Any other reason needs ops to look at the photos; anything late needs ops to make an exception.
 */
export function approvesAutomatically(
  reason: ReturnReason,
  requestedAt: Date,
  deliveredAt: Date,
  windowDays: number,
): boolean {
  return reason === 'NO_REASON' && requestedAt.getTime() <= windowEndsAt(deliveredAt, windowDays).getTime();
}

export interface DeliveredLine {
  sku: string;
  quantity: number;
  lineTotal: number;
  discount: number;
  /** Units a return of ours already asked to refund. */
  refundRequested: number;
}

/**
 * What `units` more units of a line refund, pro rata per unit of the line's net price (lineTotal - discount),
 * cumulatively: the n-th unit brings the total to floor(net * n / quantity). So the amounts of several
 * partial returns always add up to exactly the net price, and the rounding remainder lands on the last unit.
 * Example: 3 units, lineTotal 3000, discount 100 -> net 2900: 966, then 967 (1933), then 967 (2900).
 */
export function refundAmount(line: DeliveredLine, units: number): number {
  if (units < 1 || line.refundRequested + units > line.quantity)
    throw new RangeError(
      `cannot refund ${units} more of ${line.sku}: ${line.refundRequested} of ${line.quantity} already asked for`,
    );
  const net = line.lineTotal - line.discount;
  const before = Math.floor((net * line.refundRequested) / line.quantity);
  const after = Math.floor((net * (line.refundRequested + units)) / line.quantity);
  return after - before;
}

/** Units of a delivered line the customer may still ask to return. */
export function returnableUnits(delivered: number, heldByReturns: number, refundedOutsideReturns: number): number {
  return Math.max(0, delivered - heldByReturns - refundedOutsideReturns);
}
