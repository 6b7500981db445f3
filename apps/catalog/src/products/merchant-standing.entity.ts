import { MerchantStatus } from '@emporium/contracts';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** What catalog knows of a merchant, from merchants events (catalog never reads merchants' database). */
@Entity('merchant_standings')
export class MerchantStanding {
  @PrimaryColumn({ name: 'merchant_id', type: 'uuid' })
  merchantId: string;

  @Column({ type: 'text' })
  status: MerchantStatus;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
