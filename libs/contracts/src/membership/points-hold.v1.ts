import { IsIn, IsInt, IsISO8601, IsUUID, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

const memberId = '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55';
const orderId = '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10';

/** membership's answer to an order that pays with points: they are set aside until it confirms or cancels. */
export class PointsHeldV1 {
  /** The member id is the customer id orders uses. */
  @IsUUID()
  memberId: string;

  @IsUUID()
  orderId: string;

  @IsInt()
  @Min(1)
  points: number;

  /** The balance left to spend after the hold. */
  @IsInt()
  @Min(0)
  availableAfter: number;

  @IsISO8601({ strict: true })
  heldAt: string;
}

export const PointsHeld = defineEvent({
  name: 'membership.member.points-held',
  version: 1,
  topic: Topics.membershipMember,
  dataClass: PointsHeldV1,
  summary: "The points an order pays with are held for it (orders' saga: the points participant said yes).",
  subjectOf: (data) => data.memberId,
  example: { memberId, orderId, points: 500, availableAfter: 1200, heldAt: '2026-11-22T10:15:01.000Z' },
});

export const POINTS_HOLD_FAILURES = ['INSUFFICIENT_POINTS', 'UNKNOWN_MEMBER', 'MEMBER_ERASED'] as const;
export type PointsHoldFailure = (typeof POINTS_HOLD_FAILURES)[number];

export class PointsHoldFailedV1 {
  @IsUUID()
  memberId: string;

  @IsUUID()
  orderId: string;

  @IsInt()
  @Min(1)
  requestedPoints: number;

  @IsInt()
  @Min(0)
  availablePoints: number;

  @IsIn(POINTS_HOLD_FAILURES)
  reason: PointsHoldFailure;

  @IsISO8601({ strict: true })
  failedAt: string;
}

export const PointsHoldFailed = defineEvent({
  name: 'membership.member.points-hold-failed',
  version: 1,
  topic: Topics.membershipMember,
  dataClass: PointsHoldFailedV1,
  summary: "The points could not be held (orders' saga: the points participant said no, the order is cancelled).",
  subjectOf: (data) => data.memberId,
  example: {
    memberId,
    orderId,
    requestedPoints: 500,
    availablePoints: 120,
    reason: 'INSUFFICIENT_POINTS',
    failedAt: '2026-11-22T10:15:01.000Z',
  },
});
