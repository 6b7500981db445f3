import { IsIn, IsISO8601, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { MERCHANT_STATUSES, MerchantStatus } from './merchant-status.v1';

export class MerchantApprovedV1 {
  @IsUUID()
  merchantId: string;

  /** The status the merchant is in after this event. */
  @IsIn(MERCHANT_STATUSES)
  status: MerchantStatus;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  legalName: string;

  /** The ops user's subject, or `system` for an automatic action. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  actor: string;

  @IsISO8601({ strict: true })
  approvedAt: string;
}

export const MerchantApproved = defineEvent({
  name: 'merchants.merchant.approved',
  version: 1,
  topic: Topics.merchantsMerchant,
  dataClass: MerchantApprovedV1,
  summary: 'Ops approved the merchant after review; it may now list products.',
  subjectOf: (data) => data.merchantId,
  example: {
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    status: 'APPROVED',
    legalName: 'Green Threads GmbH',
    actor: 'ops-anna',
    approvedAt: '2026-11-21T14:30:00.000Z',
  },
});
