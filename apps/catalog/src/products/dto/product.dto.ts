import { CursorPageQuery, IsSku, IsCurrency } from '@emporium/platform';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateNested,
} from 'class-validator';
import { PRODUCT_STATUSES, ProductStatus } from '@emporium/contracts';
import { IsStringMap } from './string-map';

export class ImageDto {
  @ApiProperty({ example: 'https://img.example/tshirt-front.jpg' })
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { message: 'url must be an http(s) URL' })
  @MaxLength(2000)
  url: string;

  @ApiProperty({ example: 'Front view' })
  @IsString()
  @MaxLength(300)
  altText: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  main?: boolean;
}

export class DimensionsDto {
  @ApiProperty({ example: 300 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  lengthMm: number;

  @ApiProperty({ example: 250 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  widthMm: number;

  @ApiProperty({ example: 20 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  heightMm: number;
}

export class SkuDto {
  @IsSku()
  sku: string;

  @ApiProperty({ example: { colour: 'red', size: 'M' } })
  @Validate(IsStringMap)
  options: Record<string, string>;

  @ApiProperty({ example: 1999, description: 'Minor units of the currency; the quality checks require it above zero' })
  @IsInt()
  @Min(0)
  @Max(100_000_000_00)
  price: number;

  @IsCurrency()
  currency: string;

  @ApiProperty({ example: 220 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  weightGrams: number;

  @ApiProperty({ type: DimensionsDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => DimensionsDto)
  dimensions: DimensionsDto;
}

export class CreateProductDto {
  @ApiProperty({ example: 'Organic cotton T-shirt' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiPropertyOptional({ example: 'Green Threads' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  brand?: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  categoryId: string;

  @ApiPropertyOptional({ example: { material: 'cotton' } })
  @IsOptional()
  @Validate(IsStringMap)
  attributes?: Record<string, string>;

  @ApiPropertyOptional({ type: [ImageDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ImageDto)
  images?: ImageDto[];

  @ApiPropertyOptional({ type: [SkuDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SkuDto)
  skus?: SkuDto[];
}

/** Content edits: any of the create fields except SKUs (added with their own endpoint). */
export class UpdateProductDto extends PartialType(OmitType(CreateProductDto, ['skus'] as const)) {}

export class ChangePriceDto {
  @ApiProperty({ example: 1799 })
  @IsInt()
  @Min(0)
  @Max(100_000_000_00)
  price: number;
}

export class RejectProductDto {
  @ApiProperty({ example: ['Photos show a different product'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  reasons: string[];
}

export class DelistProductDto {
  @ApiPropertyOptional({ example: 'Discontinued' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class ListProductsQuery extends CursorPageQuery {
  @ApiPropertyOptional({ enum: PRODUCT_STATUSES })
  @IsOptional()
  @IsIn(PRODUCT_STATUSES)
  status?: ProductStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'ops only; a merchant always sees its own' })
  @IsOptional()
  @IsUUID()
  merchantId?: string;
}
