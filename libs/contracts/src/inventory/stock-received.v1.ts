import { IsInt, IsISO8601, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class StockReceivedV1 {
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

  /** Levels after the receipt, so subscribers need not keep their own arithmetic. */
  @IsInt()
  @Min(0)
  onHand: number;

  @IsInt()
  @Min(0)
  available: number;

  @IsISO8601({ strict: true })
  receivedAt: string;
}

export const StockReceived = defineEvent({
  name: 'inventory.stock.received',
  version: 1,
  topic: Topics.inventoryStock,
  dataClass: StockReceivedV1,
  summary: 'Units arrived in a warehouse and are available to sell.',
  subjectOf: (data) => data.sku,
  example: {
    sku: 'TSHIRT-RED-M',
    warehouseId: 'MAIN',
    quantity: 10,
    onHand: 25,
    available: 20,
    receivedAt: '2026-11-22T09:00:00.000Z',
  },
});
