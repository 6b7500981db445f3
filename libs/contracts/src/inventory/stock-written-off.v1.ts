import { IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class StockWrittenOffV1 {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sku: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  warehouseId: string;

  @IsInt()
  @Min(1)
  quantity: number;

  /** e.g. RETURN_DAMAGED. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reason: string;

  @IsOptional()
  @IsUUID()
  orderId?: string;

  @IsOptional()
  @IsUUID()
  returnId?: string;

  @IsInt()
  @Min(0)
  onHand: number;

  @IsInt()
  @Min(0)
  available: number;

  @IsISO8601({ strict: true })
  writtenOffAt: string;
}

export const StockWrittenOff = defineEvent({
  name: 'inventory.stock.written-off',
  version: 1,
  topic: Topics.inventoryStock,
  dataClass: StockWrittenOffV1,
  summary:
    'Units were written off (a damaged return): they arrived and left the books in the same step, so they were never sellable.',
  subjectOf: (data) => data.sku,
  example: {
    sku: 'TSHIRT-RED-M',
    warehouseId: 'MAIN',
    quantity: 1,
    reason: 'RETURN_DAMAGED',
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    returnId: '2c4e6a8b-0d1f-4a3b-9c5d-7e9f1a2b3c4d',
    onHand: 23,
    available: 18,
    writtenOffAt: '2026-12-01T14:00:01.000Z',
  },
});
