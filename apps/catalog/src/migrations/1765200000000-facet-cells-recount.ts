import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `search_facet_cells_recount()`: counts the facet cells again from the listed products. For a bulk load
 * that ran with the cell trigger disabled (the bench catalogue's seed: a million per-row upserts cost more
 * than one GROUP BY), or to check the cells after an incident. It takes a lock that the trigger's upserts
 * wait for, so products written meanwhile are counted once: by the recount if they committed before it, by
 * their own trigger after it.
 */
export class FacetCellsRecount1765200000000 implements MigrationInterface {
  name = 'FacetCellsRecount1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION search_facet_cells_recount() RETURNS bigint LANGUAGE plpgsql AS $$
      DECLARE cells bigint;
      BEGIN
        LOCK TABLE search_facet_cells IN SHARE ROW EXCLUSIVE MODE;
        DELETE FROM search_facet_cells;
        INSERT INTO search_facet_cells (category_id, brand_key, price_bucket, rating_floor, n)
        SELECT category_id, coalesce(lower(brand), ''), search_facet_price_bucket(min_price),
               search_facet_rating_floor(rating_count, rating_average), count(*)
        FROM products WHERE status = 'LISTED' GROUP BY 1, 2, 3, 4;
        GET DIAGNOSTICS cells = ROW_COUNT;
        RETURN cells;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION search_facet_cells_recount()`);
  }
}
