import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search at a million products (see apps/catalog/README.md, "Search"):
 * - ranking served by a RUM index (positions are kept in the index, so `ORDER BY vector <=> query LIMIT n`
 *   reads n rows instead of ranking every match);
 * - the vector is built in the catalogue's language (search_settings) and includes the category path's
 *   names (weight B), so a category word finds the category's products;
 * - ops-editable synonyms and stop words; a suggestion list of brands and categories.
 */
export class SearchAtScale1764500000000 implements MigrationInterface {
  name = 'SearchAtScale1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Not a trusted extension: the migration role must be a superuser (it is, in every environment the
    // project's scripts create) and the server needs the postgresql-15-rum package.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS rum`);
    // Edit distance for typos trigrams miss: a transposition in a short word ("sonroa").
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS fuzzystrmatch`);

    // One row: the catalogue's language (a text search configuration: stemming and its stop words) and
    // extra stop words dropped from queries.
    await queryRunner.query(`
      CREATE TABLE search_settings (
        id          boolean PRIMARY KEY DEFAULT true CHECK (id),
        language    regconfig NOT NULL DEFAULT 'english',
        stop_words  text[] NOT NULL DEFAULT '{}',
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`INSERT INTO search_settings DEFAULT VALUES`);

    // A query word also matches its synonyms (one direction: "tee" finds shirts, "shirt" does not find tees).
    await queryRunner.query(`
      CREATE TABLE search_synonyms (
        term        text PRIMARY KEY,
        synonyms    text[] NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);

    // Brands and categories for suggestions (words of titles are in search_terms already). Small: a row per
    // brand or category, not per product.
    await queryRunner.query(`
      CREATE TABLE search_suggestions (
        kind    text NOT NULL CHECK (kind IN ('brand', 'category')),
        phrase  text NOT NULL,
        ref     text,
        PRIMARY KEY (kind, phrase)
      )`);
    await queryRunner.query(
      `CREATE INDEX search_suggestions_prefix ON search_suggestions (lower(phrase) text_pattern_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX search_suggestions_trigram ON search_suggestions USING gin (lower(phrase) gin_trgm_ops)`,
    );
    await queryRunner.query(`CREATE INDEX search_terms_prefix ON search_terms (term text_pattern_ops)`);

    await queryRunner.query(`ALTER TABLE products ADD COLUMN search_language regconfig NOT NULL DEFAULT 'english'`);
    await queryRunner.query(`ALTER TABLE products ADD COLUMN search_category text NOT NULL DEFAULT ''`);
    await queryRunner.query(`
      CREATE FUNCTION products_search_fields() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          NEW.search_language := (SELECT language FROM search_settings);
        END IF;
        IF TG_OP = 'INSERT' OR NEW.category_id IS DISTINCT FROM OLD.category_id THEN
          NEW.search_category := coalesce((
            SELECT string_agg(a.name, ' ' ORDER BY length(a.path))
            FROM categories c JOIN categories a ON c.path LIKE a.path || '%'
            WHERE c.id = NEW.category_id), '');
        END IF;
        RETURN NEW;
      END $$`);
    // Generated columns are computed after BEFORE triggers, so the vector sees these fields.
    await queryRunner.query(`
      CREATE TRIGGER products_search_fields BEFORE INSERT OR UPDATE OF category_id ON products
      FOR EACH ROW EXECUTE FUNCTION products_search_fields()`);
    await queryRunner.query(`
      UPDATE products p SET search_category = coalesce((
        SELECT string_agg(a.name, ' ' ORDER BY length(a.path))
        FROM categories c JOIN categories a ON c.path LIKE a.path || '%' WHERE c.id = p.category_id), '')`);

    await queryRunner.query(`
      CREATE FUNCTION search_suggestion_of_brand() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'LISTED' AND NEW.brand IS NOT NULL AND btrim(NEW.brand) <> '' THEN
          INSERT INTO search_suggestions (kind, phrase) VALUES ('brand', NEW.brand) ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER search_suggestion_of_brand AFTER INSERT OR UPDATE OF status, brand ON products
      FOR EACH ROW WHEN (NEW.status = 'LISTED') EXECUTE FUNCTION search_suggestion_of_brand()`);
    await queryRunner.query(`
      CREATE FUNCTION search_suggestion_of_category() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO search_suggestions (kind, phrase, ref) VALUES ('category', NEW.name, NEW.id::text) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER search_suggestion_of_category AFTER INSERT ON categories
      FOR EACH ROW EXECUTE FUNCTION search_suggestion_of_category()`);
    await queryRunner.query(
      `INSERT INTO search_suggestions (kind, phrase) SELECT DISTINCT 'brand', brand FROM products WHERE status = 'LISTED' AND btrim(coalesce(brand, '')) <> '' ON CONFLICT DO NOTHING`,
    );
    await queryRunner.query(
      `INSERT INTO search_suggestions (kind, phrase, ref) SELECT 'category', name, id::text FROM categories ON CONFLICT DO NOTHING`,
    );

    // The vector again, now in the product's language and with its category path.
    await queryRunner.query(`DROP INDEX products_search`);
    await queryRunner.query(`ALTER TABLE products DROP COLUMN search_vector`);
    await queryRunner.query(`
      ALTER TABLE products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector(search_language, title), 'A') ||
        setweight(to_tsvector(search_language, coalesce(brand, '')), 'A') ||
        setweight(to_tsvector(search_language, search_category), 'B') ||
        setweight(to_tsvector(search_language, description), 'C')
      ) STORED`);
    // RUM with the sales count attached to every posting (order_by_attach): it matches (@@) and returns
    // matches best-selling first, so relevance ranks a bounded candidate set however broad the word.
    // (Measured later: the scan still reads and sorts the word's whole posting list before its first
    // row, whatever the LIMIT: 13 ms for a word matching 33,000 of a million products. See the README.) (Ordering by text rank, `<=>` on
    // rum_tsvector_ops, scores every match inside the index: 130-240 ms for a word matching 58,000 of a
    // million products, measured; see the catalog README.)
    await queryRunner.query(`
      CREATE INDEX products_search_rum ON products
      USING rum (search_vector rum_tsvector_addon_ops, units_sold)
      WITH (attach = 'units_sold', to = 'search_vector', order_by_attach = 't')
      WHERE status = 'LISTED'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX products_search_rum`);
    await queryRunner.query(`ALTER TABLE products DROP COLUMN search_vector`);
    await queryRunner.query(`DROP TRIGGER search_suggestion_of_category ON categories`);
    await queryRunner.query(`DROP TRIGGER search_suggestion_of_brand ON products`);
    await queryRunner.query(`DROP TRIGGER products_search_fields ON products`);
    await queryRunner.query(
      `DROP FUNCTION search_suggestion_of_category(), search_suggestion_of_brand(), products_search_fields()`,
    );
    await queryRunner.query(`ALTER TABLE products DROP COLUMN search_category, DROP COLUMN search_language`);
    await queryRunner.query(`
      ALTER TABLE products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', coalesce(brand, '')), 'A') ||
        setweight(to_tsvector('english', description), 'C')
      ) STORED`);
    await queryRunner.query(
      `CREATE INDEX products_search ON products USING gin (search_vector) WHERE status = 'LISTED'`,
    );
    await queryRunner.query(`DROP INDEX search_terms_prefix`);
    await queryRunner.query(`DROP TABLE search_suggestions, search_synonyms, search_settings`);
  }
}
