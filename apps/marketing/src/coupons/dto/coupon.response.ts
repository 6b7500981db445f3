export class CouponResponse {
  code: string;
  promotionId: string;
  /** Only this customer may redeem it; null: anyone */
  customerId: string | null;
  totalCap: number | null;
  perCustomerCap: number | null;
  /** Redemptions counted (restored ones given back) */
  redeemed: number;
  /** ISO 8601 UTC */
  validFrom: string | null;
  /** ISO 8601 UTC */
  validUntil: string | null;
  /** CAMPAIGN, SEGMENT or COMPENSATION */
  reason: string;
  ticketId: string | null;
}

export class SegmentIssuanceResponse {
  promotionId: string;
  /** Customers in the segment, each issued one personal single-use code */
  issued: number;
}
