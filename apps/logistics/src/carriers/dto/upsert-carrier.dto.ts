import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO4217CurrencyCode,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class RateDto {
  @ApiProperty({ example: 5000, description: 'Upper bound of the weight bracket, grams (chargeable weight)' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  maxWeightGrams: number;

  @ApiProperty({ example: 690, description: 'Minor units of the carrier currency' })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  price: number;
}

export class CarrierServiceDto {
  @ApiProperty({ enum: ['STANDARD', 'EXPRESS'] })
  @IsIn(['STANDARD', 'EXPRESS'])
  serviceLevel: 'STANDARD' | 'EXPRESS';

  @ApiProperty({ example: 'DOMESTIC' })
  @IsString()
  @Matches(/^[A-Z0-9_-]{1,32}$/, { message: 'zone must be 1-32 of A-Z, 0-9, _ and -' })
  zone: string;

  @ApiProperty({ example: 3, description: 'Days the carrier promises from dispatch to delivery in this zone' })
  @IsInt()
  @Min(1)
  @Max(60)
  promisedDays: number;

  @ApiProperty({ type: [RateDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RateDto)
  rates: RateDto[];
}

/** The whole carrier: services and rate cards are replaced by what is sent. */
export class UpsertCarrierDto {
  @ApiProperty({ example: 'Sandbox Post' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiProperty({ example: 5000, description: 'cm3 per kg; volumetric grams = L x W x H (mm) / divisor' })
  @IsInt()
  @Min(1000)
  @Max(10000)
  volumetricDivisor: number;

  @ApiProperty({ example: 'EUR' })
  @IsISO4217CurrencyCode()
  currency: string;

  @ApiPropertyOptional({ description: 'HMAC secret of the tracking webhook (write-only). Required for a new carrier.' })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  webhookSecret?: string;

  @ApiProperty({ type: [CarrierServiceDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CarrierServiceDto)
  services: CarrierServiceDto[];
}
