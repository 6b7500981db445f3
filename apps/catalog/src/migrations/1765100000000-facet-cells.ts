import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facet counts for browsing without words (a category page, a brand page, "everything") read a small table
 * instead of every listed product: `search_facet_cells` counts listed products per category, brand, price
 * bucket and whole-star rating, kept exact by a trigger on `products` in the writing transaction. At a
 * million products the counts of a top category took 0.7–3 s from the products; from the cells they take
 * milliseconds. Text searches still count their matches (facets.ts).
 *
 * `price_bucket` is `width_bucket(min_price, PRICE_EDGES)` (0 when the product has no price: not in a price
 * facet); `rating_floor` is the whole stars of the average (-1 with no review), so "rated, at least s stars"
 * is `rating_floor >= s` for whole stars s. The edges are the ones in facets.ts.
 */
export class FacetCells1765100000000 implements MigrationInterface {
  name = 'FacetCells1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE search_facet_cells (
        category_id  uuid   NOT NULL,
        brand_key    text   NOT NULL,
        price_bucket int    NOT NULL,
        rating_floor int    NOT NULL,
        n            bigint NOT NULL,
        PRIMARY KEY (category_id, brand_key, price_bucket, rating_floor)
      )`);
    // A product's cell, written once: the trigger and the backfill both use these.
    await queryRunner.query(`
      CREATE FUNCTION search_facet_price_bucket(min_price bigint) RETURNS int LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce(width_bucket(min_price, ARRAY[0, 1000, 2500, 5000, 10000, 25000, 50000, 100000]::bigint[]), 0)
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION search_facet_rating_floor(rating_count int, rating_average real) RETURNS int LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN rating_count > 0 THEN floor(rating_average)::int ELSE -1 END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION search_facet_cell_delta(p products, delta int) RETURNS void LANGUAGE sql AS $$
        INSERT INTO search_facet_cells (category_id, brand_key, price_bucket, rating_floor, n)
        VALUES (p.category_id, coalesce(lower(p.brand), ''), search_facet_price_bucket(p.min_price),
                search_facet_rating_floor(p.rating_count, p.rating_average), delta)
        ON CONFLICT (category_id, brand_key, price_bucket, rating_floor)
        DO UPDATE SET n = search_facet_cells.n + EXCLUDED.n
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION search_facet_cells_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'LISTED' THEN PERFORM search_facet_cell_delta(OLD, -1); END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status = 'LISTED' THEN PERFORM search_facet_cell_delta(NEW, 1); END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER search_facet_cells_on_insert_delete AFTER INSERT OR DELETE ON products
      FOR EACH ROW EXECUTE FUNCTION search_facet_cells_follow()`);
    // Sales counts change on every order and move no cell: only a change of a faceted field fires.
    await queryRunner.query(`
      CREATE TRIGGER search_facet_cells_on_update AFTER UPDATE ON products
      FOR EACH ROW WHEN (
        OLD.status IS DISTINCT FROM NEW.status OR OLD.category_id IS DISTINCT FROM NEW.category_id
        OR OLD.brand IS DISTINCT FROM NEW.brand OR OLD.min_price IS DISTINCT FROM NEW.min_price
        OR OLD.rating_count IS DISTINCT FROM NEW.rating_count OR OLD.rating_average IS DISTINCT FROM NEW.rating_average)
      EXECUTE FUNCTION search_facet_cells_follow()`);
    await queryRunner.query(`
      INSERT INTO search_facet_cells (category_id, brand_key, price_bucket, rating_floor, n)
      SELECT category_id, coalesce(lower(brand), ''), search_facet_price_bucket(min_price),
             search_facet_rating_floor(rating_count, rating_average), count(*)
      FROM products WHERE status = 'LISTED' GROUP BY 1, 2, 3, 4`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER search_facet_cells_on_update ON products`);
    await queryRunner.query(`DROP TRIGGER search_facet_cells_on_insert_delete ON products`);
    await queryRunner.query(`DROP FUNCTION search_facet_cells_follow()`);
    await queryRunner.query(`DROP FUNCTION search_facet_cell_delta(products, int)`);
    await queryRunner.query(`DROP FUNCTION search_facet_rating_floor(int, real)`);
    await queryRunner.query(`DROP FUNCTION search_facet_price_bucket(bigint)`);
    await queryRunner.query(`DROP TABLE search_facet_cells`);
  }
}
