import { Type } from 'class-transformer';
import { IsArray, IsIn, IsISO8601, IsUUID, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { PRODUCT_STATUSES, ProductStatus, QualityFindingV1 } from './product-status.v1';

export class ProductSubmittedV1 {
  @IsUUID()
  productId: string;

  @IsUUID()
  merchantId: string;

  /** IN_REVIEW when the automated checks passed, REJECTED when they held it (see findings). */
  @IsIn(PRODUCT_STATUSES)
  status: ProductStatus;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => QualityFindingV1)
  findings: QualityFindingV1[];

  @IsISO8601({ strict: true })
  submittedAt: string;
}

export const ProductSubmitted = defineEvent({
  name: 'catalog.product.submitted',
  version: 1,
  topic: Topics.catalogProduct,
  dataClass: ProductSubmittedV1,
  summary:
    'A merchant submitted a product for listing; the automated quality checks ran and their findings are attached.',
  subjectOf: (data) => data.productId,
  example: {
    productId: '7d1c2a4b-55e0-4b9d-8c1e-3c394a0e8d0e',
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    status: 'IN_REVIEW',
    findings: [],
    submittedAt: '2026-11-22T09:00:00.000Z',
  },
});
