import { messagingMigrations } from '@emporium/messaging';
import { IdempotencyKeysTable1763800000001 } from '@emporium/platform';
import { CustomerService1763800008000 } from './migrations/1763800008000-customer-service';
import { Tickets1763800008100 } from './migrations/1763800008100-tickets';
import { Faq1763800008200 } from './migrations/1763800008200-faq';
import { ReviewsSurveys1763800008300 } from './migrations/1763800008300-reviews-surveys';

// Plain SQL throughout (the rules live in the queries: row locks while a return reserves units, unique
// keys that make a notification or an SLA breach happen once), so no TypeORM entities.
export const entities = [];
export const migrations = [
  ...messagingMigrations,
  IdempotencyKeysTable1763800000001,
  CustomerService1763800008000,
  Tickets1763800008100,
  Faq1763800008200,
  ReviewsSurveys1763800008300,
];
