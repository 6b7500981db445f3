import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { IllegalReservationTransitionError, ReservationNotExpiredError } from '../stock/stock.errors';

/**
 * ACTIVE: held for an unconfirmed order, expires at expiresAt. CONFIRMED: the order is confirmed, the
 * hold is firm until dispatch or cancellation. COMMITTED: every unit left in shipments. RELEASED and
 * EXPIRED: given back.
 */
export type ReservationStatus = 'ACTIVE' | 'CONFIRMED' | 'RELEASED' | 'EXPIRED' | 'COMMITTED';

export interface ReservationLine {
  sku: string;
  warehouseId: string;
  quantity: number;
  /** Units of this line already dispatched (a shipment may carry part of an order). */
  committed?: number;
}

/** Units of one SKU in one warehouse, as events carry them. */
export interface HeldUnits {
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

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt: Date | null;

  @Column({ name: 'expired_at', type: 'timestamptz', nullable: true })
  expiredAt: Date | null;

  @Column({ name: 'committed_at', type: 'timestamptz', nullable: true })
  committedAt: Date | null;

  static hold(input: { id: string; orderId: string; lines: HeldUnits[]; at: Date; ttlSeconds: number }): Reservation {
    return Object.assign(new Reservation(), {
      id: input.id,
      orderId: input.orderId,
      status: 'ACTIVE' as ReservationStatus,
      lines: input.lines.map((line) => ({ ...line })),
      createdAt: input.at,
      expiresAt: new Date(input.at.getTime() + input.ttlSeconds * 1000),
      confirmedAt: null,
      releasedAt: null,
      expiredAt: null,
      committedAt: null,
    });
  }

  /**
   * An order cancelled before inventory ever reserved for it (its `placed` is late, or parked in the
   * dead-letter topic): a released reservation with no lines, so the late `placed` is refused.
   */
  static tombstone(input: { id: string; orderId: string; at: Date }): Reservation {
    return Object.assign(Reservation.hold({ ...input, lines: [], ttlSeconds: 0 }), {
      status: 'RELEASED' as ReservationStatus,
      releasedAt: input.at,
    });
  }

  /** Still holds units (it may be partly dispatched). */
  get holding(): boolean {
    return this.status === 'ACTIVE' || this.status === 'CONFIRMED';
  }

  /** Units still held: reserved and not yet dispatched. */
  outstanding(): HeldUnits[] {
    return this.lines
      .map((line) => ({
        sku: line.sku,
        warehouseId: line.warehouseId,
        quantity: line.quantity - (line.committed ?? 0),
      }))
      .filter((line) => line.quantity > 0);
  }

  /** Confirmation makes the hold firm: it no longer expires. */
  confirm(at: Date): void {
    this.moveTo('CONFIRMED', ['ACTIVE']);
    this.confirmedAt = at;
  }

  /** Gives back what is still held; returns those units. */
  release(at: Date): HeldUnits[] {
    const units = this.outstanding();
    this.moveTo('RELEASED', ['ACTIVE', 'CONFIRMED']);
    this.releasedAt = at;
    return units;
  }

  /** Only an unconfirmed hold expires, and only once its time has come. */
  expire(at: Date): HeldUnits[] {
    if (this.status === 'ACTIVE' && at < this.expiresAt) throw new ReservationNotExpiredError(this.id, this.expiresAt);
    const units = this.outstanding();
    this.moveTo('EXPIRED', ['ACTIVE']);
    this.expiredAt = at;
    return units;
  }

  /**
   * A confirmation that arrives after expiry: the order is going ahead, so the units are held again
   * (the caller found them) and the hold is firm at once.
   */
  reinstate(lines: HeldUnits[], at: Date): void {
    this.moveTo('CONFIRMED', ['EXPIRED']);
    this.lines = lines.map((line) => ({ ...line }));
    this.expiredAt = null;
    this.confirmedAt = at;
  }

  /**
   * Marks up to `quantity` held units of a SKU as dispatched, from `preferredWarehouse` first, and
   * returns what it took (less than asked when less is held). COMMITTED once nothing is left held.
   */
  commit(sku: string, quantity: number, at: Date, preferredWarehouse?: string): HeldUnits[] {
    if (!this.holding) throw new IllegalReservationTransitionError(this.id, this.status, 'COMMITTED');
    const taken: HeldUnits[] = [];
    let remaining = quantity;
    const candidates = this.lines
      .filter((line) => line.sku === sku)
      .sort((a, b) => Number(b.warehouseId === preferredWarehouse) - Number(a.warehouseId === preferredWarehouse));
    for (const line of candidates) {
      const take = Math.min(remaining, line.quantity - (line.committed ?? 0));
      if (take <= 0) continue;
      line.committed = (line.committed ?? 0) + take;
      taken.push({ sku, warehouseId: line.warehouseId, quantity: take });
      remaining -= take;
      if (remaining === 0) break;
    }
    if (this.outstanding().length === 0) {
      this.status = 'COMMITTED';
      this.committedAt = at;
    }
    return taken;
  }

  private moveTo(status: ReservationStatus, from: ReservationStatus[]): void {
    if (!from.includes(this.status)) throw new IllegalReservationTransitionError(this.id, this.status, status);
    this.status = status;
  }
}
