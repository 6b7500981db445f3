import { Column, Entity, PrimaryColumn } from 'typeorm';

const bigintAsNumber = { to: (value: number) => value, from: (value: string) => Number(value) };

/** The catalog's SKUs as inventory needs them (fed by catalog.product.sku-added): owner and price. */
@Entity('skus')
export class Sku {
  @PrimaryColumn()
  sku: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId: string;

  @Column({ name: 'merchant_id', type: 'uuid' })
  merchantId: string;

  /** List price in minor units: the only price inventory knows, so stock is valued at it. */
  @Column({ name: 'unit_price', type: 'bigint', transformer: bigintAsNumber })
  unitPrice: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt: Date;
}
