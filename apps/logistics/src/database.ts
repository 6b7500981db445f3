import { messagingMigrations } from '@emporium/messaging';
import { IdempotencyKeysTable1763800000001 } from '@emporium/platform';
import { Logistics1763800005000 } from './migrations/1763800005000-logistics';
import { MemberTiers1763800006100 } from './migrations/1763800006100-member-tiers';

// Plain SQL throughout (the tables are small and the queries are the rules: claims with SKIP LOCKED,
// upserts that join two events), so no TypeORM entities.
export const entities = [];
export const migrations = [
  ...messagingMigrations,
  IdempotencyKeysTable1763800000001,
  Logistics1763800005000,
  MemberTiers1763800006100,
];
