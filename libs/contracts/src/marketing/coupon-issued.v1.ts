import {
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

export const COUPON_ISSUE_REASONS = ['COMPENSATION', 'SEGMENT', 'CAMPAIGN'] as const;
export type CouponIssueReason = (typeof COUPON_ISSUE_REASONS)[number];

/** A coupon was issued to one customer (compensation, a targeted segment). Keyed by the coupon code. */
export class CouponIssuedV1 {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  code: string;

  @IsUUID()
  customerId: string;

  @IsUUID()
  promotionId: string;

  @IsOptional()
  @IsUUID()
  campaignId?: string;

  /** Amount off, minor units of `currency` (absent for a percent-off coupon). */
  @IsOptional()
  @IsInt()
  @Min(1)
  value?: number;

  /** Percent off (absent for an amount-off coupon). */
  @IsOptional()
  @IsInt()
  @Min(1)
  percent?: number;

  @IsISO4217CurrencyCode()
  currency: string;

  @IsIn(COUPON_ISSUE_REASONS)
  reason: CouponIssueReason;

  /** The customer-service ticket that asked for it (compensation coupons): one coupon per ticket. */
  @IsOptional()
  @IsUUID()
  ticketId?: string;

  @IsISO8601({ strict: true })
  validUntil: string;

  @IsISO8601({ strict: true })
  issuedAt: string;
}

export const CouponIssued = defineEvent({
  name: 'marketing.coupon.issued',
  version: 1,
  topic: Topics.marketingCoupon,
  dataClass: CouponIssuedV1,
  summary:
    "A coupon was issued to a customer (customer-service's compensation request, or a targeted segment); customer-service tells the customer. Keyed by code.",
  subjectOf: (data) => data.code,
  example: {
    code: 'CMP-7K2Q9XWD',
    customerId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
    promotionId: '2a6c1f0e-9b7d-4e3a-8c5b-1d2e3f4a5b6c',
    value: 500,
    currency: 'EUR',
    reason: 'COMPENSATION',
    ticketId: '6e8a0c2e-4b6d-4f8a-9c1e-3b5d7f9a1c2e',
    validUntil: '2027-02-24T09:00:00.000Z',
    issuedAt: '2026-11-26T09:00:01.000Z',
  },
});

export const COUPON_RESTORE_REASONS = ['ORDER_CANCELLED', 'ORDER_REFUNDED'] as const;
export type CouponRestoreReason = (typeof COUPON_RESTORE_REASONS)[number];

/** What an order had redeemed was given back: its coupons count again, flash units and budget return. Keyed by order. */
export class CouponsRestoredV1 {
  @IsUUID()
  orderId: string;

  @IsUUID()
  customerId: string;

  @IsString({ each: true })
  @MaxLength(64, { each: true })
  couponCodes: string[];

  /** The discount that no longer counts against budgets, minor units. */
  @IsInt()
  @Min(0)
  discount: number;

  @IsIn(COUPON_RESTORE_REASONS)
  reason: CouponRestoreReason;

  @IsISO8601({ strict: true })
  restoredAt: string;
}

export const CouponsRestored = defineEvent({
  name: 'marketing.coupon.restored',
  version: 1,
  topic: Topics.marketingCoupon,
  dataClass: CouponsRestoredV1,
  summary:
    'The redemptions of a cancelled or fully refunded order were given back (the coupons can be used again). Keyed by order.',
  subjectOf: (data) => data.orderId,
  example: {
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    customerId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
    couponCodes: ['WELCOME4'],
    discount: 400,
    reason: 'ORDER_CANCELLED',
    restoredAt: '2026-11-22T10:16:00.000Z',
  },
});
