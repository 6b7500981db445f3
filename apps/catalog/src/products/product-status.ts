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
  LISTED: ['DELISTED'],
  DELISTED: ['LISTED'],
};

export function canTransition(from: ProductStatus, to: ProductStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** Content edits are refused while ops review it; editing a rejected product makes it a draft again. */
export function isEditable(status: ProductStatus): boolean {
  return status !== 'IN_REVIEW';
}
