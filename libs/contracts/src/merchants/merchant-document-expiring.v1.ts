import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { MERCHANT_STATUSES, MerchantStatus } from './merchant-status.v1';

export class MerchantDocumentExpiringV1 {
  @IsUUID()
  merchantId: string;

  @IsIn(MERCHANT_STATUSES)
  status: MerchantStatus;

  @IsUUID()
  documentId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  type: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  number: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'expiresOn must be a date, YYYY-MM-DD' })
  expiresOn: string;

  @IsInt()
  @Min(0)
  daysLeft: number;

  @IsISO8601({ strict: true })
  warnedAt: string;
}

export const MerchantDocumentExpiring = defineEvent({
  name: 'merchants.merchant.document-expiring',
  version: 1,
  topic: Topics.merchantsMerchant,
  dataClass: MerchantDocumentExpiringV1,
  summary: 'A qualification document expires soon; the merchant is suspended automatically when it does.',
  subjectOf: (data) => data.merchantId,
  example: {
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    status: 'APPROVED',
    documentId: '1f0e2d3c-4b5a-4697-8887-766554433221',
    type: 'BUSINESS_LICENCE',
    number: 'HRB-123456',
    expiresOn: '2026-11-30',
    daysLeft: 14,
    warnedAt: '2026-11-16T00:00:00.000Z',
  },
});
