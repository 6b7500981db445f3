import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const RESERVATION_FAILURE_REASONS = ['OUT_OF_STOCK', 'UNKNOWN_SKU'] as const;
export type ReservationFailureReason = (typeof RESERVATION_FAILURE_REASONS)[number];

/** A line that could not be held, and why. */
export class UnavailableLineV1 {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sku: string;

  @IsIn(RESERVATION_FAILURE_REASONS)
  reason: ReservationFailureReason;

  @IsInt()
  @Min(1)
  requested: number;

  @IsInt()
  @Min(0)
  available: number;
}

export class StockReservationFailedV1 {
  @IsUUID()
  orderId: string;

  /** OUT_OF_STOCK when any line lacks units, UNKNOWN_SKU when only unknown SKUs failed. */
  @IsIn(RESERVATION_FAILURE_REASONS)
  reason: ReservationFailureReason;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => UnavailableLineV1)
  unavailable: UnavailableLineV1[];

  @IsISO8601({ strict: true })
  failedAt: string;
}

export const StockReservationFailed = defineEvent({
  name: 'inventory.stock.reservation-failed',
  version: 1,
  topic: Topics.inventoryStock,
  dataClass: StockReservationFailedV1,
  summary: 'At least one line could not be held, so nothing was held (all lines or none).',
  subjectOf: (data) => data.orderId,
  example: {
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    reason: 'OUT_OF_STOCK',
    unavailable: [{ sku: 'TSHIRT-RED-M', reason: 'OUT_OF_STOCK', requested: 2, available: 1 }],
    failedAt: '2026-11-22T10:15:00.500Z',
  },
});
