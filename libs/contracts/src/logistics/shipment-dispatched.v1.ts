import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
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
import { Topics } from '../topics';
import { SKU_MAX_LENGTH, SKU_PATTERN } from '../sku';

/** Units of one SKU that left in the parcel. */
export class ShipmentLineV1 {
  @IsString()
  @IsNotEmpty()
  @MaxLength(SKU_MAX_LENGTH)
  @Matches(SKU_PATTERN)
  sku: string;

  @IsInt()
  @Min(1)
  quantity: number;
}

export class ShipmentDispatchedV1 {
  @IsUUID()
  shipmentId: string;

  @IsUUID()
  orderId: string;

  /** The warehouse the parcel left from, when logistics knows it (inventory then commits from there first). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  warehouseId?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  carrier: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  trackingNumber: string;

  /** A shipment may carry part of an order; each shipment names the lines it carries. */
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ShipmentLineV1)
  lines: ShipmentLineV1[];

  @IsISO8601({ strict: true })
  dispatchedAt: string;
}

export const ShipmentDispatched = defineEvent({
  name: 'logistics.shipment.dispatched',
  version: 1,
  topic: Topics.logisticsShipment,
  dataClass: ShipmentDispatchedV1,
  summary:
    'A carrier collected the parcel: inventory commits the stock (on hand goes down) and orders captures the payment.',
  subjectOf: (data) => data.shipmentId,
  example: {
    shipmentId: '9b2d4e6f-1a3c-4e5d-8f7a-0b1c2d3e4f5a',
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    warehouseId: 'MAIN',
    carrier: 'DHL',
    trackingNumber: 'JD014600006281234567',
    lines: [{ sku: 'TSHIRT-RED-M', quantity: 2 }],
    dispatchedAt: '2026-11-23T08:30:00.000Z',
  },
});
