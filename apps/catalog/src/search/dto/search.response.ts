// Response bodies as the OpenAPI document shows them (swagger plugin, npm run openapi:generate).
import type { SearchSort } from '../search.query';

export class SearchPriceResponse {
  /** The lowest SKU price, minor units */
  from: number;
  currency: string;
}

export class SearchImageResponse {
  url: string;
  altText: string;
}

export class SearchRatingResponse {
  average: number;
  count: number;
}

export class SearchHitResponse {
  id: string;
  merchantId: string;
  title: string;
  brand?: string;
  categoryId: string;
  price?: SearchPriceResponse;
  /** The main image */
  image?: SearchImageResponse;
  rating: SearchRatingResponse;
  unitsSold: number;
  /** ISO 8601 UTC */
  listedAt: string;
  /** With a text query: how well the product matches */
  relevance?: number;
}

export class SearchResultResponse {
  items: SearchHitResponse[];
  /** Pass as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
  sort: SearchSort;
  /** Words of the query that were corrected, e.g. { "hedphones": "headphones" } */
  corrections?: Record<string, string>;
}
