import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { SKU_MAX_LENGTH, SKU_PATTERN } from '../sku';

/** Parcel dimensions in millimetres; logistics computes volumetric weight from them. */
export class SkuDimensionsV1 {
  @IsInt()
  @Min(1)
  lengthMm: number;

  @IsInt()
  @Min(1)
  widthMm: number;

  @IsInt()
  @Min(1)
  heightMm: number;
}

export class SkuAddedV1 {
  @IsUUID()
  productId: string;

  @IsUUID()
  merchantId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(SKU_MAX_LENGTH)
  @Matches(SKU_PATTERN)
  sku: string;

  /** Option values, e.g. { "colour": "red", "size": "M" }. */
  @IsObject()
  options: Record<string, string>;

  @IsInt()
  @Min(0)
  price: number;

  @IsISO4217CurrencyCode()
  currency: string;

  @IsInt()
  @Min(1)
  weightGrams: number;

  @ValidateNested()
  @Type(() => SkuDimensionsV1)
  dimensions: SkuDimensionsV1;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @IsISO8601({ strict: true })
  addedAt: string;
}

export const SkuAdded = defineEvent({
  name: 'catalog.product.sku-added',
  version: 1,
  topic: Topics.catalogProduct,
  dataClass: SkuAddedV1,
  summary:
    'A product gained a SKU (variant). Inventory creates its stock records from it; logistics reads weight and dimensions.',
  subjectOf: (data) => data.productId,
  example: {
    productId: '7d1c2a4b-55e0-4b9d-8c1e-3c394a0e8d0e',
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    sku: 'TSHIRT-RED-M',
    options: { colour: 'red', size: 'M' },
    price: 1999,
    currency: 'EUR',
    weightGrams: 220,
    dimensions: { lengthMm: 300, widthMm: 250, heightMm: 20 },
    title: 'Organic T-shirt, red, M',
    addedAt: '2026-11-22T09:00:00.000Z',
  },
});
