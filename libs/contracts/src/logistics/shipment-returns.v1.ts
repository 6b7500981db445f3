import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { ShipmentLineV1 } from './shipment-dispatched.v1';

export class ShipmentReturnCreatedV1 {
  /** The return shipment's own id (the message key). */
  @IsUUID()
  shipmentId: string;

  /** customer-service's return (RMA) id. */
  @IsUUID()
  returnId: string;

  @IsUUID()
  orderId: string;

  @IsUUID()
  customerId: string;

  @IsUUID()
  merchantId: string;

  /** The warehouse the parcel goes back to. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  warehouseId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  carrier: string;

  /** The customer prints the label for this tracking number. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  trackingNumber: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ShipmentLineV1)
  lines: ShipmentLineV1[];

  @IsISO8601({ strict: true })
  createdAt: string;
}

const example = {
  shipmentId: '4d6f8a0b-2c3e-4f5a-8b7c-9d0e1f2a3b4c',
  returnId: '2c4e6a8b-0d1f-4a3b-9c5d-7e9f1a2b3c4d',
  orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
  customerId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
  merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
  warehouseId: 'MAIN',
  lines: [{ sku: 'TSHIRT-RED-M', quantity: 1 }],
};

export const ShipmentReturnCreated = defineEvent({
  name: 'logistics.shipment.return-created',
  version: 1,
  topic: Topics.logisticsShipment,
  dataClass: ShipmentReturnCreatedV1,
  summary: 'A return shipment was booked for an approved return; the customer gets its label.',
  subjectOf: (data) => data.shipmentId,
  example: {
    ...example,
    carrier: 'SANDBOX-POST',
    trackingNumber: 'SBPOST-1B2C3D4E5F60',
    createdAt: '2026-11-28T09:00:02.000Z',
  },
});

export class ShipmentReturnReceivedV1 {
  @IsUUID()
  shipmentId: string;

  @IsUUID()
  returnId: string;

  @IsUUID()
  orderId: string;

  @IsUUID()
  customerId: string;

  @IsUUID()
  merchantId: string;

  /** Where the units arrived: inventory restocks there after inspection. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  warehouseId: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ShipmentLineV1)
  lines: ShipmentLineV1[];

  @IsISO8601({ strict: true })
  receivedAt: string;
}

export const ShipmentReturnReceived = defineEvent({
  name: 'logistics.shipment.return-received',
  version: 1,
  topic: Topics.logisticsShipment,
  dataClass: ShipmentReturnReceivedV1,
  summary:
    'The returned parcel arrived at the warehouse: customer-service inspects it, inventory restocks after inspection.',
  subjectOf: (data) => data.shipmentId,
  example: { ...example, receivedAt: '2026-12-01T15:20:00.000Z' },
});
