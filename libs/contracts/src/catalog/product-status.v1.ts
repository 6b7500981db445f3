import { IsInt, IsISO4217CurrencyCode, IsNotEmpty, IsString, Matches, MaxLength, Min } from 'class-validator';
import { SKU_MAX_LENGTH, SKU_PATTERN } from '../sku';

/** draft → in review → listed, or rejected; listed ↔ delisted. Every product event carries the status it leaves. */
export const PRODUCT_STATUSES = ['DRAFT', 'IN_REVIEW', 'LISTED', 'REJECTED', 'DELISTED'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** One finding of the automated quality checks run on submission. `code` is stable; match on it. */
export class QualityFindingV1 {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  code: string;

  /** The product field the finding is about, e.g. `title`, `images`, `skus.0.price`. */
  @IsString()
  @MaxLength(200)
  field: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  message: string;
}

/** A SKU as product events summarise it; the full SKU (weight, dimensions) is in sku-added. */
export class ProductSkuSummaryV1 {
  @IsString()
  @IsNotEmpty()
  @MaxLength(SKU_MAX_LENGTH)
  @Matches(SKU_PATTERN)
  sku: string;

  @IsInt()
  @Min(0)
  price: number;

  @IsISO4217CurrencyCode()
  currency: string;
}
