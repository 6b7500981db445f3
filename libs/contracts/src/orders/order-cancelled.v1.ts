import { Type } from 'class-transformer';
import { IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { OrderLineV1 } from './order-line.v1';

/** Why an order was cancelled; consumers compensate the same way whatever the reason. */
export const ORDER_CANCELLATION_REASONS = [
  'OUT_OF_STOCK',
  'UNKNOWN_SKU',
  'CONFIRMATION_DEADLINE_PASSED',
  'CUSTOMER_REQUEST',
] as const;
export type OrderCancellationReason = (typeof ORDER_CANCELLATION_REASONS)[number];

/** The longest `detail` the contract accepts; producers shorten theirs to fit. */
export const ORDER_CANCELLED_DETAIL_MAX_LENGTH = 500;

export class OrderCancelledV1 {
  @IsUUID()
  orderId: string;

  @IsUUID()
  customerId: string;

  @IsIn(ORDER_CANCELLATION_REASONS)
  reason: OrderCancellationReason;

  @IsOptional()
  @IsString()
  @MaxLength(ORDER_CANCELLED_DETAIL_MAX_LENGTH)
  detail?: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OrderLineV1)
  lines: OrderLineV1[];

  @IsISO8601({ strict: true })
  cancelledAt: string;
}

export const OrderCancelled = defineEvent({
  name: 'orders.order.cancelled',
  version: 1,
  topic: Topics.ordersOrder,
  dataClass: OrderCancelledV1,
  summary: 'The order will not go ahead; every participant releases what it holds for it.',
  subjectOf: (data) => data.orderId,
  example: {
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    customerId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
    reason: 'OUT_OF_STOCK',
    detail: 'TSHIRT-RED-M: requested 2, available 1',
    lines: [{ sku: 'TSHIRT-RED-M', quantity: 2, unitPrice: 1999, lineTotal: 3998 }],
    cancelledAt: '2026-11-22T10:15:01.000Z',
  },
});
