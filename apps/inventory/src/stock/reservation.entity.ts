import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { IllegalReservationTransitionError } from './stock.errors';

export type ReservationStatus = 'ACTIVE' | 'RELEASED';

export interface ReservationLine {
  sku: string;
  warehouseId: string;
  quantity: number;
}

/** Units held for one order (at most one reservation per order). */
@Entity('reservations')
export class Reservation {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'order_id', type: 'uuid', unique: true })
  orderId: string;

  @Column({ type: 'text' })
  status: ReservationStatus;

  @Column({ type: 'jsonb' })
  lines: ReservationLine[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt: Date | null;

  release(at: Date): void {
    if (this.status !== 'ACTIVE') throw new IllegalReservationTransitionError(this.id, this.status, 'RELEASED');
    this.status = 'RELEASED';
    this.releasedAt = at;
  }
}
