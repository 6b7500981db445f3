import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** What one refund gave back for one SKU of the order. */
export class RefundedLineV1 {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sku: string;

  @IsInt()
  @Min(1)
  quantity: number;

  /** Minor units refunded for these units: their price net of their share of the discounts. */
  @IsInt()
  @Min(0)
  amount: number;

  @IsOptional()
  @IsUUID()
  merchantId?: string;
}

export class OrderRefundedV1 {
  @IsUUID()
  orderId: string;

  @IsUUID()
  customerId: string;

  /** orders' refund id; one refund request gives exactly one refund. */
  @IsUUID()
  refundId: string;

  /** The return that asked for it, when a return did. */
  @IsOptional()
  @IsUUID()
  returnId?: string;

  @IsISO4217CurrencyCode()
  currency: string;

  /** Money back to the customer's card, minor units. */
  @IsInt()
  @Min(0)
  amount: number;

  /** Points paid with that go back to the customer (membership credits them). */
  @IsInt()
  @Min(0)
  pointsRefunded: number;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => RefundedLineV1)
  lines: RefundedLineV1[];

  /** True when everything the order charged has now been refunded (the order is REFUNDED, else PARTIALLY_REFUNDED). */
  @IsBoolean()
  fullyRefunded: boolean;

  @IsISO8601({ strict: true })
  refundedAt: string;
}

export const OrderRefunded = defineEvent({
  name: 'orders.order.refunded',
  version: 1,
  topic: Topics.ordersOrder,
  dataClass: OrderRefundedV1,
  summary:
    'Money went back to the customer for some or all lines: membership reverses the points earned on them, marketing restores coupons on a full refund.',
  subjectOf: (data) => data.orderId,
  example: {
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    customerId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
    refundId: '3a5c7e9f-1b2d-4f6a-8c0e-2d4f6a8c0e1b',
    returnId: '2c4e6a8b-0d1f-4a3b-9c5d-7e9f1a2b3c4d',
    currency: 'EUR',
    amount: 1799,
    pointsRefunded: 0,
    lines: [{ sku: 'TSHIRT-RED-M', quantity: 1, amount: 1799, merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f' }],
    fullyRefunded: false,
    refundedAt: '2026-12-01T15:00:00.000Z',
  },
});
