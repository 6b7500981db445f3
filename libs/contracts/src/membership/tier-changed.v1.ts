import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const MEMBER_TIERS = ['ORDINARY', 'SILVER', 'GOLD', 'DIAMOND'] as const;
export type MemberTier = (typeof MEMBER_TIERS)[number];

/** What a tier gives; marketing prices with it and logistics ships with it, so the event carries it whole. */
export class TierBenefitsV1 {
  /** Percent off eligible lines, 0–100. */
  @IsInt()
  @Min(0)
  @Max(100)
  discountPercent: number;

  /** Orders at or above this amount (minor units, EUR) ship free; absent means never free. */
  @IsOptional()
  @IsInt()
  @Min(0)
  freeShippingThreshold?: number;

  /** Points per currency unit are multiplied by this, in hundredths (150 = ×1.5). */
  @IsInt()
  @Min(100)
  pointsMultiplierPercent: number;

  @IsBoolean()
  priorityShipping: boolean;

  /** Points granted on the member's birthday. */
  @IsInt()
  @Min(0)
  birthdayGiftPoints: number;
}

export class MemberTierChangedV1 {
  @IsUUID()
  memberId: string;

  @IsOptional()
  @IsIn(MEMBER_TIERS)
  previousTier?: MemberTier;

  @IsIn(MEMBER_TIERS)
  tier: MemberTier;

  @ValidateNested()
  @Type(() => TierBenefitsV1)
  benefits: TierBenefitsV1;

  /** The member's region (e.g. `EU-DE`), for regional offers; never contact details. */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  region?: string;

  @IsISO8601({ strict: true })
  changedAt: string;
}

export const MemberTierChanged = defineEvent({
  name: 'membership.member.tier-changed',
  version: 1,
  topic: Topics.membershipMember,
  dataClass: MemberTierChangedV1,
  summary:
    'A member moved tier (also published at registration with ORDINARY): marketing and logistics apply its benefits.',
  subjectOf: (data) => data.memberId,
  example: {
    memberId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
    previousTier: 'SILVER',
    tier: 'GOLD',
    benefits: {
      discountPercent: 5,
      freeShippingThreshold: 2900,
      pointsMultiplierPercent: 150,
      priorityShipping: true,
      birthdayGiftPoints: 1000,
    },
    region: 'EU-DE',
    changedAt: '2026-11-22T10:20:00.000Z',
  },
});

export class BirthdayRewardGrantedV1 {
  @IsUUID()
  memberId: string;

  /** The year the reward is for: one per member and year. */
  @IsInt()
  @Min(2000)
  year: number;

  @IsInt()
  @Min(0)
  points: number;

  @IsIn(MEMBER_TIERS)
  tier: MemberTier;

  @IsISO8601({ strict: true })
  grantedAt: string;
}

export const BirthdayRewardGranted = defineEvent({
  name: 'membership.member.birthday-reward-granted',
  version: 1,
  topic: Topics.membershipMember,
  dataClass: BirthdayRewardGrantedV1,
  summary: "A member's yearly birthday points were granted; customer-service sends the greeting.",
  subjectOf: (data) => data.memberId,
  example: {
    memberId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
    year: 2026,
    points: 1000,
    tier: 'GOLD',
    grantedAt: '2026-11-22T00:00:05.000Z',
  },
});
