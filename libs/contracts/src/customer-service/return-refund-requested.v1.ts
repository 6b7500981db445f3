import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { SKU_MAX_LENGTH, SKU_PATTERN } from '../sku';
import { Topics } from '../topics';

/** Units of one SKU to refund; orders computes the money from its own lines (price net of the discount share). */
export class RefundRequestedLineV1 {
  @IsString()
  @IsNotEmpty()
  @MaxLength(SKU_MAX_LENGTH)
  @Matches(SKU_PATTERN)
  sku: string;

  @IsInt()
  @Min(1)
  quantity: number;
}

export class ReturnRefundRequestedV1 {
  @IsUUID()
  returnId: string;

  @IsUUID()
  orderId: string;

  @IsUUID()
  customerId: string;

  /** The currency the order was paid in (a check: orders refuses a request in another currency). */
  @IsISO4217CurrencyCode()
  currency: string;

  /**
   * What customer-service expects back, minor units: the lines' price net of their discount share. orders
   * refunds what its own ledger says and reports it on `orders.order.refunded`; the two agree by construction.
   */
  @IsInt()
  @Min(0)
  expectedAmount: number;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => RefundRequestedLineV1)
  lines: RefundRequestedLineV1[];

  @IsISO8601({ strict: true })
  requestedAt: string;
}

export const ReturnRefundRequested = defineEvent({
  name: 'customer-service.return.refund-requested',
  version: 1,
  topic: Topics.customerServiceReturn,
  dataClass: ReturnRefundRequestedV1,
  summary:
    'An inspected return (or an ops goodwill decision) asks orders to refund these units; the return id makes a second request a no-op.',
  subjectOf: (data) => data.returnId,
  example: {
    returnId: '2c4e6a8b-0d1f-4a3b-9c5d-7e9f1a2b3c4d',
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    customerId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
    currency: 'EUR',
    expectedAmount: 1799,
    lines: [{ sku: 'TSHIRT-RED-M', quantity: 1 }],
    requestedAt: '2026-12-01T14:05:00.000Z',
  },
});
