import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO31661Alpha2, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** The same fields as `ShippingAddressV1` on orders' events, so orders can pass its address on as is. */
export class ShippingAddressDto {
  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2; decides the zone' })
  @IsISO31661Alpha2()
  country: string;

  @ApiPropertyOptional({ example: 'EU-DE' })
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
