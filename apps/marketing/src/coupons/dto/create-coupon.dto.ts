import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

export const COUPON_CODE_PATTERN = /^[A-Za-z0-9_-]{3,64}$/;

export class CreateCouponDto {
  /** The promotion the code unlocks (one created with `requiresCoupon`). */
  @IsUUID()
  promotionId: string;

  @ApiPropertyOptional({
    example: 'WELCOME4',
    pattern: COUPON_CODE_PATTERN.source,
    description: 'Stored upper-case; generated when absent',
  })
  @IsOptional()
  @Matches(COUPON_CODE_PATTERN, { message: 'code must be 3-64 letters, digits, underscores or dashes' })
  code?: string;

  /** Redemptions in total (absent: no limit). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  totalCap?: number;

  /** Redemptions per customer (absent: no limit). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  perCustomerCap?: number;

  @ApiPropertyOptional({ description: 'ISO 8601; inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  validFrom?: string;

  @ApiPropertyOptional({ description: 'ISO 8601; exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  validUntil?: string;

  /** Only this customer may redeem it. */
  @IsOptional()
  @IsUUID()
  customerId?: string;
}

export class SegmentIssuanceDto {
  /** The promotion the issued codes unlock (one created with `requiresCoupon`). */
  @IsUUID()
  promotionId: string;

  /** Customers with an order (not cancelled) in the last this many days... */
  @IsInt()
  @Min(1)
  @Max(3650)
  boughtWithinDays: number;

  /** ...and none in the last this many days (0: no such condition). */
  @IsInt()
  @Min(0)
  @Max(3650)
  notWithinDays: number;
}
