import { IsArray, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { PRODUCT_STATUSES, ProductStatus } from './product-status.v1';

export class ProductUpdatedV1 {
  @IsUUID()
  productId: string;

  @IsUUID()
  merchantId: string;

  @IsIn(PRODUCT_STATUSES)
  status: ProductStatus;

  /** Names of the fields that changed, e.g. ["title", "images"]. */
  @IsArray()
  @IsString({ each: true })
  changedFields: string[];

  /** The product's title, brand and category after the change (fat event: no call back needed). */
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

  @IsISO8601({ strict: true })
  updatedAt: string;
}

export const ProductUpdated = defineEvent({
  name: 'catalog.product.updated',
  version: 1,
  topic: Topics.catalogProduct,
  dataClass: ProductUpdatedV1,
  summary: 'The merchant edited the product’s content (title, description, brand, category, attributes, images).',
  subjectOf: (data) => data.productId,
  example: {
    productId: '7d1c2a4b-55e0-4b9d-8c1e-3c394a0e8d0e',
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    status: 'LISTED',
    changedFields: ['description'],
    title: 'Organic cotton T-shirt',
    brand: 'Green Threads',
    categoryId: '0d4f5e6a-7b8c-4d9e-8f00-112233445566',
    updatedAt: '2026-11-23T10:00:00.000Z',
  },
});
