import {
  IsInt,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { SKU_MAX_LENGTH, SKU_PATTERN } from '../sku';

export class ProductPriceChangedV1 {
  @IsUUID()
  productId: string;

  @IsUUID()
  merchantId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(SKU_MAX_LENGTH)
  @Matches(SKU_PATTERN)
  sku: string;

  @IsInt()
  @Min(0)
  previousPrice: number;

  @IsInt()
  @Min(0)
  price: number;

  @IsISO4217CurrencyCode()
  currency: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  actor: string;

  @IsISO8601({ strict: true })
  changedAt: string;
}

export const ProductPriceChanged = defineEvent({
  name: 'catalog.product.price-changed',
  version: 1,
  topic: Topics.catalogProduct,
  dataClass: ProductPriceChangedV1,
  summary: 'A SKU’s price changed (kept in the price history); keyed by product id.',
  subjectOf: (data) => data.productId,
  example: {
    productId: '7d1c2a4b-55e0-4b9d-8c1e-3c394a0e8d0e',
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    sku: 'TSHIRT-RED-M',
    previousPrice: 1999,
    price: 1799,
    currency: 'EUR',
    actor: 'user-4711',
    changedAt: '2026-11-24T12:00:00.000Z',
  },
});
