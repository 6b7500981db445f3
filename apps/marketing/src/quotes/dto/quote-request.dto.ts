import { IsCurrency, IsSku } from '@emporium/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { COUPON_CODE_PATTERN } from '../../coupons/dto/create-coupon.dto';

export class QuoteLineDto {
  @IsSku()
  sku: string;

  @ApiProperty({ example: 2, minimum: 1, maximum: 10000 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  quantity: number;
}

export class QuoteRequestDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Whose tier, history and personal coupons apply; a customer token always quotes for itself',
  })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @IsCurrency()
  currency: string;

  @ApiProperty({ type: [QuoteLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => QuoteLineDto)
  lines: QuoteLineDto[];

  @ApiPropertyOptional({ type: [String], example: ['WELCOME4'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @Matches(COUPON_CODE_PATTERN, {
    each: true,
    message: 'each coupon code must be 3-64 letters, digits, underscores or dashes',
  })
  couponCodes?: string[];

  /** The shipping fee the checkout charges (logistics' quote), minor units; free-shipping promotions take it off. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  shippingFee?: number;
}
