import { Type } from 'class-transformer';
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
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { ShipmentLineV1 } from './shipment-dispatched.v1';

export const SERVICE_LEVELS = ['STANDARD', 'EXPRESS'] as const;
export type ServiceLevel = (typeof SERVICE_LEVELS)[number];

export class ShipmentCreatedV1 {
  @IsUUID()
  shipmentId: string;

  @IsUUID()
  orderId: string;

  /** The merchant whose lines the parcel carries, when known. */
  @IsOptional()
  @IsUUID()
  merchantId?: string;

  /** Origin warehouse (inventory's reservation said the units are held there). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  warehouseId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  carrier: string;

  @IsIn(SERVICE_LEVELS)
  serviceLevel: ServiceLevel;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  trackingNumber: string;

  /** Destination zone the rate and the promise were taken from. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  zone: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ShipmentLineV1)
  lines: ShipmentLineV1[];

  /** max(actual, volumetric), grams: what the rate was looked up with. */
  @IsInt()
  @Min(0)
  chargeableWeightGrams: number;

  /** What the carrier charges logistics for this parcel. */
  @IsInt()
  @Min(0)
  carrierCost: number;

  /** The part of the order's shipping fee this parcel carries (the parts add up to the order's fee). */
  @IsInt()
  @Min(0)
  shippingFee: number;

  @IsISO4217CurrencyCode()
  currency: string;

  /** Delivery promised to the customer by this time. */
  @IsISO8601({ strict: true })
  promisedBy: string;

  @IsISO8601({ strict: true })
  createdAt: string;
}

export const ShipmentCreated = defineEvent({
  name: 'logistics.shipment.created',
  version: 1,
  topic: Topics.logisticsShipment,
  dataClass: ShipmentCreatedV1,
  summary:
    'A parcel of a confirmed order was booked with a carrier (label and tracking number exist); one per origin warehouse and merchant.',
  subjectOf: (data) => data.shipmentId,
  example: {
    shipmentId: '9b2d4e6f-1a3c-4e5d-8f7a-0b1c2d3e4f5a',
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    warehouseId: 'MAIN',
    carrier: 'SANDBOX-POST',
    serviceLevel: 'STANDARD',
    trackingNumber: 'SBPOST-7F3A9C21D4E5',
    zone: 'DOMESTIC',
    lines: [{ sku: 'TSHIRT-RED-M', quantity: 2 }],
    chargeableWeightGrams: 1200,
    carrierCost: 590,
    shippingFee: 590,
    currency: 'EUR',
    promisedBy: '2026-11-27T10:15:01.000Z',
    createdAt: '2026-11-22T10:15:03.000Z',
  },
});
