// Response bodies as the OpenAPI document shows them; the swagger plugin turns these types and comments
// into schemas (npm run openapi:generate). They describe what product.view.ts returns.
import type { ProductStatus } from '../product-status';
import type { QualityFinding } from '../quality-checks';

export class DimensionsResponse {
  lengthMm: number;
  widthMm: number;
  heightMm: number;
}

export class SkuResponse {
  sku: string;
  /** Variant options, e.g. { "colour": "red", "size": "M" } */
  options: Record<string, string>;
  /** Minor units */
  price: number;
  /** ISO 4217 */
  currency: string;
  weightGrams: number;
  dimensions: DimensionsResponse;
}

export class ProductImageResponse {
  url: string;
  altText: string;
  main: boolean;
}

export class PriceFromResponse {
  /** The lowest SKU price, minor units */
  from: number;
  currency: string;
}

export class RatingResponse {
  /** 1-5 with two decimals; 0 without reviews */
  average: number;
  count: number;
}

export class QualityFindingResponse {
  code: QualityFinding['code'];
  field: string;
  message: string;
}

export class ProductResponse {
  id: string;
  merchantId: string;
  status: ProductStatus;
  title: string;
  description: string;
  brand?: string;
  categoryId: string;
  attributes: Record<string, string>;
  images: ProductImageResponse[];
  skus: SkuResponse[];
  /** Absent while the product has no SKU */
  price?: PriceFromResponse;
  rating: RatingResponse;
  unitsSold: number;
  /** ISO 8601 UTC; absent until first listed */
  listedAt?: string;
  /** Only for its merchant and ops: the quality checks' findings */
  findings?: QualityFindingResponse[];
  /** Only for its merchant and ops */
  rejectionReasons?: string[];
  createdAt: string;
  updatedAt: string;
}

export class ProductPageResponse {
  items: ProductResponse[];
  /** Pass as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

export class PriceChangeResponse {
  sku: string;
  /** Absent for the first price */
  previousPrice?: number;
  price: number;
  currency: string;
  /** Subject of the token that changed it */
  actor: string;
  /** ISO 8601 UTC */
  changedAt: string;
}
