import { Type } from 'class-transformer';
import { IsArray, IsISO8601, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { ReservedLineV1 } from './reserved-line.v1';

export class StockReleasedV1 {
  @IsUUID()
  orderId: string;

  @IsUUID()
  reservationId: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ReservedLineV1)
  lines: ReservedLineV1[];

  /** The cause, e.g. the order's cancellation reason. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reason: string;

  @IsISO8601({ strict: true })
  releasedAt: string;
}

export const StockReleased = defineEvent({
  name: 'inventory.stock.released',
  version: 1,
  topic: Topics.inventoryStock,
  dataClass: StockReleasedV1,
  summary: 'A reservation was given back and its units are available again.',
  subjectOf: (data) => data.orderId,
  example: {
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    reservationId: 'a3f1a1f2-7d55-4a57-9f0b-7e2b8d7f6c01',
    lines: [{ sku: 'TSHIRT-RED-M', warehouseId: 'MAIN', quantity: 2 }],
    reason: 'CONFIRMATION_DEADLINE_PASSED',
    releasedAt: '2026-11-22T10:20:00.000Z',
  },
});
