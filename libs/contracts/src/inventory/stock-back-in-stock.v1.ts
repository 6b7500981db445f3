import { IsInt, IsISO8601, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class StockBackInStockV1 {
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

export const StockBackInStock = defineEvent({
  name: 'inventory.stock.back-in-stock',
  version: 1,
  topic: Topics.inventoryStock,
  dataClass: StockBackInStockV1,
  summary: 'Available stock in a warehouse rose above zero after being out of stock. Fires once per crossing.',
  subjectOf: (data) => data.sku,
  example: {
    sku: 'TSHIRT-RED-M',
    warehouseId: 'MAIN',
    available: 10,
    onHand: 13,
    reserved: 3,
    safetyStock: 5,
    totalAvailable: 17,
    detectedAt: '2026-11-22T10:15:00.600Z',
  },
});
