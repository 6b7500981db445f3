import { ApiProperty } from '@nestjs/swagger';
import { MEMBER_TIERS, MemberTier } from '@emporium/contracts';

export class PointsBalanceResponse {
  memberId: string;
  /** Spendable points; always the sum of the ledger's entries, never negative. One point pays one minor unit. */
  balance: number;
  /** Points held for orders not yet confirmed or cancelled (already out of `balance`). */
  held: number;
  @ApiProperty({ enum: MEMBER_TIERS })
  tier: MemberTier;
  /** The tier's earn multiplier, hundredths (150 = ×1.5). */
  multiplierPercent: number;
}

export class LedgerEntryResponse {
  entryId: string;
  @ApiProperty({ enum: ['EARN', 'HOLD', 'REDEEM', 'RELEASE', 'REVERSE', 'EXPIRE', 'GRANT'] })
  kind: string;
  /** Signed change of the balance (a REDEEM is 0: its HOLD already took the points). */
  points: number;
  /** The entry's size. */
  amount: number;
  balanceAfter: number;
  /** Why a GRANT was given: BIRTHDAY, FEEDBACK, REFUND, ORDER_CANCELLED. */
  reason: string | null;
  orderId: string | null;
  /** ISO 8601 UTC; lots (EARN, GRANT) only. */
  expiresAt: string | null;
  /** ISO 8601 UTC */
  createdAt: string;
}

export class LedgerPageResponse {
  /** Newest first. */
  items: LedgerEntryResponse[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export class MemberExportResponse {
  /** ISO 8601 UTC */
  exportedAt: string;
  /** The profile as stored. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  profile: Record<string, unknown>;
  points: PointsBalanceResponse;
  /** Every ledger entry, oldest first. */
  ledger: LedgerEntryResponse[];
  /** Points held or spent per order. */
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  holds: Record<string, unknown>[];
  /** Completed orders counted for tiers and points. */
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  orders: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  birthdayRewards: Record<string, unknown>[];
}
