import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The top sellers' tier of the search index. The RUM index reads a word's whole posting list before its
 * first row (13 ms for a word in 33,000 of a million products, 60 ms for one in 114,000), so relevance's
 * candidates (the best-selling matches) came at a price that grew with the word. A second RUM index holds
 * only the top sellers (`search_top_seller`, the best-selling 5 % by default): a broad word's best-selling
 * matches are all there, behind a posting list twenty times shorter. The search asks it first and falls
 * back to the whole index when it holds fewer matches than the candidate window (search.service.ts).
 *
 * Why that is exact, not an approximation: every product at or above the threshold is flagged and no
 * product below it is (the trigger flags each product as its sales change, reading the threshold under a
 * lock that `search_top_sellers_refresh` takes exclusively while it moves the threshold and re-flags).
 * So a product outside the tier never outsells one inside it, and when the tier holds a full window of
 * matches, those are the best-selling matches of the whole catalogue.
 */
export class TopSellerTier1765400000000 implements MigrationInterface {
  name = 'TopSellerTier1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE search_top_seller_threshold (
        singleton    boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        units_sold   int,
        refreshed_at timestamptz
      )`);
    await queryRunner.query(`INSERT INTO search_top_seller_threshold DEFAULT VALUES`);
    await queryRunner.query(`ALTER TABLE products ADD COLUMN search_top_seller boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`
      CREATE FUNCTION search_is_top_seller(units_sold int, threshold int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce(units_sold > 0 AND units_sold >= threshold, false)
      $$`);
    // A relisted product is flagged again too: the refresh only re-flags listed products.
    await queryRunner.query(`
      CREATE FUNCTION products_top_seller_flag() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_top_seller := search_is_top_seller(NEW.units_sold, (SELECT units_sold FROM search_top_seller_threshold));
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER products_top_seller_flag BEFORE INSERT OR UPDATE OF units_sold, status ON products
      FOR EACH ROW EXECUTE FUNCTION products_top_seller_flag()`);
    // Moves the threshold to the sales of the best-selling `share` of listed products and re-flags. One
    // replica at a time (the others skip). The threshold is chosen from a snapshot; the re-flag runs under
    // the lock, which the trigger waits for, and touches only the products between the old threshold and
    // the new one (everything else is already on its side: the trigger flagged it against the old one).
    // At a million products a refresh that moves nothing holds writers off for a few ms.
    await queryRunner.query(`
      CREATE FUNCTION search_top_sellers_refresh(share numeric) RETURNS int LANGUAGE plpgsql AS $$
      DECLARE
        listed bigint;
        threshold int;
        previous int;
      BEGIN
        IF NOT pg_try_advisory_xact_lock(hashtext('search_top_sellers_refresh')) THEN RETURN NULL; END IF;
        SELECT coalesce(sum(n), 0) INTO listed FROM search_facet_cells;  -- every listed product, once
        SELECT units_sold INTO threshold FROM products WHERE status = 'LISTED'
        ORDER BY units_sold DESC, id DESC OFFSET greatest(ceil(listed * share)::bigint - 1, 0) LIMIT 1;

        LOCK TABLE search_top_seller_threshold IN ACCESS EXCLUSIVE MODE;
        SELECT units_sold INTO previous FROM search_top_seller_threshold;
        UPDATE search_top_seller_threshold SET units_sold = threshold, refreshed_at = now();
        IF previous IS NULL OR threshold IS NULL THEN
          UPDATE products SET search_top_seller = search_is_top_seller(units_sold, threshold)
          WHERE status = 'LISTED' AND search_top_seller IS DISTINCT FROM search_is_top_seller(units_sold, threshold);
        ELSIF threshold > previous THEN
          UPDATE products SET search_top_seller = false
          WHERE status = 'LISTED' AND search_top_seller AND units_sold >= previous AND units_sold < threshold;
        ELSIF threshold < previous THEN
          UPDATE products SET search_top_seller = true
          WHERE status = 'LISTED' AND NOT search_top_seller AND units_sold >= threshold AND units_sold < previous
            AND search_is_top_seller(units_sold, threshold);
        END IF;
        RETURN threshold;
      END $$`);
    // Flag first, then build the tier's indexes once: flagging with them in place inserts row by row.
    await queryRunner.query(`SELECT search_top_sellers_refresh(0.05)`);
    await queryRunner.query(`
      CREATE INDEX products_search_rum_top_sellers ON products
      USING rum (search_vector rum_tsvector_addon_ops, units_sold)
      WITH (attach = 'units_sold', to = 'search_vector', order_by_attach = 't')
      WHERE status = 'LISTED' AND search_top_seller`);
    // The planner's figures for the new column (the refresh's updates read the sales index by range).
    await queryRunner.query(`ANALYZE products`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX products_search_rum_top_sellers`);
    await queryRunner.query(`DROP FUNCTION search_top_sellers_refresh(numeric)`);
    await queryRunner.query(`DROP TRIGGER products_top_seller_flag ON products`);
    await queryRunner.query(`DROP FUNCTION products_top_seller_flag()`);
    await queryRunner.query(`DROP FUNCTION search_is_top_seller(int, int)`);
    await queryRunner.query(`ALTER TABLE products DROP COLUMN search_top_seller`);
    await queryRunner.query(`DROP TABLE search_top_seller_threshold`);
  }
}
