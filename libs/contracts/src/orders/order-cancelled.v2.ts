import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { ORDER_CANCELLED_DETAIL_MAX_LENGTH, OrderCancellationReason } from './order-cancelled.v1';
import { OrderLineV1 } from './order-line.v1';

/**
 * Reasons orders gives today. The set is open: a consumer must treat a reason it does not know like any
 * other cancellation (release what it holds), never refuse the event. New reasons are additive.
 */
export const KNOWN_ORDER_CANCELLATION_REASONS = [
  'OUT_OF_STOCK',
  'UNKNOWN_SKU',
  'CONFIRMATION_DEADLINE_PASSED',
  'CUSTOMER_REQUEST',
  'OPS_REQUEST',
  'PAYMENT_DECLINED',
  'PAYMENT_FAILED',
  'COUPON_REJECTED',
  'POINTS_UNAVAILABLE',
] as const;

/**
 * The v1 reason orders puts on the v1 copy of each v2 cancellation (v1's enum is closed). A v2 reason not
 * in this table is sent as CONFIRMATION_DEADLINE_PASSED ("the order could not be confirmed"). The v1 copy's
 * `detail` starts with `[<v2 reason>] ` whenever the two differ. Rendered in docs/events/README.md.
 */
export const ORDER_CANCELLED_V1_REASON_OF: Readonly<
  Record<(typeof KNOWN_ORDER_CANCELLATION_REASONS)[number], OrderCancellationReason>
> = {
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  UNKNOWN_SKU: 'UNKNOWN_SKU',
  CONFIRMATION_DEADLINE_PASSED: 'CONFIRMATION_DEADLINE_PASSED',
  CUSTOMER_REQUEST: 'CUSTOMER_REQUEST',
  OPS_REQUEST: 'CUSTOMER_REQUEST',
  PAYMENT_DECLINED: 'CONFIRMATION_DEADLINE_PASSED',
  PAYMENT_FAILED: 'CONFIRMATION_DEADLINE_PASSED',
  COUPON_REJECTED: 'CONFIRMATION_DEADLINE_PASSED',
  POINTS_UNAVAILABLE: 'CONFIRMATION_DEADLINE_PASSED',
};

/** How a v1 subscriber moves to v2 (rendered in docs/events/README.md). */
export const ORDER_CANCELLED_MIGRATION = [
  'Subscribe to `orders.order.cancelled.v2` in place of v1 (same topic and key; orders publishes both for every cancellation).',
  'Treat any `reason` you do not know as a plain cancellation: release what you hold, never refuse the event.',
  'v2 adds `couponCodes`, `pointsToRedeem` and `wasConfirmed`: what marketing and membership restore, and whether the payment had been authorised.',
  'Once you handle v2, the platform consumer skips the v1 copy by itself (an older version of an event type a consumer handles in a newer version is ignored, not dead-lettered).',
  'v1 stays published until its last subscriber has moved; it is then retired with a notice here.',
];

/**
 * v2 of `orders.order.cancelled`: the reason is an open, upper-snake-case code (v1 had a closed enum, so a
 * payment decline could not be said). orders publishes v1 beside v2 while v1 subscribers migrate; the
 * event catalog maps each v2 reason to the v1 reason that copy carries.
 */
export class OrderCancelledV2 {
  @IsUUID()
  orderId: string;

  @IsUUID()
  customerId: string;

  /** One of KNOWN_ORDER_CANCELLATION_REASONS today; unknown values are valid and mean "cancelled". */
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,63}$/)
  reason: string;

  @IsOptional()
  @IsString()
  @MaxLength(ORDER_CANCELLED_DETAIL_MAX_LENGTH)
  detail?: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OrderLineV1)
  lines: OrderLineV1[];

  /** Coupon codes the order carried: marketing restores their redemptions. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  couponCodes?: string[];

  /** Points the order paid with: membership releases the hold (or credits them back once redeemed). */
  @IsOptional()
  @IsInt()
  @Min(1)
  pointsToRedeem?: number;

  /** Whether the order had been CONFIRMED (payment authorised, stock firm) before it was cancelled. */
  @IsBoolean()
  wasConfirmed: boolean;

  @IsISO8601({ strict: true })
  cancelledAt: string;
}

export const OrderCancelledV2Event = defineEvent({
  name: 'orders.order.cancelled',
  version: 2,
  topic: Topics.ordersOrder,
  dataClass: OrderCancelledV2,
  summary:
    'The order will not go ahead, with an open reason code; every participant releases what it holds for it (stock, coupon redemptions, points).',
  subjectOf: (data) => data.orderId,
  example: {
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    customerId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
    reason: 'PAYMENT_DECLINED',
    detail: 'the card issuer declined the authorisation (sandbox card 4000000000000002)',
    lines: [{ sku: 'TSHIRT-RED-M', quantity: 2, unitPrice: 1999, lineTotal: 3998, discount: 400 }],
    couponCodes: ['WELCOME4'],
    pointsToRedeem: 500,
    wasConfirmed: false,
    cancelledAt: '2026-11-22T10:15:01.000Z',
  },
});
