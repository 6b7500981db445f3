import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type MovementCause = 'RECEIPT' | 'RESERVATION' | 'RELEASE';

/** One change to on-hand or reserved units, with its cause: the ledger that explains every level. */
@Entity('stock_movements')
export class StockMovement {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column()
  sku: string;

  @Column({ name: 'warehouse_id' })
  warehouseId: string;

  @Column({ type: 'text' })
  cause: MovementCause;

  @Column({ name: 'on_hand_delta', type: 'int' })
  onHandDelta: number;

  @Column({ name: 'reserved_delta', type: 'int' })
  reservedDelta: number;

  @Column({ name: 'order_id', type: 'uuid', nullable: true })
  orderId: string | null;

  /** The event that caused it, or null for a direct API call. */
  @Column({ name: 'cause_event_id', type: 'uuid', nullable: true })
  causeEventId: string | null;

  /** The user or service that caused it. */
  @Column({ type: 'text', nullable: true })
  actor: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
