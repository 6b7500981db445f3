/** Everything the formula reads for one SKU in one warehouse. */
export interface ReplenishmentInput {
  unitsSoldInWindow: number;
  windowDays: number;
  leadTimeDays: number;
  reviewDays: number;
  safetyStock: number;
  /** The configured floor; the formula's own reorder point can only raise it. */
  reorderPoint: number;
  available: number;
  inbound: number;
}

export interface ReplenishmentSuggestion {
  averageDailySales: number;
  reorderPoint: number;
  targetLevel: number;
  position: number;
  needsOrder: boolean;
  suggestedQuantity: number;
}

/**
 * An order-up-to policy with a reorder point:
 *   averageDailySales = unitsSoldInWindow / windowDays
 *   reorderPoint      = max(configured reorder point, ceil(averageDailySales * leadTimeDays + safetyStock))
 *   targetLevel       = ceil(averageDailySales * (leadTimeDays + reviewDays) + safetyStock)
 *   position          = available + inbound
 *   needsOrder        = position <= reorderPoint and the order would be at least one unit
 *   suggestedQuantity = max(targetLevel, reorderPoint) - position   (when needsOrder, else 0)
 * Ordering at the reorder point covers demand during the lead time with the safety stock untouched;
 * ordering up to the target also covers the days until the next review.
 */
export function suggestReplenishment(input: ReplenishmentInput): ReplenishmentSuggestion {
  const averageDailySales = input.windowDays > 0 ? input.unitsSoldInWindow / input.windowDays : 0;
  const reorderPoint = Math.max(input.reorderPoint, ceil(averageDailySales * input.leadTimeDays + input.safetyStock));
  const targetLevel = ceil(averageDailySales * (input.leadTimeDays + input.reviewDays) + input.safetyStock);
  const position = input.available + input.inbound;
  const gap = Math.max(targetLevel, reorderPoint) - position;
  const needsOrder = position <= reorderPoint && gap > 0;
  return {
    averageDailySales,
    reorderPoint,
    targetLevel,
    position,
    needsOrder,
    suggestedQuantity: needsOrder ? gap : 0,
  };
}

/** Ceil that ignores floating-point dust (2.0000000001 is 2, not 3). */
function ceil(value: number): number {
  return Math.ceil(Math.round(value * 1e6) / 1e6);
}
