import { IsBoolean, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

const example = {
  shipmentId: '9b2d4e6f-1a3c-4e5d-8f7a-0b1c2d3e4f5a',
  orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
  merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
  carrier: 'SANDBOX-POST',
  trackingNumber: 'SBPOST-7F3A9C21D4E5',
};

export class ShipmentInTransitV1 {
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

  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string;

  /** When the carrier saw it, not when we heard of it. */
  @IsISO8601({ strict: true })
  occurredAt: string;
}

export const ShipmentInTransit = defineEvent({
  name: 'logistics.shipment.in-transit',
  version: 1,
  topic: Topics.logisticsShipment,
  dataClass: ShipmentInTransitV1,
  summary:
    'The carrier has the parcel and it is moving (first pick-up or in-transit scan). Published once, never after a later stage.',
  subjectOf: (data) => data.shipmentId,
  example: { ...example, location: 'Hamburg hub', occurredAt: '2026-11-23T14:00:00.000Z' },
});

export class ShipmentOutForDeliveryV1 {
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

  @IsISO8601({ strict: true })
  occurredAt: string;
}

export const ShipmentOutForDelivery = defineEvent({
  name: 'logistics.shipment.out-for-delivery',
  version: 1,
  topic: Topics.logisticsShipment,
  dataClass: ShipmentOutForDeliveryV1,
  summary: 'The parcel is on the van today. Published once, never after delivery.',
  subjectOf: (data) => data.shipmentId,
  example: { ...example, occurredAt: '2026-11-24T07:30:00.000Z' },
});

export class ShipmentDeliveredV1 {
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

  /** Delivered by the promised time (the carrier scorecard's on-time rate). */
  @IsBoolean()
  onTime: boolean;

  @IsISO8601({ strict: true })
  promisedBy: string;

  @IsISO8601({ strict: true })
  deliveredAt: string;
}

export const ShipmentDelivered = defineEvent({
  name: 'logistics.shipment.delivered',
  version: 1,
  topic: Topics.logisticsShipment,
  dataClass: ShipmentDeliveredV1,
  summary: 'The carrier delivered the parcel: orders moves to DELIVERED when every shipment of the order is delivered.',
  subjectOf: (data) => data.shipmentId,
  example: {
    ...example,
    onTime: true,
    promisedBy: '2026-11-27T10:15:01.000Z',
    deliveredAt: '2026-11-24T11:02:00.000Z',
  },
});
