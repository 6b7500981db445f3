import { IsInt, IsISO8601, IsNotEmpty, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class StockRestockedV1 {
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

  @IsUUID()
  orderId: string;

  @IsUUID()
  returnId: string;

  @IsInt()
  @Min(0)
  onHand: number;

  @IsInt()
  @Min(0)
  available: number;

  @IsISO8601({ strict: true })
  restockedAt: string;
}

export const StockRestocked = defineEvent({
  name: 'inventory.stock.restocked',
  version: 1,
  topic: Topics.inventoryStock,
  dataClass: StockRestockedV1,
  summary: 'Returned units passed inspection and are back on the shelf, available to sell.',
  subjectOf: (data) => data.sku,
  example: {
    sku: 'TSHIRT-RED-M',
    warehouseId: 'MAIN',
    quantity: 1,
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    returnId: '2c4e6a8b-0d1f-4a3b-9c5d-7e9f1a2b3c4d',
    onHand: 24,
    available: 19,
    restockedAt: '2026-12-01T14:00:01.000Z',
  },
});
