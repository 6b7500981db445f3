import { ForbiddenException } from '@nestjs/common';
import { EventMetadata, MerchantSuspended, SuspensionCause } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { NotFoundError, Principal } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { QualificationDocumentDto } from './dto/register-merchant.dto';
import { MerchantAuditEntry } from './merchant-audit.entity';
import { MerchantDocument } from './merchant-document.entity';
import { Merchant } from './merchant.entity';

/** Loading, locking, reading rights and the suspension every merchants service shares. */

/** The system actor of automatic decisions (expired documents, low score). */
export const SYSTEM = 'system';

export async function loadMerchant(manager: EntityManager, id: string): Promise<Merchant> {
  const merchant = await manager.findOneBy(Merchant, { id });
  if (!merchant) throw new NotFoundError('merchant', id);
  return merchant;
}

export async function lockMerchant(manager: EntityManager, id: string): Promise<Merchant> {
  const merchant = await manager.findOne(Merchant, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!merchant) throw new NotFoundError('merchant', id);
  return merchant;
}

export function isOps(principal: Principal): boolean {
  return principal.roles.includes('ops') || principal.roles.includes('service');
}

export function isOwner(merchant: Merchant, principal: Principal): boolean {
  return principal.merchantId === merchant.id || principal.subject === merchant.ownerSubject;
}

/** A merchant user sees only its own merchant: 403, as the issue asks, not a 404 that hides it. */
export function assertMayRead(merchant: Merchant, principal: Principal): void {
  // Narrowest scope wins: a token holding `merchant` reads only its own merchant, even if it holds ops too.
  const mayRead = principal.roles.includes('merchant') ? isOwner(merchant, principal) : isOps(principal);
  if (!mayRead) throw new ForbiddenException('A merchant may only read its own merchant record');
}

export function utcDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function newDocument(merchantId: string, document: QualificationDocumentDto): MerchantDocument {
  return Object.assign(new MerchantDocument(), { id: randomUUID(), merchantId, ...document, warnedAt: null });
}

/** Document types whose newest document has expired. */
export async function expiredDocuments(manager: EntityManager, merchantId: string, today: string) {
  const rows: { id: string; type: string; number: string; expires_on: string }[] = await manager.query(
    `SELECT DISTINCT ON (type) id, type, number, expires_on::text AS expires_on FROM merchant_documents
     WHERE merchant_id = $1 ORDER BY type, expires_on DESC`,
    [merchantId],
  );
  return rows
    .filter((row) => row.expires_on < today)
    .map((row) => ({ documentId: row.id, type: row.type, number: row.number, expiresOn: row.expires_on }));
}

/** A suspension by ops, by the document sweep or by the credibility score: the same transition and event. */
export async function suspend(
  outbox: Outbox,
  manager: EntityManager,
  merchant: Merchant,
  cause: SuspensionCause,
  reason: string,
  actor: string,
  at: Date,
  causedBy?: EventMetadata,
) {
  merchant.suspend(actor, reason, at);
  await outbox.publish(manager, MerchantSuspended, merchant.suspendedEvent(cause, reason, actor, at), { causedBy });
}

/** A decision changes the status and adds audit entries; nothing else of the merchant row. */
export async function saveDecision(manager: EntityManager, merchant: Merchant): Promise<void> {
  await manager.update(Merchant, { id: merchant.id }, { status: merchant.status });
  await manager.insert(MerchantAuditEntry, merchant.pendingAudit.splice(0));
}
