import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
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

/** Units of one SKU the customer sends back. */
export class ReturnLineV1 {
  @IsString()
  @IsNotEmpty()
  @MaxLength(SKU_MAX_LENGTH)
  @Matches(SKU_PATTERN)
  sku: string;

  @IsInt()
  @Min(1)
  quantity: number;
}

export class ReturnApprovedV1 {
  @IsUUID()
  returnId: string;

  @IsUUID()
  orderId: string;

  @IsUUID()
  customerId: string;

  /** The merchant that sold the returned lines: its return rate feeds its credibility score. */
  @IsUUID()
  merchantId: string;

  /** True inside the 7-day window (approved without review); false when an agent approved it. */
  @IsBoolean()
  automatic: boolean;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ReturnLineV1)
  lines: ReturnLineV1[];

  @IsISO8601({ strict: true })
  approvedAt: string;
}

export const ReturnApproved = defineEvent({
  name: 'customer-service.return.approved',
  version: 1,
  topic: Topics.customerServiceReturn,
  dataClass: ReturnApprovedV1,
  summary: 'A return (RMA) was approved; logistics books the return shipment.',
  subjectOf: (data) => data.returnId,
  example: {
    returnId: '2c4e6a8b-0d1f-4a3b-9c5d-7e9f1a2b3c4d',
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    customerId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    automatic: true,
    lines: [{ sku: 'TSHIRT-RED-M', quantity: 1 }],
    approvedAt: '2026-11-28T09:00:00.000Z',
  },
});
