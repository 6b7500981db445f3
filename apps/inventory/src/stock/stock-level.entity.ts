import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { InsufficientStockError } from './stock.errors';

/** Units of one SKU in one warehouse. The database CHECKs repeat these rules as a last line of defence. */
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

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  get available(): number {
    return this.onHand - this.reserved;
  }

  reserve(quantity: number): void {
    if (quantity > this.available) throw new InsufficientStockError(this.sku, this.warehouseId, quantity, this.available);
    this.reserved += quantity;
  }

  release(quantity: number): void {
    // A release never exceeds what was reserved for the reservation being released.
    this.reserved = Math.max(0, this.reserved - quantity);
  }
}
