import { IsInt, IsISO8601, IsNotEmpty, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class StockAdjustedV1 {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sku: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  warehouseId: string;

  /** The stocktake the count came from. */
  @IsUUID()
  stocktakeId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reason: string;

  /** On hand according to the ledger before the count. */
  @IsInt()
  @Min(0)
  expected: number;

  @IsInt()
  @Min(0)
  counted: number;

  /** counted - expected: negative is shrinkage, positive a surplus. */
  @IsInt()
  variance: number;

  @IsInt()
  @Min(0)
  onHand: number;

  @IsInt()
  @Min(0)
  available: number;

  @IsISO8601({ strict: true })
  adjustedAt: string;
}

export const StockAdjusted = defineEvent({
  name: 'inventory.stock.adjusted',
  version: 1,
  topic: Topics.inventoryStock,
  dataClass: StockAdjustedV1,
  summary: 'A stocktake found a different quantity than the ledger expected; on hand now equals the count.',
  subjectOf: (data) => data.sku,
  example: {
    sku: 'TSHIRT-RED-M',
    warehouseId: 'MAIN',
    stocktakeId: '4e8a2c1d-6b3f-4d5e-9a7b-1c2d3e4f5a6b',
    reason: 'Quarterly count',
    expected: 25,
    counted: 23,
    variance: -2,
    onHand: 23,
    available: 18,
    adjustedAt: '2026-11-30T17:00:00.000Z',
  },
});
