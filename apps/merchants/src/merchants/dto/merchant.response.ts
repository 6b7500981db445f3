// Response bodies as the OpenAPI document shows them; the swagger plugin turns these types and comments
// into schemas (npm run openapi:generate). They describe what merchant.view.ts returns.
import type { MerchantStatus } from '@emporium/contracts';
import type { MerchantAction } from '../merchant-audit.entity';

export class QualificationDocumentResponse {
  id: string;
  /** e.g. BUSINESS_LICENCE */
  type: string;
  number: string;
  issuer: string;
  /** YYYY-MM-DD */
  expiresOn: string;
  url: string;
}

export class MerchantAuditEntryResponse {
  action: MerchantAction;
  /** Subject of the token that acted, or `system` */
  actor: string;
  reason?: string;
  /** ISO 8601 UTC */
  at: string;
}

export class MerchantResponse {
  id: string;
  legalName: string;
  contactName: string;
  contactEmail: string;
  contactPhone?: string;
  businessLicenceNumber: string;
  status: MerchantStatus;
  documents: QualificationDocumentResponse[];
  /** Oldest first */
  audit: MerchantAuditEntryResponse[];
  /** ISO 8601 UTC */
  createdAt: string;
}

export class MerchantPageResponse {
  /** Without documents and audit */
  items: MerchantResponse[];
  /** Pass as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

export class CredibilityInputsResponse {
  windowDays: number;
  completedOrders: number;
  complaints: number;
  lateShipments: number;
  returns: number;
  reviews: number;
  /** Mean rating 1-5, 0 when there are no reviews */
  averageRating: number;
}

export class CredibilityPenaltiesResponse {
  complaints: number;
  lateShipments: number;
  returns: number;
  rating: number;
}

export class MerchantScoreResponse {
  merchantId: string;
  status: MerchantStatus;
  /** 0-100 */
  score: number;
  inputs: CredibilityInputsResponse;
  penalties: CredibilityPenaltiesResponse;
  /** Below this score the merchant is suspended automatically */
  threshold: number;
}
