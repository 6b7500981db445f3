import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { PRODUCT_STATUSES, ProductStatus } from './product-status.v1';

export class ProductCreatedV1 {
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

  @IsISO8601({ strict: true })
  createdAt: string;
}

export const ProductCreated = defineEvent({
  name: 'catalog.product.created',
  version: 1,
  topic: Topics.catalogProduct,
  dataClass: ProductCreatedV1,
  summary: 'A merchant created a product (DRAFT). Its SKUs follow as sku-added events.',
  subjectOf: (data) => data.productId,
  example: {
    productId: '7d1c2a4b-55e0-4b9d-8c1e-3c394a0e8d0e',
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    status: 'DRAFT',
    title: 'Organic cotton T-shirt',
    brand: 'Green Threads',
    categoryId: '0d4f5e6a-7b8c-4d9e-8f00-112233445566',
    createdAt: '2026-11-22T08:55:00.000Z',
  },
});
