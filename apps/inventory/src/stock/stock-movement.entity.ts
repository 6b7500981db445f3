import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const MOVEMENT_CAUSES = [
  'RECEIPT',
  'RESERVATION',
  'RELEASE',
  'COMMIT',
  'ADJUSTMENT',
  'RETURN',
  'WRITE_OFF',
] as const;
export type MovementCause = (typeof MOVEMENT_CAUSES)[number];

/**
 * One change to on-hand or reserved units, with its cause: the ledger that explains every level.
 * Invariant: per SKU and warehouse, the deltas sum to the current on hand and reserved.
 */
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

  /** The event that caused it, or null for a direct API call or a scheduled job. */
  @Column({ name: 'cause_event_id', type: 'uuid', nullable: true })
  causeEventId: string | null;

  /** The user or service that caused it. */
  @Column({ type: 'text', nullable: true })
  actor: string | null;

  /** Why, in words: a stocktake's reason, CUSTOMER_REQUEST, RESERVATION_EXPIRED, RETURN_DAMAGED. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** What it belongs to: a stocktake, shipment, return or receipt reference. */
  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
