import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { PRODUCT_STATUSES, ProductStatus, QualityFindingV1 } from './product-status.v1';

export class ProductRejectedV1 {
  @IsUUID()
  productId: string;

  @IsUUID()
  merchantId: string;

  @IsIn(PRODUCT_STATUSES)
  status: ProductStatus;

  /** True when the automated quality checks held it; false when ops rejected it. */
  @IsBoolean()
  automatic: boolean;

  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  reasons: string[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => QualityFindingV1)
  findings: QualityFindingV1[];

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  actor: string;

  @IsISO8601({ strict: true })
  rejectedAt: string;
}

export const ProductRejected = defineEvent({
  name: 'catalog.product.rejected',
  version: 1,
  topic: Topics.catalogProduct,
  dataClass: ProductRejectedV1,
  summary: 'The product was not listed: held by the quality checks, or rejected by ops, with the reasons.',
  subjectOf: (data) => data.productId,
  example: {
    productId: '7d1c2a4b-55e0-4b9d-8c1e-3c394a0e8d0e',
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    status: 'REJECTED',
    automatic: true,
    reasons: ['images: at least one image is required'],
    findings: [{ code: 'IMAGE_REQUIRED', field: 'images', message: 'at least one image is required' }],
    actor: 'quality-checks',
    rejectedAt: '2026-11-22T09:00:00.000Z',
  },
});
