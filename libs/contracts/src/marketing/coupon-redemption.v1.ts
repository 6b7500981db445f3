import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

const orderId = '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10';
const customerId = '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55';

/** marketing's answer for an order carrying coupon codes: all of them were redeemed (caps counted). */
export class CouponsRedeemedV1 {
  @IsUUID()
  orderId: string;

  @IsUUID()
  customerId: string;

  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(64, { each: true })
  couponCodes: string[];

  /** The discount the redeemed coupons gave, minor units (as quoted). */
  @IsInt()
  @Min(0)
  discount: number;

  @IsISO4217CurrencyCode()
  currency: string;

  @IsISO8601({ strict: true })
  redeemedAt: string;
}

export const CouponsRedeemed = defineEvent({
  name: 'marketing.coupon.redeemed',
  version: 1,
  topic: Topics.marketingCoupon,
  dataClass: CouponsRedeemedV1,
  summary:
    "Every coupon code of the order was redeemed (orders' saga: the coupon participant said yes). Keyed by order.",
  subjectOf: (data) => data.orderId,
  example: {
    orderId,
    customerId,
    couponCodes: ['WELCOME4'],
    discount: 400,
    currency: 'EUR',
    redeemedAt: '2026-11-22T10:15:01.000Z',
  },
});

export const COUPON_REDEMPTION_FAILURES = [
  'UNKNOWN_CODE',
  'EXPIRED',
  'NOT_YET_VALID',
  'TOTAL_CAP_REACHED',
  'CUSTOMER_CAP_REACHED',
  'NOT_ELIGIBLE',
  'QUOTE_INVALID',
  'QUOTE_EXPIRED',
  'BUDGET_SPENT',
] as const;
export type CouponRedemptionFailure = (typeof COUPON_REDEMPTION_FAILURES)[number];

export class CouponRedemptionFailedV1 {
  @IsUUID()
  orderId: string;

  @IsUUID()
  customerId: string;

  /** The code that failed (the first one, when several did); none of the order's codes stays redeemed. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  couponCode?: string;

  @IsIn(COUPON_REDEMPTION_FAILURES)
  reason: CouponRedemptionFailure;

  @IsISO8601({ strict: true })
  failedAt: string;
}

export const CouponRedemptionFailed = defineEvent({
  name: 'marketing.coupon.redemption-failed',
  version: 1,
  topic: Topics.marketingCoupon,
  dataClass: CouponRedemptionFailedV1,
  summary:
    "The order's coupons could not all be redeemed (orders' saga: the coupon participant said no, the order is cancelled). Keyed by order.",
  subjectOf: (data) => data.orderId,
  example: {
    orderId,
    customerId,
    couponCode: 'WELCOME4',
    reason: 'TOTAL_CAP_REACHED',
    failedAt: '2026-11-22T10:15:01.000Z',
  },
});
