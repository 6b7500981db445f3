import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * The pg pool under TypeORM, for search's few fixed statements that run as named prepared statements
 * (`pool.query({ name, text, values })`): PostgreSQL plans a named statement's first five runs per
 * connection for their values, then keeps one generic plan when that costs no more, and stops planning it.
 * That pays for a statement whose planning costs as much as its run and whose generic plan is a good one:
 * the suggestion (2.2 ms of planning, 0.9 of running) and the dictionary correction of a query word (0.6 and
 * 0.24), both written so that every prefix is a btree range (`startsWithSql`). Their result columns are
 * spelled out, so a migration while a replica runs does not invalidate them. Behind a pooler in transaction
 * mode, the pooler must track prepared statements (PgBouncer 1.21+: max_prepared_statements).
 *
 * Not for the page queries: PostgreSQL kept planning them per run anyway, or chose a generic plan that ran
 * slower (a word with a price range, 4.3 → 6.0 ms; catalog README, "What limits search on one machine").
 */
export function namedStatementPool(dataSource: DataSource): Pool {
  return (dataSource.driver as PostgresDriver).master as Pool;
}
