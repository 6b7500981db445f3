import { messagingMigrations } from '@emporium/messaging';
import { IdempotencyKeysTable1763800000001 } from '@emporium/platform';
import { Membership1763800006000 } from './migrations/1763800006000-membership';

// Plain SQL throughout: the ledger's rules are row locks, unique references and sums, clearer in SQL
// than behind an ORM, so no TypeORM entities.
export const entities = [];
export const migrations = [...messagingMigrations, IdempotencyKeysTable1763800000001, Membership1763800006000];
