import { Injectable } from '@nestjs/common';
import { EventMetadata, StockBackInStock, StockLow, StockOutOfStock } from '@emporium/contracts';
import { Outbox, PendingEvent } from '@emporium/messaging';
import { EntityManager } from 'typeorm';
import { inventoryMetrics } from './inventory.metrics';
import { AlertState, LevelDelta, StockLevel } from './stock-level.entity';

/** Where a set of changes came from; every ledger row of the transaction carries it. */
export interface ChangeOrigin {
  orderId?: string;
  causeEventId?: string;
  actor?: string;
}

export interface MovementDetail {
  reason?: string;
  reference?: string;
  /** When one transaction touches several orders (the expiry sweep, a batch of reservations); otherwise the origin's. */
  orderId?: string;
  causeEventId?: string;
}

interface PendingMovement extends LevelDelta, MovementDetail {
  level: StockLevel;
}

export interface WarehouseRank {
  region: string;
  priority: number;
}

/**
 * Stock rows locked for one transaction, and the changes made to them. Every change goes through
 * `apply`, which records the ledger row next to the level change: that pairing is what keeps the
 * ledger summing to the levels.
 */
export class LockedStock {
  private readonly touched = new Set<StockLevel>();
  readonly movements: PendingMovement[] = [];

  constructor(
    readonly levels: StockLevel[],
    readonly warehouses: Map<string, WarehouseRank>,
  ) {}

  levelsOf(sku: string): StockLevel[] {
    return this.levels.filter((level) => level.sku === sku);
  }

  find(sku: string, warehouseId: string): StockLevel | undefined {
    return this.levels.find((level) => level.sku === sku && level.warehouseId === warehouseId);
  }

  get(sku: string, warehouseId: string): StockLevel {
    const level = this.find(sku, warehouseId);
    if (!level) throw new Error(`stock ${sku}/${warehouseId} was not locked`);
    return level;
  }

  totalAvailable(sku: string): number {
    return this.levelsOf(sku).reduce((sum, level) => sum + level.available, 0);
  }

  /** Records a level change made by a StockLevel method; a null delta (nothing changed) records nothing. */
  apply(level: StockLevel, delta: LevelDelta | null, detail: MovementDetail = {}): void {
    this.touched.add(level);
    if (delta) this.movements.push({ ...delta, level, ...detail });
  }

  /** A change with no ledger row (policy, inbound): still written back. */
  touch(level: StockLevel): void {
    this.touched.add(level);
  }

  touchedLevels(): StockLevel[] {
    return [...this.touched];
  }
}

@Injectable()
export class StockLedger {
  constructor(private readonly outbox: Outbox) {}

  /** Zero rows for SKU/warehouse pairs that have none yet, so they can be locked like the others. */
  async ensureLevels(manager: EntityManager, pairs: { sku: string; warehouseId: string }[]): Promise<void> {
    if (pairs.length === 0) return;
    await manager.query(
      `INSERT INTO stock_levels (sku, warehouse_id, on_hand, reserved)
       SELECT * , 0, 0 FROM unnest($1::text[], $2::text[]) ORDER BY 1, 2
       ON CONFLICT (sku, warehouse_id) DO NOTHING`,
      [pairs.map((pair) => pair.sku), pairs.map((pair) => pair.warehouseId)],
    );
  }

  /**
   * Locks every warehouse's row of these SKUs in one statement, in (sku, warehouse) order, so two
   * transactions never wait on each other in a cycle. Each transaction locks its stock once.
   */
  async lock(manager: EntityManager, skus: string[]): Promise<LockedStock> {
    const rows: LevelRow[] = await manager.query(
      `SELECT l.sku, l.warehouse_id, l.on_hand, l.reserved, l.safety_stock, l.reorder_point, l.lead_time_days, l.inbound, l.alert_state,
              w.region, w.priority
         FROM stock_levels l JOIN warehouses w ON w.id = l.warehouse_id
        WHERE l.sku = ANY($1::text[])
        ORDER BY l.sku, l.warehouse_id
          FOR UPDATE OF l`,
      [[...new Set(skus)]],
    );
    const warehouses = new Map<string, WarehouseRank>();
    const levels = rows.map((row) => {
      warehouses.set(row.warehouse_id, { region: row.region, priority: row.priority });
      return Object.assign(new StockLevel(), {
        sku: row.sku,
        warehouseId: row.warehouse_id,
        onHand: row.on_hand,
        reserved: row.reserved,
        safetyStock: row.safety_stock,
        reorderPoint: row.reorder_point,
        leadTimeDays: row.lead_time_days,
        inbound: row.inbound,
        alertState: row.alert_state,
      });
    });
    return new LockedStock(levels, warehouses);
  }

  /**
   * Writes the changed levels and their ledger rows, and announces availability crossings, all in the
   * caller's transaction: levels, ledger and events commit together or not at all.
   */
  async save(
    manager: EntityManager,
    stock: LockedStock,
    origin: ChangeOrigin,
    causedBy?: EventMetadata,
  ): Promise<void> {
    const levels = stock.touchedLevels();
    if (levels.length === 0) return;
    const signals = levels.map((level) => ({ level, signal: level.takeAlertSignal() }));
    await manager.query(
      `UPDATE stock_levels AS l
          SET on_hand = v.on_hand, reserved = v.reserved, inbound = v.inbound, alert_state = v.alert_state,
              safety_stock = v.safety_stock, reorder_point = v.reorder_point, lead_time_days = v.lead_time_days, updated_at = now()
         FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::int[], $6::text[], $7::int[], $8::int[], $9::int[])
           AS v(sku, warehouse_id, on_hand, reserved, inbound, alert_state, safety_stock, reorder_point, lead_time_days)
        WHERE l.sku = v.sku AND l.warehouse_id = v.warehouse_id`,
      [
        levels.map((l) => l.sku),
        levels.map((l) => l.warehouseId),
        levels.map((l) => l.onHand),
        levels.map((l) => l.reserved),
        levels.map((l) => l.inbound),
        levels.map((l) => l.alertState),
        levels.map((l) => l.safetyStock),
        levels.map((l) => l.reorderPoint),
        levels.map((l) => l.leadTimeDays),
      ],
    );
    const movements = stock.movements;
    if (movements.length > 0) {
      await manager.query(
        `INSERT INTO stock_movements (sku, warehouse_id, cause, on_hand_delta, reserved_delta, reason, reference, order_id, cause_event_id, actor)
         SELECT v.*, $10::text
           FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::uuid[], $9::uuid[]) AS v`,
        [
          movements.map((m) => m.level.sku),
          movements.map((m) => m.level.warehouseId),
          movements.map((m) => m.cause),
          movements.map((m) => m.onHandDelta),
          movements.map((m) => m.reservedDelta),
          movements.map((m) => m.reason ?? null),
          movements.map((m) => m.reference ?? null),
          movements.map((m) => m.orderId ?? origin.orderId ?? null),
          movements.map((m) => m.causeEventId ?? origin.causeEventId ?? null),
          origin.actor ?? null,
        ],
      );
      for (const movement of movements) inventoryMetrics.movements.inc({ cause: movement.cause });
    }
    const alerts: PendingEvent[] = [];
    for (const { level, signal } of signals) {
      if (!signal) continue;
      const data = {
        sku: level.sku,
        warehouseId: level.warehouseId,
        available: level.available,
        onHand: level.onHand,
        reserved: level.reserved,
        safetyStock: level.safetyStock,
        totalAvailable: stock.totalAvailable(level.sku),
        detectedAt: new Date().toISOString(),
      };
      const definition = signal === 'LOW' ? StockLow : signal === 'OUT_OF_STOCK' ? StockOutOfStock : StockBackInStock;
      alerts.push({ definition, data, causedBy });
      inventoryMetrics.alerts.inc({ signal });
    }
    await this.outbox.publishAll(manager, alerts);
  }
}

interface LevelRow {
  sku: string;
  warehouse_id: string;
  on_hand: number;
  reserved: number;
  safety_stock: number;
  reorder_point: number;
  lead_time_days: number | null;
  inbound: number;
  alert_state: AlertState;
  region: string;
  priority: number;
}
