import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsISO8601, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { ReservedLineV1 } from './reserved-line.v1';

export class StockCommittedV1 {
  @IsUUID()
  orderId: string;

  /** Absent when the units left without a reservation (taken from available stock). */
  @IsOptional()
  @IsUUID()
  reservationId?: string;

  @IsUUID()
  shipmentId: string;

  /** Units that left each warehouse: on hand and reserved both went down by these. */
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ReservedLineV1)
  lines: ReservedLineV1[];

  /** True when nothing is left reserved for the order (a later shipment may commit the rest). */
  @IsBoolean()
  complete: boolean;

  @IsISO8601({ strict: true })
  committedAt: string;
}

export const StockCommitted = defineEvent({
  name: 'inventory.stock.committed',
  version: 1,
  topic: Topics.inventoryStock,
  dataClass: StockCommittedV1,
  summary: 'Reserved units left in a shipment: on hand and reserved went down together.',
  subjectOf: (data) => data.orderId,
  example: {
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    reservationId: 'a3f1a1f2-7d55-4a57-9f0b-7e2b8d7f6c01',
    shipmentId: '9b2d4e6f-1a3c-4e5d-8f7a-0b1c2d3e4f5a',
    lines: [{ sku: 'TSHIRT-RED-M', warehouseId: 'MAIN', quantity: 2 }],
    complete: true,
    committedAt: '2026-11-23T08:30:01.000Z',
  },
});
