import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';

/** A line as orders publishes it. Money is integer minor units in the order's currency. */
export class OrderLineV1 {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sku: string;

  @IsInt()
  @Min(1)
  quantity: number;

  @IsInt()
  @Min(0)
  unitPrice: number;

  @IsInt()
  @Min(0)
  lineTotal: number;

  /**
   * The line's share of the order's discounts (promotions and coupons), minor units; `lineTotal` is before
   * it. Refunds give back `lineTotal - discount` per line, pro rata per unit. Absent means no discount.
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  discount?: number;

  /** The merchant selling the line (optional within v1: older orders do not carry it). */
  @IsOptional()
  @IsUUID()
  merchantId?: string;
}
