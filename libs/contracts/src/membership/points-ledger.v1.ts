import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { MEMBER_TIERS, MemberTier } from './tier-changed.v1';

const memberId = '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55';
const orderId = '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10';

/** Points earned on a completed order: its paid amount times the earn rate times the tier multiplier. */
export class PointsEarnedV1 {
  @IsUUID()
  memberId: string;

  @IsUUID()
  orderId: string;

  @IsInt()
  @Min(0)
  points: number;

  /** The minor units points were earned on: the order total less the points it was paid with. */
  @IsInt()
  @Min(0)
  earnedOn: number;

  @IsIn(MEMBER_TIERS)
  tier: MemberTier;

  /** The tier multiplier applied, in hundredths (150 = ×1.5). */
  @IsInt()
  @Min(100)
  multiplierPercent: number;

  /** The member's spendable balance after the entry. */
  @IsInt()
  @Min(0)
  balanceAfter: number;

  /** When these points expire unless spent (12 months after earning). */
  @IsISO8601({ strict: true })
  expiresAt: string;

  @IsISO8601({ strict: true })
  earnedAt: string;
}

export const PointsEarned = defineEvent({
  name: 'membership.member.points-earned',
  version: 1,
  topic: Topics.membershipMember,
  dataClass: PointsEarnedV1,
  summary: 'Points were earned on a completed order (rate × tier multiplier).',
  subjectOf: (data) => data.memberId,
  example: {
    memberId,
    orderId,
    points: 59,
    earnedOn: 3998,
    tier: 'GOLD',
    multiplierPercent: 150,
    balanceAfter: 1259,
    expiresAt: '2027-12-08T00:00:00.000Z',
    earnedAt: '2026-12-08T00:00:00.000Z',
  },
});

/** The points held for an order were spent: the order was confirmed. */
export class PointsRedeemedV1 {
  @IsUUID()
  memberId: string;

  @IsUUID()
  orderId: string;

  @IsInt()
  @Min(1)
  points: number;

  @IsISO8601({ strict: true })
  redeemedAt: string;
}

export const PointsRedeemed = defineEvent({
  name: 'membership.member.points-redeemed',
  version: 1,
  topic: Topics.membershipMember,
  dataClass: PointsRedeemedV1,
  summary: 'The points held for an order were spent when it was confirmed.',
  subjectOf: (data) => data.memberId,
  example: { memberId, orderId, points: 500, redeemedAt: '2026-11-22T10:15:03.000Z' },
});

/** Points an order paid with came back to the member because the order was cancelled. */
export class PointsReleasedV1 {
  @IsUUID()
  memberId: string;

  @IsUUID()
  orderId: string;

  @IsInt()
  @Min(1)
  points: number;

  /** false: the hold was released; true: they had been redeemed already and were credited back as a new lot. */
  @IsBoolean()
  creditedBack: boolean;

  @IsInt()
  @Min(0)
  balanceAfter: number;

  @IsISO8601({ strict: true })
  releasedAt: string;
}

export const PointsReleased = defineEvent({
  name: 'membership.member.points-released',
  version: 1,
  topic: Topics.membershipMember,
  dataClass: PointsReleasedV1,
  summary:
    'Points an order paid with came back because it was cancelled (a released hold, or a credit when they had been redeemed).',
  subjectOf: (data) => data.memberId,
  example: {
    memberId,
    orderId,
    points: 500,
    creditedBack: false,
    balanceAfter: 1700,
    releasedAt: '2026-11-22T10:20:00.000Z',
  },
});

/** A refund took back the points earned on the refunded lines, and gave back the points the refund returned. */
export class PointsReversedV1 {
  @IsUUID()
  memberId: string;

  @IsUUID()
  orderId: string;

  /** orders' refund id: one reversal per refund, however often the event arrives. */
  @IsUUID()
  refundId: string;

  /** Earned points taken back (never more than the balance: see `unrecovered`). */
  @IsInt()
  @Min(0)
  points: number;

  /** Points that should have been taken back but were already spent; the balance never goes negative. */
  @IsInt()
  @Min(0)
  unrecovered: number;

  /** Points the order had been paid with that the refund gave back (`pointsRefunded`), credited as a new lot. */
  @IsInt()
  @Min(0)
  pointsCredited: number;

  @IsInt()
  @Min(0)
  balanceAfter: number;

  @IsISO8601({ strict: true })
  reversedAt: string;
}

export const PointsReversed = defineEvent({
  name: 'membership.member.points-reversed',
  version: 1,
  topic: Topics.membershipMember,
  dataClass: PointsReversedV1,
  summary:
    'A refund reversed the points earned on the refunded lines (and credited back the points it refunded), once per refund.',
  subjectOf: (data) => data.memberId,
  example: {
    memberId,
    orderId,
    refundId: '3a5c7e9f-1b2d-4f6a-8c0e-2d4f6a8c0e1b',
    points: 26,
    unrecovered: 0,
    pointsCredited: 0,
    balanceAfter: 1233,
    reversedAt: '2026-12-01T15:00:01.000Z',
  },
});

/** Points older than 12 months that were never spent expired, oldest first. */
export class PointsExpiredV1 {
  @IsUUID()
  memberId: string;

  @IsInt()
  @Min(1)
  points: number;

  @IsInt()
  @Min(0)
  balanceAfter: number;

  @IsISO8601({ strict: true })
  expiredAt: string;
}

export const PointsExpired = defineEvent({
  name: 'membership.member.points-expired',
  version: 1,
  topic: Topics.membershipMember,
  dataClass: PointsExpiredV1,
  summary: 'Unspent points older than 12 months expired (the oldest earned are spent first, so the oldest expire).',
  subjectOf: (data) => data.memberId,
  example: { memberId, points: 120, balanceAfter: 1080, expiredAt: '2026-12-09T03:00:00.000Z' },
});

export const POINTS_GRANT_REASONS = ['FEEDBACK'] as const;
export type PointsGrantReason = (typeof POINTS_GRANT_REASONS)[number];

/** Points given for something other than an order (a published review); birthdays have their own event. */
export class PointsGrantedV1 {
  @IsUUID()
  memberId: string;

  @IsIn(POINTS_GRANT_REASONS)
  reason: PointsGrantReason;

  /** What the grant is for (the review id for FEEDBACK). */
  @IsOptional()
  @IsUUID()
  referenceId?: string;

  @IsInt()
  @Min(1)
  @Max(1_000_000)
  points: number;

  @IsInt()
  @Min(0)
  balanceAfter: number;

  @IsISO8601({ strict: true })
  grantedAt: string;
}

export const PointsGranted = defineEvent({
  name: 'membership.member.points-granted',
  version: 1,
  topic: Topics.membershipMember,
  dataClass: PointsGrantedV1,
  summary: 'Points were granted for something other than an order (FEEDBACK: a published review), once per reference.',
  subjectOf: (data) => data.memberId,
  example: {
    memberId,
    reason: 'FEEDBACK',
    referenceId: '3d5f7a9b-1c2e-4f4a-8b6c-8d0e2f4a6b8c',
    points: 50,
    balanceAfter: 1250,
    grantedAt: '2026-12-02T18:00:01.000Z',
  },
});

/** The membership events this folder adds beyond the saga's (registry.ts lists them). */
export const MEMBERSHIP_LEDGER_EVENTS = [
  PointsEarned,
  PointsRedeemed,
  PointsReleased,
  PointsReversed,
  PointsExpired,
  PointsGranted,
] as const;
