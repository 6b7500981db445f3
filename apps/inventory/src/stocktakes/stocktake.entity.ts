import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export interface StocktakeLine {
  sku: string;
  /** On hand according to the ledger just before the count was applied. */
  expected: number;
  counted: number;
  /** counted - expected: negative is shrinkage, positive a surplus. */
  variance: number;
  unitPrice: number | null;
  currency: string | null;
}

/** One submitted count of (some of) a warehouse's SKUs, kept as the record behind its adjustments. */
@Entity('stocktakes')
export class Stocktake {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'warehouse_id' })
  warehouseId: string;

  @Column()
  reason: string;

  @Column({ name: 'counted_by' })
  countedBy: string;

  @Column({ type: 'jsonb' })
  lines: StocktakeLine[];

  @Column({ name: 'shrinkage_units', type: 'int' })
  shrinkageUnits: number;

  @Column({ name: 'surplus_units', type: 'int' })
  surplusUnits: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  static record(input: {
    id: string;
    warehouseId: string;
    reason: string;
    countedBy: string;
    lines: StocktakeLine[];
  }): Stocktake {
    return Object.assign(new Stocktake(), {
      ...input,
      shrinkageUnits: input.lines.reduce((sum, line) => sum + Math.max(0, -line.variance), 0),
      surplusUnits: input.lines.reduce((sum, line) => sum + Math.max(0, line.variance), 0),
    });
  }
}

export interface MoneyTotal {
  currency: string;
  amount: number;
}

/** What ops read after a count: every line, the shrinkage and surplus in units and in value. */
export function stocktakeReport(stocktake: Stocktake) {
  const value = (sign: 1 | -1): MoneyTotal[] => {
    const totals = new Map<string, number>();
    for (const line of stocktake.lines) {
      if (line.unitPrice === null || line.currency === null || Math.sign(line.variance) !== sign) continue;
      totals.set(line.currency, (totals.get(line.currency) ?? 0) + Math.abs(line.variance) * line.unitPrice);
    }
    return [...totals].map(([currency, amount]) => ({ currency, amount }));
  };
  return {
    id: stocktake.id,
    warehouseId: stocktake.warehouseId,
    reason: stocktake.reason,
    countedBy: stocktake.countedBy,
    createdAt: stocktake.createdAt,
    lines: stocktake.lines,
    shrinkageUnits: stocktake.shrinkageUnits,
    surplusUnits: stocktake.surplusUnits,
    netVarianceUnits: stocktake.surplusUnits - stocktake.shrinkageUnits,
    /** At list price (see README); SKUs the catalog never announced have no price and are left out. */
    shrinkageValue: value(-1),
    surplusValue: value(1),
  };
}
