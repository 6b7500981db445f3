import { messagingMigrations } from '@emporium/messaging';
import { IdempotencyKeysTable1763800000001 } from '@emporium/platform';
import { Marketing1763800007000 } from './migrations/1763800007000-marketing';

// Plain SQL throughout: the caps are conditional UPDATEs (the rule is the WHERE clause), so no TypeORM entities.
export const entities = [];
export const migrations = [...messagingMigrations, IdempotencyKeysTable1763800000001, Marketing1763800007000];
