import { IsIn, IsISO8601, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { MERCHANT_STATUSES, MerchantStatus } from './merchant-status.v1';

export class MerchantReinstatedV1 {
  @IsUUID()
  merchantId: string;

  /** The status the merchant is in after this event. */
  @IsIn(MERCHANT_STATUSES)
  status: MerchantStatus;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  legalName: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;

  /** The ops user's subject, or `system` for an automatic action. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  actor: string;

  @IsISO8601({ strict: true })
  reinstatedAt: string;
}

export const MerchantReinstated = defineEvent({
  name: 'merchants.merchant.reinstated',
  version: 1,
  topic: Topics.merchantsMerchant,
  dataClass: MerchantReinstatedV1,
  summary:
    'Ops lifted a suspension. Products delisted by the suspension stay delisted until the merchant relists them.',
  subjectOf: (data) => data.merchantId,
  example: {
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    status: 'APPROVED',
    legalName: 'Green Threads GmbH',
    reason: 'Renewed licence verified.',
    actor: 'ops-anna',
    reinstatedAt: '2026-11-21T14:30:00.000Z',
  },
});
