import { IsNotEmpty, IsString, IsUrl, IsUUID, Matches, MaxLength } from 'class-validator';

/** A merchant's standing. Every merchant event carries the status it leaves the merchant in. */
export const MERCHANT_STATUSES = ['PENDING_REVIEW', 'APPROVED', 'REJECTED', 'SUSPENDED'] as const;
export type MerchantStatus = (typeof MERCHANT_STATUSES)[number];

/** A qualification document (business licence, food permit, ...). `expiresOn` is a calendar date. */
export class QualificationDocumentV1 {
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

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  issuer: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'expiresOn must be a date, YYYY-MM-DD' })
  expiresOn: string;

  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  url: string;
}
