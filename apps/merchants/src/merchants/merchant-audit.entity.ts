import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type MerchantAction = 'REGISTERED' | 'APPROVED' | 'REJECTED' | 'SUSPENDED' | 'REINSTATED' | 'DOCUMENT_ADDED';

/** One governance decision about a merchant: who, when, why. Never updated. */
@Entity('merchant_audit')
export class MerchantAuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'merchant_id', type: 'uuid' })
  merchantId: string;

  @Column({ type: 'text' })
  action: MerchantAction;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  static of(merchantId: string, action: MerchantAction, actor: string, at: Date, reason?: string): MerchantAuditEntry {
    return Object.assign(new MerchantAuditEntry(), { merchantId, action, actor, at, reason: reason ?? null });
  }
}
