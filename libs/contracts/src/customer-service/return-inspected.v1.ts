import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
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

export const RETURN_CONDITIONS = ['RESALEABLE', 'DAMAGED'] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];

/** What inspection found for the returned units of one SKU. */
export class InspectedReturnLineV1 {
  @IsString()
  @IsNotEmpty()
  @MaxLength(SKU_MAX_LENGTH)
  @Matches(SKU_PATTERN)
  sku: string;

  @IsInt()
  @Min(1)
  quantity: number;

  /** RESALEABLE goes back on the shelf; DAMAGED is written off. */
  @IsIn(RETURN_CONDITIONS)
  condition: ReturnCondition;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ReturnInspectedV1 {
  @IsUUID()
  returnId: string;

  @IsUUID()
  orderId: string;

  @IsUUID()
  customerId: string;

  /** Where the parcel was received and inspected, when known; otherwise where the order shipped from. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  warehouseId?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => InspectedReturnLineV1)
  lines: InspectedReturnLineV1[];

  @IsISO8601({ strict: true })
  inspectedAt: string;
}

export const ReturnInspected = defineEvent({
  name: 'customer-service.return.inspected',
  version: 1,
  topic: Topics.customerServiceReturn,
  dataClass: ReturnInspectedV1,
  summary:
    'A returned parcel was inspected: orders refunds it, inventory restocks resaleable units and writes off damaged ones.',
  subjectOf: (data) => data.returnId,
  example: {
    returnId: '2c4e6a8b-0d1f-4a3b-9c5d-7e9f1a2b3c4d',
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    customerId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
    warehouseId: 'MAIN',
    lines: [
      { sku: 'TSHIRT-RED-M', quantity: 1, condition: 'RESALEABLE' },
      { sku: 'TSHIRT-RED-M', quantity: 1, condition: 'DAMAGED', note: 'torn seam' },
    ],
    inspectedAt: '2026-12-01T14:00:00.000Z',
  },
});
