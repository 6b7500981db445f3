import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** Which promise was missed: the merchant's hand-over to the carrier, or the carrier's delivery. */
export const SHIPMENT_DELAY_STAGES = ['DISPATCH', 'DELIVERY'] as const;
export type ShipmentDelayStage = (typeof SHIPMENT_DELAY_STAGES)[number];

export class ShipmentDelayedV1 {
  @IsUUID()
  shipmentId: string;

  @IsUUID()
  orderId: string;

  /** The merchant whose parcel it is: a late DISPATCH counts against its credibility score. */
  @IsUUID()
  merchantId: string;

  @IsIn(SHIPMENT_DELAY_STAGES)
  stage: ShipmentDelayStage;

  @IsISO8601({ strict: true })
  promisedBy: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  detail?: string;

  @IsISO8601({ strict: true })
  detectedAt: string;
}

export const ShipmentDelayed = defineEvent({
  name: 'logistics.shipment.delayed',
  version: 1,
  topic: Topics.logisticsShipment,
  dataClass: ShipmentDelayedV1,
  summary: 'A shipment missed a promised time (dispatch by the merchant, or delivery by the carrier).',
  subjectOf: (data) => data.shipmentId,
  example: {
    shipmentId: '9b2d4e6f-1a3c-4e5d-8f7a-0b1c2d3e4f5a',
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    stage: 'DISPATCH',
    promisedBy: '2026-11-23T18:00:00.000Z',
    detail: 'not handed to the carrier within the 48 h handling time',
    detectedAt: '2026-11-23T18:00:05.000Z',
  },
});
