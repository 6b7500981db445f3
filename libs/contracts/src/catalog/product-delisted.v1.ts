import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { PRODUCT_STATUSES, ProductStatus } from './product-status.v1';

export const DELISTING_CAUSES = ['MERCHANT_REQUEST', 'OPS_DECISION', 'MERCHANT_SUSPENDED'] as const;
export type DelistingCause = (typeof DELISTING_CAUSES)[number];

export class ProductDelistedV1 {
  @IsUUID()
  productId: string;

  @IsUUID()
  merchantId: string;

  @IsIn(PRODUCT_STATUSES)
  status: ProductStatus;

  @IsIn(DELISTING_CAUSES)
  cause: DelistingCause;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  actor: string;

  @IsISO8601({ strict: true })
  delistedAt: string;
}

export const ProductDelisted = defineEvent({
  name: 'catalog.product.delisted',
  version: 1,
  topic: Topics.catalogProduct,
  dataClass: ProductDelistedV1,
  summary:
    'The product is off sale and out of search (by its merchant, by ops, or because the merchant was suspended).',
  subjectOf: (data) => data.productId,
  example: {
    productId: '7d1c2a4b-55e0-4b9d-8c1e-3c394a0e8d0e',
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    status: 'DELISTED',
    cause: 'MERCHANT_SUSPENDED',
    reason: 'merchant suspended: DOCUMENT_EXPIRED',
    actor: 'system',
    delistedAt: '2026-12-01T00:00:06.000Z',
  },
});
