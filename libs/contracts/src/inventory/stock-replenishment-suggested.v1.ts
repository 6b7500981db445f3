import { IsInt, IsISO8601, IsNotEmpty, IsNumber, IsString, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/**
 * A reorder suggestion with every input of the formula, so a buyer (or a purchasing system) can see why:
 *   averageDailySales = unitsSoldInWindow / windowDays
 *   reorderPoint      = max(configured reorder point, ceil(averageDailySales * leadTimeDays + safetyStock))
 *   targetLevel       = ceil(averageDailySales * (leadTimeDays + reviewDays) + safetyStock)
 *   suggestedQuantity = max(targetLevel, reorderPoint) - (available + inbound), when available + inbound <= reorderPoint
 */
export class StockReplenishmentSuggestedV1 {
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
  suggestedQuantity: number;

  @IsInt()
  @Min(0)
  available: number;

  /** Units ordered from the supplier and not yet received. */
  @IsInt()
  @Min(0)
  inbound: number;

  @IsInt()
  @Min(0)
  safetyStock: number;

  @IsInt()
  @Min(0)
  reorderPoint: number;

  @IsInt()
  @Min(0)
  targetLevel: number;

  @IsInt()
  @Min(0)
  leadTimeDays: number;

  @IsInt()
  @Min(0)
  reviewDays: number;

  @IsInt()
  @Min(1)
  windowDays: number;

  @IsInt()
  @Min(0)
  unitsSoldInWindow: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  averageDailySales: number;

  @IsISO8601({ strict: true })
  suggestedAt: string;
}

export const StockReplenishmentSuggested = defineEvent({
  name: 'inventory.stock.replenishment-suggested',
  version: 1,
  topic: Topics.inventoryStock,
  dataClass: StockReplenishmentSuggestedV1,
  summary:
    'The daily replenishment run found a SKU in a warehouse that needs ordering, with the quantity and every input of the formula.',
  subjectOf: (data) => data.sku,
  example: {
    sku: 'TSHIRT-RED-M',
    warehouseId: 'MAIN',
    suggestedQuantity: 32,
    available: 15,
    inbound: 5,
    safetyStock: 10,
    reorderPoint: 24,
    targetLevel: 52,
    leadTimeDays: 7,
    reviewDays: 14,
    windowDays: 28,
    unitsSoldInWindow: 56,
    averageDailySales: 2,
    suggestedAt: '2026-11-23T02:00:00.000Z',
  },
});
