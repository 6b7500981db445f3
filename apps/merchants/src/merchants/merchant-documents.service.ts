import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { MerchantDocumentExpiring } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { InvalidInputException, Principal, SERVICE_CONFIG } from '@emporium/platform';
import { DataSource } from 'typeorm';
import type { MerchantsConfig } from '../config';
import { QualificationDocumentDto } from './dto/register-merchant.dto';
import {
  assertMayRead,
  expiredDocuments,
  isOps,
  isOwner,
  lockMerchant,
  newDocument,
  saveDecision,
  suspend,
  SYSTEM,
  utcDate,
} from './merchant-access';
import { MerchantAuditEntry } from './merchant-audit.entity';
import { MerchantDocument } from './merchant-document.entity';
import { MerchantRecords } from './merchant-records.service';
import { Merchant } from './merchant.entity';
import { MerchantView } from './merchant.view';

/** Qualification documents: adding renewed ones, and the sweep that warns before and suspends after expiry. */
@Injectable()
export class MerchantDocuments {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly records: MerchantRecords,
    @Inject(SERVICE_CONFIG) private readonly config: MerchantsConfig,
  ) {}

  /** A renewed or additional document; the newest document of a type is the one that counts. */
  async addDocument(id: string, request: QualificationDocumentDto, principal: Principal): Promise<MerchantView> {
    if (request.expiresOn < utcDate(new Date()))
      throw new InvalidInputException([{ field: 'expiresOn', message: 'the document has already expired' }]);
    await this.dataSource.transaction(async (manager) => {
      const merchant = await lockMerchant(manager, id);
      assertMayRead(merchant, principal);
      if (principal.roles.includes('merchant') ? !isOwner(merchant, principal) : !isOps(principal))
        throw new ForbiddenException('Only the merchant itself or ops may add its documents');
      const document = newDocument(id, request);
      await manager.insert(MerchantDocument, document);
      merchant.record(
        'DOCUMENT_ADDED',
        principal.subject,
        new Date(),
        `${document.type} ${document.number}, valid until ${document.expiresOn}`,
      );
      await manager.insert(MerchantAuditEntry, merchant.pendingAudit);
    });
    return this.records.get(id, principal);
  }

  /**
   * Warns about documents that expire within the warning period (once per document) and suspends
   * approved merchants with an expired document type. SKIP LOCKED lets every replica run it.
   */
  async sweepDocuments(now = new Date(), limit = 100): Promise<{ warned: number; suspended: number }> {
    const today = utcDate(now);
    const warnUntil = utcDate(new Date(now.getTime() + this.config.DOCUMENT_EXPIRY_WARNING_DAYS * 86_400_000));
    return this.dataSource.transaction(async (manager) => {
      const expiredMerchants: { id: string }[] = await manager.query(
        `SELECT m.id FROM merchants m
         WHERE m.status = 'APPROVED'
           AND EXISTS (SELECT 1 FROM merchant_documents d WHERE d.merchant_id = m.id GROUP BY d.type HAVING max(d.expires_on) < $1::date)
         ORDER BY m.id LIMIT $2 FOR UPDATE OF m SKIP LOCKED`,
        [today, limit],
      );
      for (const { id } of expiredMerchants) {
        const merchant = await manager.findOneByOrFail(Merchant, { id });
        const expired = await expiredDocuments(manager, id, today);
        const reason = expired.map((d) => `${d.type} ${d.number} expired on ${d.expiresOn}`).join('; ');
        await suspend(this.outbox, manager, merchant, 'DOCUMENT_EXPIRED', reason, SYSTEM, now);
        await saveDecision(manager, merchant);
      }

      // Only the newest document of each type is warned about: an older one that was renewed does not matter.
      const expiring: {
        id: string;
        merchant_id: string;
        type: string;
        number: string;
        expires_on: string;
        status: Merchant['status'];
      }[] = await manager.query(
        `SELECT d.id, d.merchant_id, d.type, d.number, d.expires_on::text AS expires_on, m.status
         FROM merchant_documents d JOIN merchants m ON m.id = d.merchant_id
         WHERE d.warned_at IS NULL AND d.expires_on >= $1::date AND d.expires_on <= $2::date AND m.status IN ('PENDING_REVIEW', 'APPROVED')
           AND NOT EXISTS (SELECT 1 FROM merchant_documents newer WHERE newer.merchant_id = d.merchant_id AND newer.type = d.type AND newer.expires_on > d.expires_on)
         ORDER BY d.expires_on, d.id LIMIT $3 FOR UPDATE OF d SKIP LOCKED`,
        [today, warnUntil, limit],
      );
      for (const document of expiring) {
        await manager.update(MerchantDocument, { id: document.id }, { warnedAt: now });
        await this.outbox.publish(manager, MerchantDocumentExpiring, {
          merchantId: document.merchant_id,
          status: document.status,
          documentId: document.id,
          type: document.type,
          number: document.number,
          expiresOn: document.expires_on,
          daysLeft: Math.round((Date.parse(document.expires_on) - Date.parse(today)) / 86_400_000),
          warnedAt: now.toISOString(),
        });
      }
      return { warned: expiring.length, suspended: expiredMerchants.length };
    });
  }
}
