export interface CouponRow {
  code: string;
  promotion_id: string;
  customer_id: string | null;
  total_cap: number | null;
  per_customer_cap: number | null;
  redeemed: number;
  valid_from: Date | null;
  valid_until: Date | null;
  reason: string;
  ticket_id: string | null;
}

export function couponView(row: CouponRow) {
  return {
    code: row.code,
    promotionId: row.promotion_id,
    customerId: row.customer_id,
    totalCap: row.total_cap,
    perCustomerCap: row.per_customer_cap,
    redeemed: row.redeemed,
    validFrom: row.valid_from?.toISOString() ?? null,
    validUntil: row.valid_until?.toISOString() ?? null,
    reason: row.reason,
    ticketId: row.ticket_id,
  };
}

/** Why a coupon cannot be used at `at` by `customerId` (before counting caps), or null. */
export function couponRefusal(
  row: CouponRow,
  customerId: string | undefined,
  at: Date,
): 'EXPIRED' | 'NOT_YET_VALID' | 'NOT_ELIGIBLE' | null {
  if (row.valid_from && at < row.valid_from) return 'NOT_YET_VALID';
  if (row.valid_until && at >= row.valid_until) return 'EXPIRED';
  if (row.customer_id && row.customer_id !== customerId) return 'NOT_ELIGIBLE';
  return null;
}
