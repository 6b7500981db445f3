import { MessagingTables1763800000000 } from '@emporium/messaging';
import { IdempotencyKeysTable1763800000001 } from '@emporium/platform';
import { MerchantAuditEntry } from './merchants/merchant-audit.entity';
import { MerchantDocument } from './merchants/merchant-document.entity';
import { Merchant } from './merchants/merchant.entity';
import { Merchants1763800003000 } from './migrations/1763800003000-merchants';

export const entities = [Merchant, MerchantDocument, MerchantAuditEntry];
export const migrations = [MessagingTables1763800000000, IdempotencyKeysTable1763800000001, Merchants1763800003000];
