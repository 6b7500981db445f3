import { IsSku, IsCurrency } from '@emporium/platform';
import { DELIVERY_OPTIONS, DeliveryOption, PAYMENT_METHODS } from '@emporium/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** A line asks for units of a SKU; the price is the server's (a `unitPrice` here is an unknown field, 400). */
export class PlaceOrderLineDto {
  @IsSku()
  sku: string;

  @ApiProperty({ example: 1, minimum: 1, maximum: 10000 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  quantity: number;
}

/** The same fields as `ShippingAddressV1` on orders' events and logistics' quote request. */
export class ShippingAddressDto {
  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2; decides the shipping zone' })
  @IsISO31661Alpha2()
  country: string;

  @ApiPropertyOptional({
    example: 'EU-DE',
    description: "A region code; becomes `shippingRegion` (inventory's warehouse choice)",
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  region?: string;

  @ApiProperty({ example: '20095' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  postalCode: string;

  @ApiProperty({ example: 'Hamburg' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  city: string;

  @ApiProperty({ example: 'Mönckebergstraße 7' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  line1: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  line2?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  recipientName?: string;
}

/** How the customer pays: a card token from the payment provider's checkout (never a card number). */
export class PaymentDto {
  @ApiProperty({ enum: PAYMENT_METHODS })
  @IsIn(PAYMENT_METHODS)
  method: (typeof PAYMENT_METHODS)[number];

  @ApiProperty({
    example: 'tok_sandbox_visa',
    description: 'The gateway token of the card; the sandbox test cards are listed in the orders README',
  })
  @IsString()
  @Matches(/^tok_[A-Za-z0-9_]{1,100}$/)
  cardToken: string;
}

export class PlaceOrderDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  customerId: string;

  @IsCurrency()
  currency: string;

  @ApiProperty({ type: [PlaceOrderLineDto], description: 'One line per SKU (a second line of the same SKU is a 400)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PlaceOrderLineDto)
  lines: PlaceOrderLineDto[];

  @ApiProperty({ type: ShippingAddressDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ShippingAddressDto)
  shippingAddress: ShippingAddressDto;

  @ApiProperty({ enum: DELIVERY_OPTIONS })
  @IsIn(DELIVERY_OPTIONS)
  deliveryOption: DeliveryOption;

  @ApiProperty({ type: PaymentDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => PaymentDto)
  payment: PaymentDto;

  @ApiPropertyOptional({
    type: [String],
    example: ['WELCOME4'],
    description: 'Coupons to redeem (marketing prices them and answers in the saga)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { each: true })
  couponCodes?: string[];

  @ApiPropertyOptional({
    minimum: 1,
    description: 'Loyalty points to pay with (one point pays one minor unit); membership holds them in the saga',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  pointsToRedeem?: number;
}
