import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNumber, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { MERCHANT_STATUSES, MerchantStatus } from './merchant-status.v1';

/** The counts the credibility score was computed from (rolling window, see the merchants README). */
export class CredibilityInputsV1 {
  @IsInt()
  @Min(0)
  windowDays: number;

  @IsInt()
  @Min(0)
  completedOrders: number;

  @IsInt()
  @Min(0)
  complaints: number;

  @IsInt()
  @Min(0)
  lateShipments: number;

  @IsInt()
  @Min(0)
  returns: number;

  @IsInt()
  @Min(0)
  reviews: number;

  /** Mean review rating 1-5; 0 when there are no reviews. */
  @IsNumber()
  @Min(0)
  @Max(5)
  averageRating: number;
}

export class MerchantScoreChangedV1 {
  @IsUUID()
  merchantId: string;

  @IsIn(MERCHANT_STATUSES)
  status: MerchantStatus;

  @IsInt()
  @Min(0)
  @Max(100)
  previousScore: number;

  @IsInt()
  @Min(0)
  @Max(100)
  score: number;

  @ValidateNested()
  @Type(() => CredibilityInputsV1)
  inputs: CredibilityInputsV1;

  @IsISO8601({ strict: true })
  changedAt: string;
}

export const MerchantScoreChanged = defineEvent({
  name: 'merchants.merchant.score-changed',
  version: 1,
  topic: Topics.merchantsMerchant,
  dataClass: MerchantScoreChangedV1,
  summary: 'The credibility score (0-100) moved, with the inputs it was computed from.',
  subjectOf: (data) => data.merchantId,
  example: {
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    status: 'APPROVED',
    previousScore: 100,
    score: 91,
    inputs: {
      windowDays: 90,
      completedOrders: 40,
      complaints: 2,
      lateShipments: 3,
      returns: 1,
      reviews: 12,
      averageRating: 4.4,
    },
    changedAt: '2026-11-25T08:00:00.000Z',
  },
});
