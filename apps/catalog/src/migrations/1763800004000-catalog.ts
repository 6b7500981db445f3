import { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1763800004000 implements MigrationInterface {
  name = 'Catalog1763800004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Trigram matching for typo-tolerant search. A trusted extension since PostgreSQL 13: the database
    // owner may create it without superuser rights.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // `path` is the chain of ids from the root, '/a/b/c/': a category's subtree is a prefix match.
    await queryRunner.query(`
      CREATE TABLE categories (
        id                   uuid PRIMARY KEY,
        parent_id            uuid REFERENCES categories (id),
        name                 text NOT NULL,
        path                 text NOT NULL UNIQUE,
        required_attributes  text[] NOT NULL DEFAULT '{}',
        created_at           timestamptz NOT NULL DEFAULT now(),
        UNIQUE (parent_id, name)
      )`);
    await queryRunner.query(`CREATE INDEX categories_path ON categories (path text_pattern_ops)`);

    // Read model of the merchants service: only products of APPROVED merchants may be listed.
    await queryRunner.query(`
      CREATE TABLE merchant_standings (
        merchant_id  uuid PRIMARY KEY,
        status       text NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE products (
        id                 uuid PRIMARY KEY,
        merchant_id        uuid NOT NULL,
        title              text NOT NULL,
        description        text NOT NULL DEFAULT '',
        brand              text,
        category_id        uuid NOT NULL REFERENCES categories (id),
        attributes         jsonb NOT NULL DEFAULT '{}',
        images             jsonb NOT NULL DEFAULT '[]',
        status             text NOT NULL CHECK (status IN ('DRAFT', 'IN_REVIEW', 'LISTED', 'REJECTED', 'DELISTED')),
        findings           jsonb NOT NULL DEFAULT '[]',
        rejection_reasons  jsonb NOT NULL DEFAULT '[]',
        min_price          bigint,
        currency           char(3),
        rating_count       int NOT NULL DEFAULT 0,
        rating_sum         int NOT NULL DEFAULT 0,
        rating_average     real NOT NULL DEFAULT 0,
        units_sold         int NOT NULL DEFAULT 0,
        listed_at          timestamptz,
        version            int NOT NULL DEFAULT 1,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        search_vector      tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', title), 'A') ||
          setweight(to_tsvector('english', coalesce(brand, '')), 'A') ||
          setweight(to_tsvector('english', description), 'C')
        ) STORED
      )`);
    // Search only ever looks at listed products: partial indexes stay small and exact for it.
    await queryRunner.query(
      `CREATE INDEX products_search ON products USING gin (search_vector) WHERE status = 'LISTED'`,
    );
    await queryRunner.query(
      `CREATE INDEX products_listed_newest ON products (listed_at DESC, id DESC) WHERE status = 'LISTED'`,
    );
    await queryRunner.query(`CREATE INDEX products_listed_price ON products (min_price, id) WHERE status = 'LISTED'`);
    await queryRunner.query(
      `CREATE INDEX products_listed_best_selling ON products (units_sold DESC, id DESC) WHERE status = 'LISTED'`,
    );
    await queryRunner.query(`CREATE INDEX products_listed_category ON products (category_id) WHERE status = 'LISTED'`);
    await queryRunner.query(`CREATE INDEX products_listed_brand ON products (lower(brand)) WHERE status = 'LISTED'`);
    await queryRunner.query(`CREATE INDEX products_merchant ON products (merchant_id, created_at, id)`);

    await queryRunner.query(`
      CREATE TABLE skus (
        sku           text PRIMARY KEY,
        product_id    uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        options       jsonb NOT NULL DEFAULT '{}',
        price         bigint NOT NULL CHECK (price >= 0),
        currency      char(3) NOT NULL,
        weight_grams  int NOT NULL CHECK (weight_grams > 0),
        length_mm     int NOT NULL CHECK (length_mm > 0),
        width_mm      int NOT NULL CHECK (width_mm > 0),
        height_mm     int NOT NULL CHECK (height_mm > 0),
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX skus_product ON skus (product_id)`);

    // Append-only: every price a SKU has had, who set it and when.
    await queryRunner.query(`
      CREATE TABLE price_history (
        id              bigserial PRIMARY KEY,
        sku             text NOT NULL,
        product_id      uuid NOT NULL,
        previous_price  bigint,
        price           bigint NOT NULL,
        currency        char(3) NOT NULL,
        actor           text NOT NULL,
        changed_at      timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX price_history_product ON price_history (product_id, id)`);

    // The words of listed titles and brands: a query word that is not one of them is corrected to the
    // nearest one by trigram similarity. A dictionary of words is far smaller than the products, so the
    // typo lookup stays fast however many products there are.
    await queryRunner.query(`CREATE TABLE search_terms (term text PRIMARY KEY)`);
    await queryRunner.query(`CREATE INDEX search_terms_trigram ON search_terms USING gin (term gin_trgm_ops)`);

    // Reviews and completed orders already folded into the rating and sales read models: a fact counts
    // once even if its producer publishes it twice under different event ids.
    await queryRunner.query(`
      CREATE TABLE applied_facts (
        kind       text NOT NULL,
        source_id  uuid NOT NULL,
        PRIMARY KEY (kind, source_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'applied_facts',
      'search_terms',
      'price_history',
      'skus',
      'products',
      'merchant_standings',
      'categories',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
