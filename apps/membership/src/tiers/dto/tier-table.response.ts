import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEMBER_TIERS, MemberTier } from '@emporium/contracts';

export class TierThresholdResponse {
  @ApiProperty({ enum: ['SILVER', 'GOLD', 'DIAMOND'] })
  tier: string;
  /** Rolling 12-month spend, minor units, that reaches the tier... */
  minSpend: number;
  /** ...or the completed orders in 12 months that reach it. */
  minOrders: number;
}

export class TierBenefitsResponse {
  @ApiProperty({ enum: MEMBER_TIERS })
  tier: MemberTier;
  discountPercent: number;
  @ApiPropertyOptional({ description: 'Orders at or above this (minor units) ship free; absent: never free' })
  freeShippingThreshold?: number;
  /** Hundredths (150 = ×1.5) */
  pointsMultiplierPercent: number;
  priorityShipping: boolean;
  birthdayGiftPoints: number;
}

export class TierTableResponse {
  thresholds: TierThresholdResponse[];
  benefits: TierBenefitsResponse[];
}
