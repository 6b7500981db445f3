import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { SKU_MAX_LENGTH, SKU_PATTERN } from '../sku';
import { Topics } from '../topics';

export class ReviewPublishedV1 {
  @IsUUID()
  reviewId: string;

  @IsUUID()
  productId: string;

  @IsUUID()
  merchantId: string;

  @IsOptional()
  @IsString()
  @MaxLength(SKU_MAX_LENGTH)
  @Matches(SKU_PATTERN)
  sku?: string;

  @IsUUID()
  customerId: string;

  @IsOptional()
  @IsUUID()
  orderId?: string;

  /** Stars, 1 to 5. */
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;

  @IsISO8601({ strict: true })
  publishedAt: string;
}

export const ReviewPublished = defineEvent({
  name: 'customer-service.review.published',
  version: 1,
  topic: Topics.customerServiceReview,
  dataClass: ReviewPublishedV1,
  summary:
    'A review passed moderation and is public: catalog updates the product rating, merchants the credibility score.',
  subjectOf: (data) => data.reviewId,
  example: {
    reviewId: '3d5f7a9b-1c2e-4f4a-8b6c-8d0e2f4a6b8c',
    productId: '7d1c2a4b-55e0-4b9d-8c1e-3c394a0e8d0e',
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    sku: 'TSHIRT-RED-M',
    customerId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    rating: 5,
    publishedAt: '2026-12-02T18:00:00.000Z',
  },
});
