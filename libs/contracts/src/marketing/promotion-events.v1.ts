import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const PROMOTION_TYPES = [
  'THRESHOLD',
  'PERCENT_OFF',
  'BUY_X_GET_Y',
  'FLASH_SALE',
  'MEMBER_DAY',
  'TIER_DISCOUNT',
  'NEW_CUSTOMER',
  'FREE_SHIPPING',
] as const;
export type PromotionTypeName = (typeof PROMOTION_TYPES)[number];

const promotionId = '2a6c1f0e-9b7d-4e3a-8c5b-1d2e3f4a5b6c';
const campaignId = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

export class PromotionCreatedV1 {
  @IsUUID()
  promotionId: string;

  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @IsIn(PROMOTION_TYPES)
  type: PromotionTypeName;

  @IsISO4217CurrencyCode()
  currency: string;

  @IsIn(['EXCLUSIVE', 'STACKABLE'])
  stacking: 'EXCLUSIVE' | 'STACKABLE';

  @IsInt()
  priority: number;

  /** Only with a coupon code. */
  @IsBoolean()
  requiresCoupon: boolean;

  @IsOptional()
  @IsISO8601({ strict: true })
  startsAt?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  endsAt?: string;

  @IsISO8601({ strict: true })
  createdAt: string;
}

export const PromotionCreated = defineEvent({
  name: 'marketing.promotion.created',
  version: 1,
  topic: Topics.marketingPromotion,
  dataClass: PromotionCreatedV1,
  summary: 'Ops created a promotion (prices of quotes change from its start). Keyed by promotion.',
  subjectOf: (data) => data.promotionId,
  example: {
    promotionId,
    campaignId,
    name: 'Black Friday: 10 off from 100',
    type: 'THRESHOLD',
    currency: 'EUR',
    stacking: 'STACKABLE',
    priority: 10,
    requiresCoupon: false,
    startsAt: '2026-11-27T00:00:00.000Z',
    endsAt: '2026-11-30T00:00:00.000Z',
    createdAt: '2026-11-20T08:00:00.000Z',
  },
});

export const PROMOTION_STOP_REASONS = ['BUDGET_SPENT', 'STOPPED_BY_OPS'] as const;
export type PromotionStopReason = (typeof PROMOTION_STOP_REASONS)[number];

export class PromotionStoppedV1 {
  @IsUUID()
  promotionId: string;

  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @IsIn(PROMOTION_STOP_REASONS)
  reason: PromotionStopReason;

  /** The campaign's spend when it stopped, minor units (BUDGET_SPENT). */
  @IsOptional()
  @IsInt()
  @Min(0)
  spent?: number;

  @IsISO8601({ strict: true })
  stoppedAt: string;
}

export const PromotionStopped = defineEvent({
  name: 'marketing.promotion.stopped',
  version: 1,
  topic: Topics.marketingPromotion,
  dataClass: PromotionStoppedV1,
  summary: "A promotion no longer applies: its campaign's budget is spent, or ops stopped it. Keyed by promotion.",
  subjectOf: (data) => data.promotionId,
  example: { promotionId, campaignId, reason: 'BUDGET_SPENT', spent: 500000, stoppedAt: '2026-11-28T16:42:00.000Z' },
});
