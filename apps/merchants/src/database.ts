import { messagingMigrations } from '@emporium/messaging';
import { IdempotencyKeysTable1763800000001 } from '@emporium/platform';
import { MerchantAuditEntry } from './merchants/merchant-audit.entity';
import { MerchantDocument } from './merchants/merchant-document.entity';
import { Merchant } from './merchants/merchant.entity';
import { Merchants1763800003000 } from './migrations/1763800003000-merchants';
import { DropUnusedVersion1765000000000 } from './migrations/1765000000000-drop-unused-version';

export const entities = [Merchant, MerchantDocument, MerchantAuditEntry];
export const migrations = [
  ...messagingMigrations,
  IdempotencyKeysTable1763800000001,
  Merchants1763800003000,
  DropUnusedVersion1765000000000,
];
