import { IsInt, IsISO8601, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class StockLowV1 {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sku: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  warehouseId: string;

  @IsInt()
  @Min(0)
  available: number;

  @IsInt()
  @Min(0)
  onHand: number;

  @IsInt()
  @Min(0)
  reserved: number;

  @IsInt()
  @Min(0)
  safetyStock: number;

  /** Available across every warehouse, so a storefront can tell "sold out here" from "sold out". */
  @IsInt()
  @Min(0)
  totalAvailable: number;

  @IsISO8601({ strict: true })
  detectedAt: string;
}

export const StockLow = defineEvent({
  name: 'inventory.stock.low',
  version: 1,
  topic: Topics.inventoryStock,
  dataClass: StockLowV1,
  summary:
    'Available stock in a warehouse fell to its safety stock (and is still above zero). Fires once per crossing; it fires again only after stock went back above safety stock.',
  subjectOf: (data) => data.sku,
  example: {
    sku: 'TSHIRT-RED-M',
    warehouseId: 'MAIN',
    available: 5,
    onHand: 8,
    reserved: 3,
    safetyStock: 5,
    totalAvailable: 12,
    detectedAt: '2026-11-22T10:15:00.600Z',
  },
});
