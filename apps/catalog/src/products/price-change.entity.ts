import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

const bigintAsNumber = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** One entry of a SKU's price history; the first entry of a SKU has no previous price. */
@Entity('price_history')
export class PriceChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  sku: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId: string;

  @Column({ name: 'previous_price', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  previousPrice: number | null;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  price: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'text' })
  actor: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}
