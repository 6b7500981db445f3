export class QuotedLineResponse {
  sku: string;
  quantity: number;
  /** From marketing's read model of catalog, minor units */
  unitPrice: number;
  /** unitPrice x quantity */
  lineTotal: number;
  /** This line's share of every discount, minor units (refunds give back lineTotal - discount) */
  discount: number;
}

export class QuotedPromotionResponse {
  promotionId: string;
  name: string;
  /** Off the lines plus off shipping, minor units */
  discount: number;
  /** The coupon code that unlocked it, or null */
  couponCode: string | null;
}

export class QuoteResponse {
  /** Signed and time-limited; orders puts it on `orders.order.placed`, marketing verifies it when redeeming */
  quoteId: string;
  /** ISO 8601 UTC */
  expiresAt: string;
  currency: string;
  lines: QuotedLineResponse[];
  subtotal: number;
  discountTotal: number;
  shippingFee: number;
  shippingDiscount: number;
  /** subtotal - discountTotal + shippingFee - shippingDiscount */
  total: number;
  couponCodes: string[];
  promotions: QuotedPromotionResponse[];
}
