import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

const bigintAsNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

/** A variant of a product: the unit inventory stocks and orders sell. SKU codes are unique platform-wide. */
@Entity('skus')
export class Sku {
  @PrimaryColumn({ type: 'text' })
  sku: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId: string;

  @Column({ type: 'jsonb' })
  options: Record<string, string>;

  /** Minor units of `currency`. */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  price: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ name: 'weight_grams', type: 'int' })
  weightGrams: number;

  @Column({ name: 'length_mm', type: 'int' })
  lengthMm: number;

  @Column({ name: 'width_mm', type: 'int' })
  widthMm: number;

  @Column({ name: 'height_mm', type: 'int' })
  heightMm: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
