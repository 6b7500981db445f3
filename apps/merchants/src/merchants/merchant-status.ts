import { MerchantStatus } from '@emporium/contracts';

export type { MerchantStatus };

/** Only ops move a merchant between these, except the automatic suspensions (expired document, low score). */
const ALLOWED: Record<MerchantStatus, readonly MerchantStatus[]> = {
  PENDING_REVIEW: ['APPROVED', 'REJECTED'],
  APPROVED: ['SUSPENDED'],
  SUSPENDED: ['APPROVED'],
  // A rejected registration is final; the seller may register again with corrected papers.
  REJECTED: [],
};

export function canTransition(from: MerchantStatus, to: MerchantStatus): boolean {
  return ALLOWED[from].includes(to);
}
