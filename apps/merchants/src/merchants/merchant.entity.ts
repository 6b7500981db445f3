import {
  MerchantApprovedV1,
  MerchantRegisteredV1,
  MerchantReinstatedV1,
  MerchantRejectedV1,
  MerchantSuspendedV1,
  SuspensionCause,
} from '@emporium/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { MerchantDocument } from './merchant-document.entity';
import { CredibilityInputs } from './credibility';
import { MerchantAction, MerchantAuditEntry } from './merchant-audit.entity';
import { canTransition, MerchantStatus } from './merchant-status';
import { IllegalMerchantTransitionError } from './merchant.errors';

/** A seller account. It guards its own status changes and records each decision in its audit trail. */
@Entity('merchants')
export class Merchant {
  @PrimaryColumn('uuid')
  id: string;

  /** The merchant user who registered it: the only user who may act for it before its tokens carry merchantId. */
  @Column({ name: 'owner_subject', type: 'text', unique: true })
  ownerSubject: string;

  @Column({ name: 'legal_name', type: 'text' })
  legalName: string;

  @Column({ name: 'contact_name', type: 'text' })
  contactName: string;

  @Column({ name: 'contact_email', type: 'text' })
  contactEmail: string;

  @Column({ name: 'contact_phone', type: 'text', nullable: true })
  contactPhone: string | null;

  @Column({ name: 'business_licence_number', type: 'text' })
  businessLicenceNumber: string;

  @Column({ type: 'text' })
  status: MerchantStatus;

  @Column({ type: 'int' })
  score: number;

  @Column({ name: 'score_inputs', type: 'jsonb', nullable: true })
  scoreInputs: CredibilityInputs | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Decisions taken since load; the service inserts them with the merchant. */
  pendingAudit: MerchantAuditEntry[] = [];

  static register(input: {
    id: string;
    ownerSubject: string;
    legalName: string;
    contactName: string;
    contactEmail: string;
    contactPhone?: string;
    businessLicenceNumber: string;
    at: Date;
  }): Merchant {
    const merchant = Object.assign(new Merchant(), {
      ...input,
      contactPhone: input.contactPhone ?? null,
      status: 'PENDING_REVIEW' as MerchantStatus,
      score: 100,
      scoreInputs: null,
      createdAt: input.at,
    });
    merchant.record('REGISTERED', input.ownerSubject, input.at);
    return merchant;
  }

  // Each action names the states it may start from: the status graph alone lets `approve` lift a
  // suspension (skipping reinstate's document check) and `reinstate` approve a pending registration.
  approve(actor: string, at: Date): void {
    this.moveTo(['PENDING_REVIEW'], 'APPROVED', 'APPROVED', actor, at);
  }

  reject(actor: string, reason: string, at: Date): void {
    this.moveTo(['PENDING_REVIEW'], 'REJECTED', 'REJECTED', actor, at, reason);
  }

  suspend(actor: string, reason: string, at: Date): void {
    this.moveTo(['APPROVED'], 'SUSPENDED', 'SUSPENDED', actor, at, reason);
  }

  reinstate(actor: string, reason: string, at: Date): void {
    this.moveTo(['SUSPENDED'], 'APPROVED', 'REINSTATED', actor, at, reason);
  }

  /** Only products of approved merchants may be listed. */
  get mayList(): boolean {
    return this.status === 'APPROVED';
  }

  record(action: MerchantAction, actor: string, at: Date, reason?: string): void {
    this.pendingAudit.push(MerchantAuditEntry.of(this.id, action, actor, at, reason));
  }

  private moveTo(
    from: readonly MerchantStatus[],
    status: MerchantStatus,
    action: MerchantAction,
    actor: string,
    at: Date,
    reason?: string,
  ): void {
    if (!from.includes(this.status) || !canTransition(this.status, status))
      throw new IllegalMerchantTransitionError(this.id, this.status, status);
    this.status = status;
    this.record(action, actor, at, reason);
  }

  // The events of each decision, built by the merchant itself (as FTGO's Order returns its events).

  registeredEvent(documents: MerchantDocument[]): MerchantRegisteredV1 {
    return {
      merchantId: this.id,
      status: this.status,
      legalName: this.legalName,
      contactEmail: this.contactEmail,
      businessLicenceNumber: this.businessLicenceNumber,
      documents: documents.map((d) => ({
        documentId: d.id,
        type: d.type,
        number: d.number,
        issuer: d.issuer,
        expiresOn: d.expiresOn,
        url: d.url,
      })),
      registeredBy: this.ownerSubject,
      registeredAt: this.createdAt.toISOString(),
    };
  }

  approvedEvent(actor: string, at: Date): MerchantApprovedV1 {
    return { merchantId: this.id, status: this.status, legalName: this.legalName, actor, approvedAt: at.toISOString() };
  }

  rejectedEvent(reason: string, actor: string, at: Date): MerchantRejectedV1 {
    return {
      merchantId: this.id,
      status: this.status,
      legalName: this.legalName,
      reason,
      actor,
      rejectedAt: at.toISOString(),
    };
  }

  suspendedEvent(cause: SuspensionCause, reason: string, actor: string, at: Date): MerchantSuspendedV1 {
    return {
      merchantId: this.id,
      status: this.status,
      legalName: this.legalName,
      cause,
      reason,
      actor,
      suspendedAt: at.toISOString(),
    };
  }

  reinstatedEvent(reason: string, actor: string, at: Date): MerchantReinstatedV1 {
    return {
      merchantId: this.id,
      status: this.status,
      legalName: this.legalName,
      reason,
      actor,
      reinstatedAt: at.toISOString(),
    };
  }
}
