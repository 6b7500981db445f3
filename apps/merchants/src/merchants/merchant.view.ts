import { MerchantAuditEntry } from './merchant-audit.entity';
import { MerchantDocument } from './merchant-document.entity';
import { Merchant } from './merchant.entity';

export function documentView(document: MerchantDocument) {
  return {
    id: document.id,
    type: document.type,
    number: document.number,
    issuer: document.issuer,
    expiresOn: document.expiresOn,
    url: document.url,
  };
}

/** The merchant as the API shows it. The score and its inputs are for ops only (see score()). */
export function merchantView(merchant: Merchant, documents: MerchantDocument[] = [], audit: MerchantAuditEntry[] = []) {
  return {
    id: merchant.id,
    legalName: merchant.legalName,
    contactName: merchant.contactName,
    contactEmail: merchant.contactEmail,
    contactPhone: merchant.contactPhone ?? undefined,
    businessLicenceNumber: merchant.businessLicenceNumber,
    status: merchant.status,
    documents: documents.map(documentView),
    audit: audit.map((entry) => ({
      action: entry.action,
      actor: entry.actor,
      reason: entry.reason ?? undefined,
      at: entry.at.toISOString(),
    })),
    createdAt: merchant.createdAt.toISOString(),
  };
}

export type MerchantView = ReturnType<typeof merchantView>;
