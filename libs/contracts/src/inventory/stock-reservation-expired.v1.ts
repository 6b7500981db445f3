import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsISO8601, IsUUID, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { ReservedLineV1 } from './reserved-line.v1';

export class StockReservationExpiredV1 {
  @IsUUID()
  orderId: string;

  @IsUUID()
  reservationId: string;

  /** The units given back. */
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ReservedLineV1)
  lines: ReservedLineV1[];

  @IsISO8601({ strict: true })
  reservedAt: string;

  @IsISO8601({ strict: true })
  expiredAt: string;
}

export const StockReservationExpired = defineEvent({
  name: 'inventory.stock.reservation-expired',
  version: 1,
  topic: Topics.inventoryStock,
  dataClass: StockReservationExpiredV1,
  summary:
    'The order was not confirmed before the reservation expired, so its units were released and are available again. The order can no longer count on them.',
  subjectOf: (data) => data.orderId,
  example: {
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    reservationId: 'a3f1a1f2-7d55-4a57-9f0b-7e2b8d7f6c01',
    lines: [{ sku: 'TSHIRT-RED-M', warehouseId: 'MAIN', quantity: 2 }],
    reservedAt: '2026-11-22T10:15:00.500Z',
    expiredAt: '2026-11-22T10:45:00.700Z',
  },
});
