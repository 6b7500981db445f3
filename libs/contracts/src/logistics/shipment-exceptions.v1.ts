import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { ShipmentLineV1 } from './shipment-dispatched.v1';

/** Who declared the exception: the carrier through its webhook, or ops by hand. */
export const EXCEPTION_REPORTERS = ['CARRIER', 'OPS'] as const;
export type ExceptionReporter = (typeof EXCEPTION_REPORTERS)[number];

export class ShipmentLostV1 {
  @IsUUID()
  shipmentId: string;

  @IsUUID()
  orderId: string;

  @IsOptional()
  @IsUUID()
  merchantId?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  carrier: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  trackingNumber: string;

  /** What was in the parcel: customer-service opens a logistics ticket, orders can refund these lines. */
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ShipmentLineV1)
  lines: ShipmentLineV1[];

  @IsIn(EXCEPTION_REPORTERS)
  reportedBy: ExceptionReporter;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  detail?: string;

  @IsISO8601({ strict: true })
  reportedAt: string;
}

const example = {
  shipmentId: '9b2d4e6f-1a3c-4e5d-8f7a-0b1c2d3e4f5a',
  orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
  merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
  carrier: 'SANDBOX-POST',
  trackingNumber: 'SBPOST-7F3A9C21D4E5',
  lines: [{ sku: 'TSHIRT-RED-M', quantity: 2 }],
};

export const ShipmentLost = defineEvent({
  name: 'logistics.shipment.lost',
  version: 1,
  topic: Topics.logisticsShipment,
  dataClass: ShipmentLostV1,
  summary: 'The parcel is lost (declared by the carrier or ops); it will not be delivered.',
  subjectOf: (data) => data.shipmentId,
  example: {
    ...example,
    reportedBy: 'CARRIER',
    detail: 'not scanned since the Hamburg hub for 10 days',
    reportedAt: '2026-12-04T09:00:00.000Z',
  },
});

export class ShipmentDamagedV1 {
  @IsUUID()
  shipmentId: string;

  @IsUUID()
  orderId: string;

  @IsOptional()
  @IsUUID()
  merchantId?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  carrier: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  trackingNumber: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ShipmentLineV1)
  lines: ShipmentLineV1[];

  @IsIn(EXCEPTION_REPORTERS)
  reportedBy: ExceptionReporter;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  detail?: string;

  @IsISO8601({ strict: true })
  reportedAt: string;
}

export const ShipmentDamaged = defineEvent({
  name: 'logistics.shipment.damaged',
  version: 1,
  topic: Topics.logisticsShipment,
  dataClass: ShipmentDamagedV1,
  summary: 'The parcel was damaged in transit (declared by the carrier or ops).',
  subjectOf: (data) => data.shipmentId,
  example: {
    ...example,
    reportedBy: 'OPS',
    detail: 'box crushed, customer refused it',
    reportedAt: '2026-11-24T12:00:00.000Z',
  },
});
