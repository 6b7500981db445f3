import { ProductStatus } from '@emporium/contracts';

export type { ProductStatus };

/**
 * draft → in review → listed, or rejected; listed ↔ delisted. Submission goes to IN_REVIEW or, when the
 * automated checks find problems, straight to REJECTED; a rejected product may be fixed and resubmitted.
 */
const ALLOWED: Record<ProductStatus, readonly ProductStatus[]> = {
  DRAFT: ['IN_REVIEW', 'REJECTED'],
  IN_REVIEW: ['LISTED', 'REJECTED'],
  REJECTED: ['DRAFT', 'IN_REVIEW', 'REJECTED'],
  // A listed product whose price jumps beyond the configured limit goes back to ops (CATALOG_PRICE_REVIEW_JUMP_PERCENT).
  LISTED: ['DELISTED', 'IN_REVIEW'],
  DELISTED: ['LISTED'],
};

export function canTransition(from: ProductStatus, to: ProductStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** Content edits are refused while ops review it; editing a rejected product makes it a draft again. */
export function isEditable(status: ProductStatus): boolean {
  return status !== 'IN_REVIEW';
}
