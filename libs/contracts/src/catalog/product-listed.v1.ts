import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { PRODUCT_STATUSES, ProductSkuSummaryV1, ProductStatus } from './product-status.v1';

export class ProductListedV1 {
  @IsUUID()
  productId: string;

  @IsUUID()
  merchantId: string;

  @IsIn(PRODUCT_STATUSES)
  status: ProductStatus;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  brand?: string;

  @IsUUID()
  categoryId: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ProductSkuSummaryV1)
  skus: ProductSkuSummaryV1[];

  /** The ops user who approved it, or the merchant user who relisted it. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  actor: string;

  @IsISO8601({ strict: true })
  listedAt: string;
}

export const ProductListed = defineEvent({
  name: 'catalog.product.listed',
  version: 1,
  topic: Topics.catalogProduct,
  dataClass: ProductListedV1,
  summary: 'The product is on sale and searchable, with its SKUs and prices.',
  subjectOf: (data) => data.productId,
  example: {
    productId: '7d1c2a4b-55e0-4b9d-8c1e-3c394a0e8d0e',
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    status: 'LISTED',
    title: 'Organic cotton T-shirt',
    brand: 'Green Threads',
    categoryId: '0d4f5e6a-7b8c-4d9e-8f00-112233445566',
    skus: [{ sku: 'TSHIRT-RED-M', price: 1999, currency: 'EUR' }],
    actor: 'ops-anna',
    listedAt: '2026-11-22T09:30:00.000Z',
  },
});
