import { IsIn, IsISO8601, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { MERCHANT_STATUSES, MerchantStatus } from './merchant-status.v1';

/** Why a merchant was suspended: by an ops decision, or automatically. */
export const SUSPENSION_CAUSES = ['OPS_DECISION', 'DOCUMENT_EXPIRED', 'LOW_CREDIBILITY_SCORE'] as const;
export type SuspensionCause = (typeof SUSPENSION_CAUSES)[number];

export class MerchantSuspendedV1 {
  @IsUUID()
  merchantId: string;

  /** The status the merchant is in after this event (SUSPENDED). */
  @IsIn(MERCHANT_STATUSES)
  status: MerchantStatus;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  legalName: string;

  @IsIn(SUSPENSION_CAUSES)
  cause: SuspensionCause;

  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;

  /** The ops user's subject, or `system` for an automatic suspension. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  actor: string;

  @IsISO8601({ strict: true })
  suspendedAt: string;
}

export const MerchantSuspended = defineEvent({
  name: 'merchants.merchant.suspended',
  version: 1,
  topic: Topics.merchantsMerchant,
  dataClass: MerchantSuspendedV1,
  summary: 'The merchant may no longer sell: catalog delists all its products on this event.',
  subjectOf: (data) => data.merchantId,
  example: {
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    status: 'SUSPENDED',
    legalName: 'Green Threads GmbH',
    cause: 'DOCUMENT_EXPIRED',
    reason: 'BUSINESS_LICENCE HRB-123456 expired on 2026-11-30',
    actor: 'system',
    suspendedAt: '2026-12-01T00:00:05.000Z',
  },
});
