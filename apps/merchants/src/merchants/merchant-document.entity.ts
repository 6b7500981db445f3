import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A qualification document. `expiresOn` is the last day it is valid (a calendar date, UTC). */
@Entity('merchant_documents')
export class MerchantDocument {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'merchant_id', type: 'uuid' })
  merchantId: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'text' })
  issuer: string;

  /** pg returns `date` as YYYY-MM-DD text with this column type, free of time-zone shifts. */
  @Column({ name: 'expires_on', type: 'date' })
  expiresOn: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ name: 'warned_at', type: 'timestamptz', nullable: true })
  warnedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  isExpiredOn(today: string): boolean {
    return this.expiresOn < today;
  }
}
