export class ReviewResponse {
  id: string;
  orderId: string;
  sku: string;
  productId: string;
  merchantId: string;
  customerId: string;
  rating: number;
  text: string;
  status: 'PENDING_MODERATION' | 'PUBLISHED' | 'REJECTED';
  /** Listed words that sent it to moderation */
  flaggedWords: string[];
  /** The complaint ticket a low rating opened */
  ticketId: string | null;
  /** ISO 8601 UTC */
  createdAt: string;
  publishedAt: string | null;
}

export class ReviewPageResponse {
  /** Newest first */
  items: ReviewResponse[];
  /** Pass as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}
