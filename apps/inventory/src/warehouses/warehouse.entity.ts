import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A place that holds stock. Reservations prefer the order's region, then the lowest priority number. */
@Entity('warehouses')
export class Warehouse {
  /** A short code ops choose (MAIN, BER-1): it appears on pick lists and in events. */
  @PrimaryColumn()
  id: string;

  @Column()
  name: string;

  @Column()
  region: string;

  /** Lower comes first among warehouses of the same region match. */
  @Column({ type: 'int' })
  priority: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
