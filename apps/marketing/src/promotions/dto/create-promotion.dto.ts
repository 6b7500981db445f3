import { PROMOTION_TYPES, PromotionTypeName } from '@emporium/contracts';
import { IsCurrency, IsSku } from '@emporium/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const MAX_MONEY = 100_000_000;

export class ScopeDto {
  @ApiPropertyOptional({ type: [String], description: 'Only these SKUs' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  skus?: string[];

  @ApiPropertyOptional({
    type: [String],
    description: "Only SKUs of products in these categories (catalog's category ids)",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  categories?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Only SKUs these merchants sell' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  merchantIds?: string[];
}

export class ThresholdTierDto {
  /** Spend at least this (eligible lines, minor units)... */
  @IsInt()
  @Min(0)
  @Max(MAX_MONEY)
  minSpend: number;

  /** ...to get this much off (minor units). */
  @IsInt()
  @Min(1)
  @Max(MAX_MONEY)
  amountOff: number;
}

export class PercentByTierDto {
  @IsOptional() @IsInt() @Min(0) @Max(100) ORDINARY?: number;
  @IsOptional() @IsInt() @Min(0) @Max(100) SILVER?: number;
  @IsOptional() @IsInt() @Min(0) @Max(100) GOLD?: number;
  @IsOptional() @IsInt() @Min(0) @Max(100) DIAMOND?: number;
}

/**
 * One DTO for every type; which fields a type needs is checked by the service (a 422 naming the missing
 * field), so the API stays one flat shape that generated clients handle well.
 */
export class CreatePromotionDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: PROMOTION_TYPES })
  @IsIn(PROMOTION_TYPES)
  type: PromotionTypeName;

  @IsCurrency()
  currency: string;

  /** The campaign whose budget pays for it (and whose ROI report counts it). */
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ enum: ['EXCLUSIVE', 'STACKABLE'], default: 'STACKABLE' })
  @IsOptional()
  @IsIn(['EXCLUSIVE', 'STACKABLE'])
  stacking?: 'EXCLUSIVE' | 'STACKABLE';

  /** Higher applies first (and wins ties between exclusive promotions). */
  @IsOptional()
  @IsInt()
  @Min(-1000)
  @Max(1000)
  priority?: number;

  /** Only with a coupon code of this promotion (`POST /coupons`). */
  @IsOptional()
  @IsBoolean()
  requiresCoupon?: boolean;

  @ApiPropertyOptional({ description: 'ISO 8601; inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  startsAt?: string;

  @ApiPropertyOptional({ description: 'ISO 8601; exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  endsAt?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ScopeDto)
  scope?: ScopeDto;

  /** THRESHOLD: spend tiers; the highest one reached applies. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ThresholdTierDto)
  tiers?: ThresholdTierDto[];

  /** PERCENT_OFF, MEMBER_DAY, NEW_CUSTOMER: percent off the eligible lines. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  percent?: number;

  /** BUY_X_GET_Y: units to buy... */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  buy?: number;

  /** BUY_X_GET_Y: ...units discounted (the cheapest). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  get?: number;

  /** BUY_X_GET_Y: percent off the discounted units (default 100: free). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  percentOff?: number;

  /** FLASH_SALE: the SKU on sale. */
  @ApiPropertyOptional({ example: 'TSHIRT-RED-M' })
  @IsOptional()
  @IsSku()
  sku?: string;

  /** FLASH_SALE: the sale price, minor units. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MONEY)
  salePrice?: number;

  /** FLASH_SALE: units sold at the sale price, in total. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  totalCap?: number;

  /** FLASH_SALE: units one customer may buy at the sale price. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  perCustomerCap?: number;

  /** MEMBER_DAY: ISO weekdays (1 = Monday ... 7 = Sunday, UTC). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays?: number[];

  /** MEMBER_DAY: days of the month (UTC). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(31)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(31, { each: true })
  monthDays?: number[];

  /** MEMBER_DAY: only these tiers (default: every member). */
  @ApiPropertyOptional({ enum: ['ORDINARY', 'SILVER', 'GOLD', 'DIAMOND'], isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(['ORDINARY', 'SILVER', 'GOLD', 'DIAMOND'], { each: true })
  memberTiers?: ('ORDINARY' | 'SILVER' | 'GOLD' | 'DIAMOND')[];

  /** TIER_DISCOUNT: percent per tier; a tier not listed gets membership's benefits percent. */
  @IsOptional()
  @ValidateNested()
  @Type(() => PercentByTierDto)
  percentByTier?: PercentByTierDto;

  /** NEW_CUSTOMER (or a coupon's THRESHOLD with minSpend 0): amount off, minor units. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_MONEY)
  amountOff?: number;

  /** NEW_CUSTOMER, FREE_SHIPPING: minimum spend, minor units. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MONEY)
  minSpend?: number;
}
