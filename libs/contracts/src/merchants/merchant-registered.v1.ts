import { Type } from 'class-transformer';
import {
  IsArray,
  IsEmail,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { MERCHANT_STATUSES, MerchantStatus, QualificationDocumentV1 } from './merchant-status.v1';

export class MerchantRegisteredV1 {
  @IsUUID()
  merchantId: string;

  @IsIn(MERCHANT_STATUSES)
  status: MerchantStatus;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  legalName: string;

  @IsEmail()
  contactEmail: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  businessLicenceNumber: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => QualificationDocumentV1)
  documents: QualificationDocumentV1[];

  /** The merchant user who registered it. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  registeredBy: string;

  @IsISO8601({ strict: true })
  registeredAt: string;
}

export const MerchantRegistered = defineEvent({
  name: 'merchants.merchant.registered',
  version: 1,
  topic: Topics.merchantsMerchant,
  dataClass: MerchantRegisteredV1,
  summary: 'A seller registered and waits in the ops review queue (PENDING_REVIEW).',
  subjectOf: (data) => data.merchantId,
  example: {
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    status: 'PENDING_REVIEW',
    legalName: 'Green Threads GmbH',
    contactEmail: 'ops@greenthreads.example',
    businessLicenceNumber: 'HRB-123456',
    documents: [
      {
        documentId: '1f0e2d3c-4b5a-4697-8887-766554433221',
        type: 'BUSINESS_LICENCE',
        number: 'HRB-123456',
        issuer: 'Amtsgericht Berlin',
        expiresOn: '2028-12-31',
        url: 'https://files.example/greenthreads/licence.pdf',
      },
    ],
    registeredBy: 'user-4711',
    registeredAt: '2026-11-20T09:00:00.000Z',
  },
});
