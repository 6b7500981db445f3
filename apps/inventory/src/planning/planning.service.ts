import { Inject, Injectable } from '@nestjs/common';
import { StockReplenishmentSuggested } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { SERVICE_CONFIG } from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { InventoryConfig } from '../config';
import { WarehousesService } from '../warehouses/warehouses.service';
import { suggestReplenishment } from './replenishment';

export interface SuggestionView {
  sku: string;
  warehouseId: string;
  suggestedQuantity: number;
  available: number;
  inbound: number;
  safetyStock: number;
  reorderPoint: number;
  targetLevel: number;
  leadTimeDays: number;
  reviewDays: number;
  windowDays: number;
  unitsSoldInWindow: number;
  averageDailySales: number;
}

/** Replenishment suggestions and the slow-moving report: both read the ledger's COMMIT rows as sales. */
@Injectable()
export class PlanningService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly warehouses: WarehousesService,
    @Inject(SERVICE_CONFIG) private readonly config: InventoryConfig,
  ) {}

  /** SKU/warehouse pairs that need ordering now, with the quantity and every input of the formula. */
  async suggestions(
    filter: { sku?: string; warehouseId?: string } = {},
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SuggestionView[]> {
    if (filter.warehouseId) await this.warehouses.require(manager, filter.warehouseId);
    const windowDays = this.config.REPLENISHMENT_WINDOW_DAYS;
    const reviewDays = this.config.REPLENISHMENT_REVIEW_DAYS;
    const rows: SuggestionRow[] = await manager.query(
      `SELECT l.sku, l.warehouse_id, l.on_hand - l.reserved AS available, l.inbound, l.safety_stock, l.reorder_point, l.lead_time_days,
              COALESCE(s.sold, 0)::int AS sold
         FROM stock_levels l
         LEFT JOIN (SELECT sku, warehouse_id, -SUM(on_hand_delta) AS sold FROM stock_movements
                     WHERE cause = 'COMMIT' AND created_at >= now() - make_interval(days => $1)
                     GROUP BY sku, warehouse_id) s USING (sku, warehouse_id)
        WHERE ($2::text IS NULL OR l.sku = $2) AND ($3::text IS NULL OR l.warehouse_id = $3)
        ORDER BY l.sku, l.warehouse_id`,
      [windowDays, filter.sku ?? null, filter.warehouseId ?? null],
    );
    return rows.flatMap((row) => {
      const leadTimeDays = row.lead_time_days ?? this.config.REPLENISHMENT_DEFAULT_LEAD_TIME_DAYS;
      const result = suggestReplenishment({
        unitsSoldInWindow: row.sold,
        windowDays,
        leadTimeDays,
        reviewDays,
        safetyStock: row.safety_stock,
        reorderPoint: row.reorder_point,
        available: row.available,
        inbound: row.inbound,
      });
      if (!result.needsOrder) return [];
      return [
        {
          sku: row.sku,
          warehouseId: row.warehouse_id,
          suggestedQuantity: result.suggestedQuantity,
          available: row.available,
          inbound: row.inbound,
          safetyStock: row.safety_stock,
          reorderPoint: result.reorderPoint,
          targetLevel: result.targetLevel,
          leadTimeDays,
          reviewDays,
          windowDays,
          unitsSoldInWindow: row.sold,
          averageDailySales: result.averageDailySales,
        },
      ];
    });
  }

  /**
   * The scheduled run for one period: the job_runs insert claims the period, so however many replicas
   * tick, one publishes the period's suggestions (and a crash before commit leaves it unclaimed).
   */
  async runReplenishment(periodStart: Date): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      const claimed: unknown[] = await manager.query(
        `INSERT INTO job_runs (job, period_start) VALUES ('replenishment', $1) ON CONFLICT DO NOTHING RETURNING job`,
        [periodStart],
      );
      if (claimed.length === 0) return null;
      const suggestions = await this.suggestions({}, manager);
      const at = new Date().toISOString();
      for (const suggestion of suggestions)
        await this.outbox.publish(manager, StockReplenishmentSuggested, { ...suggestion, suggestedAt: at });
      await manager.query(`UPDATE job_runs SET result = $3 WHERE job = $1 AND period_start = $2`, [
        'replenishment',
        periodStart,
        { suggested: suggestions.length },
      ]);
      return suggestions.length;
    });
  }

  /**
   * Stock on hand that has not sold for `days`: no COMMIT in that time, and (for never-sold stock) its
   * first arrival is at least that old too, so yesterday's delivery is not "slow". Valued at list price.
   */
  async slowMoving(query: { days?: number; warehouseId?: string }) {
    if (query.warehouseId) await this.warehouses.require(this.dataSource.manager, query.warehouseId);
    const days = query.days ?? this.config.SLOW_MOVING_DAYS;
    const rows: SlowRow[] = await this.dataSource.manager.query(
      `SELECT l.sku, l.warehouse_id, l.on_hand, k.unit_price, k.currency, k.title, sold.at AS last_sold_at, arrived.at AS first_arrived_at
         FROM stock_levels l
         LEFT JOIN skus k USING (sku)
         LEFT JOIN LATERAL (SELECT max(created_at) AS at FROM stock_movements m
                             WHERE m.sku = l.sku AND m.warehouse_id = l.warehouse_id AND m.cause = 'COMMIT') sold ON true
         LEFT JOIN LATERAL (SELECT min(created_at) AS at FROM stock_movements m
                             WHERE m.sku = l.sku AND m.warehouse_id = l.warehouse_id AND m.on_hand_delta > 0) arrived ON true
        WHERE l.on_hand > 0
          AND ($2::text IS NULL OR l.warehouse_id = $2)
          AND COALESCE(sold.at, arrived.at, '-infinity') < now() - make_interval(days => $1)
        ORDER BY l.on_hand * COALESCE(k.unit_price, 0) DESC, l.sku, l.warehouse_id`,
      [days, query.warehouseId ?? null],
    );
    const items = rows.map((row) => {
      const unitPrice = row.unit_price === null ? null : Number(row.unit_price);
      return {
        sku: row.sku,
        warehouseId: row.warehouse_id,
        title: row.title,
        onHand: row.on_hand,
        lastSoldAt: row.last_sold_at,
        unitPrice,
        currency: row.currency,
        stockValue: unitPrice === null ? null : unitPrice * row.on_hand,
      };
    });
    const totals = new Map<string, number>();
    for (const item of items)
      if (item.currency && item.stockValue !== null)
        totals.set(item.currency, (totals.get(item.currency) ?? 0) + item.stockValue);
    return {
      days,
      asOf: new Date().toISOString(),
      items,
      totalUnits: items.reduce((sum, item) => sum + item.onHand, 0),
      totalValue: [...totals].map(([currency, amount]) => ({ currency, amount })),
    };
  }
}

interface SuggestionRow {
  sku: string;
  warehouse_id: string;
  available: number;
  inbound: number;
  safety_stock: number;
  reorder_point: number;
  lead_time_days: number | null;
  sold: number;
}

interface SlowRow {
  sku: string;
  warehouse_id: string;
  on_hand: number;
  unit_price: string | null;
  currency: string | null;
  title: string | null;
  last_sold_at: Date | null;
  first_arrived_at: Date | null;
}
