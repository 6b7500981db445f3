import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import {
  CountBelowReservedError,
  InsufficientStockError,
  InvalidQuantityError,
  ReservedUnderflowError,
} from './stock.errors';
import { MovementCause } from './stock-movement.entity';

export type AlertState = 'OK' | 'LOW' | 'OUT';
export type AlertSignal = 'LOW' | 'OUT_OF_STOCK' | 'BACK_IN_STOCK';

/** What one operation did to a level: the ledger row it must leave behind. */
export interface LevelDelta {
  cause: MovementCause;
  onHandDelta: number;
  reservedDelta: number;
}

/**
 * Units of one SKU in one warehouse. Every change goes through a method here, which guards the rules
 * (never below zero, never more reserved than on hand) and returns the ledger delta it made. The
 * database CHECKs repeat the rules as a last line of defence.
 */
@Entity('stock_levels')
export class StockLevel {
  @PrimaryColumn()
  sku: string;

  @PrimaryColumn({ name: 'warehouse_id' })
  warehouseId: string;

  @Column({ name: 'on_hand', type: 'int' })
  onHand: number;

  @Column({ type: 'int' })
  reserved: number;

  /** Available at or below this (and above zero) is LOW. */
  @Column({ name: 'safety_stock', type: 'int', default: 0 })
  safetyStock: number;

  /** A floor for the replenishment formula's own reorder point. */
  @Column({ name: 'reorder_point', type: 'int', default: 0 })
  reorderPoint: number;

  /** Supplier lead time; null means the configured default. */
  @Column({ name: 'lead_time_days', type: 'int', nullable: true })
  leadTimeDays: number | null;

  /** Units ordered from the supplier and not received yet. */
  @Column({ type: 'int', default: 0 })
  inbound: number;

  /** The availability band last announced, so each crossing is announced exactly once. */
  @Column({ name: 'alert_state', type: 'text', default: 'OUT' })
  alertState: AlertState;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  static empty(sku: string, warehouseId: string): StockLevel {
    return Object.assign(new StockLevel(), {
      sku,
      warehouseId,
      onHand: 0,
      reserved: 0,
      safetyStock: 0,
      reorderPoint: 0,
      leadTimeDays: null,
      inbound: 0,
      alertState: 'OUT' as AlertState,
    });
  }

  get available(): number {
    return this.onHand - this.reserved;
  }

  receive(quantity: number): LevelDelta {
    positive(quantity);
    this.onHand += quantity;
    // Goods that arrive fulfil what was on order first; an unannounced delivery leaves inbound at zero.
    this.inbound = Math.max(0, this.inbound - quantity);
    return { cause: 'RECEIPT', onHandDelta: quantity, reservedDelta: 0 };
  }

  expectInbound(quantity: number): void {
    positive(quantity);
    this.inbound += quantity;
  }

  reserve(quantity: number): LevelDelta {
    positive(quantity);
    if (quantity > this.available)
      throw new InsufficientStockError(this.sku, this.warehouseId, quantity, this.available);
    this.reserved += quantity;
    return { cause: 'RESERVATION', onHandDelta: 0, reservedDelta: quantity };
  }

  release(quantity: number): LevelDelta {
    positive(quantity);
    if (quantity > this.reserved) throw new ReservedUnderflowError(this.sku, this.warehouseId, quantity, this.reserved);
    this.reserved -= quantity;
    return { cause: 'RELEASE', onHandDelta: 0, reservedDelta: -quantity };
  }

  /** Reserved units leave the building: on hand and reserved go down together. */
  commit(quantity: number): LevelDelta {
    positive(quantity);
    if (quantity > this.reserved) throw new ReservedUnderflowError(this.sku, this.warehouseId, quantity, this.reserved);
    this.onHand -= quantity;
    this.reserved -= quantity;
    return { cause: 'COMMIT', onHandDelta: -quantity, reservedDelta: -quantity };
  }

  /** Units left without a reservation (it had expired or been released): they come out of available. */
  commitUnreserved(quantity: number): LevelDelta {
    positive(quantity);
    if (quantity > this.available)
      throw new InsufficientStockError(this.sku, this.warehouseId, quantity, this.available);
    this.onHand -= quantity;
    return { cause: 'COMMIT', onHandDelta: -quantity, reservedDelta: 0 };
  }

  /** A counted quantity replaces on hand; null when the count matches the books. */
  count(counted: number): LevelDelta | null {
    if (!Number.isInteger(counted) || counted < 0) throw new InvalidQuantityError(counted);
    if (counted < this.reserved) throw new CountBelowReservedError(this.sku, this.warehouseId, counted, this.reserved);
    const variance = counted - this.onHand;
    if (variance === 0) return null;
    this.onHand = counted;
    return { cause: 'ADJUSTMENT', onHandDelta: variance, reservedDelta: 0 };
  }

  restock(quantity: number): LevelDelta {
    positive(quantity);
    this.onHand += quantity;
    return { cause: 'RETURN', onHandDelta: quantity, reservedDelta: 0 };
  }

  writeOff(quantity: number): LevelDelta {
    positive(quantity);
    if (quantity > this.available)
      throw new InsufficientStockError(this.sku, this.warehouseId, quantity, this.available);
    this.onHand -= quantity;
    return { cause: 'WRITE_OFF', onHandDelta: -quantity, reservedDelta: 0 };
  }

  setPolicy(policy: { safetyStock: number; reorderPoint: number; leadTimeDays: number | null }): void {
    this.safetyStock = policy.safetyStock;
    this.reorderPoint = policy.reorderPoint;
    this.leadTimeDays = policy.leadTimeDays;
  }

  /**
   * Moves the announced band to where available stock is now and says what that crossing announces:
   * OK→LOW is LOW, OK/LOW→OUT is OUT_OF_STOCK, OUT→LOW/OK is BACK_IN_STOCK; LOW→OK only re-arms LOW.
   * Called once per transaction, after all its changes, so a dip and recovery inside one transaction
   * announces nothing.
   */
  takeAlertSignal(): AlertSignal | null {
    const next = alertStateFor(this.available, this.safetyStock);
    const previous = this.alertState;
    this.alertState = next;
    if (next === previous) return null;
    if (next === 'OUT') return 'OUT_OF_STOCK';
    if (previous === 'OUT') return 'BACK_IN_STOCK';
    return next === 'LOW' ? 'LOW' : null;
  }
}

export function alertStateFor(available: number, safetyStock: number): AlertState {
  if (available <= 0) return 'OUT';
  return available <= safetyStock ? 'LOW' : 'OK';
}

function positive(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity <= 0) throw new InvalidQuantityError(quantity);
}
