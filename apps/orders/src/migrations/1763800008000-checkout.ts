import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The priced checkout: orders' own read model of what can be sold (fed by catalog and merchants events),
 * and the order's shipping, discount and payment amounts.
 */
export class Checkout1763800008000 implements MigrationInterface {
  name = 'Checkout1763800008000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sellable_products (
        product_id    uuid PRIMARY KEY,
        merchant_id   uuid NOT NULL,
        status        text NOT NULL,
        delist_cause  text,
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE sellable_skus (
        sku           text PRIMARY KEY,
        product_id    uuid NOT NULL,
        merchant_id   uuid NOT NULL,
        price         bigint CHECK (price >= 0),
        currency      char(3),
        weight_grams  int,
        length_mm     int,
        width_mm      int,
        height_mm     int,
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE merchant_standing (
        merchant_id  uuid PRIMARY KEY,
        suspended    boolean NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      ALTER TABLE orders
        ADD COLUMN subtotal          bigint,
        ADD COLUMN discount_total    bigint NOT NULL DEFAULT 0,
        ADD COLUMN shipping_fee      bigint NOT NULL DEFAULT 0,
        ADD COLUMN shipping_address  jsonb,
        ADD COLUMN shipping_region   text,
        ADD COLUMN delivery_option   text,
        ADD COLUMN shipping_quote_id uuid,
        ADD COLUMN quote_id          text,
        ADD COLUMN coupon_codes      text[] NOT NULL DEFAULT '{}',
        ADD COLUMN points_to_redeem  int NOT NULL DEFAULT 0 CHECK (points_to_redeem >= 0),
        ADD COLUMN amount_to_pay     bigint CHECK (amount_to_pay >= 0)`);
    await queryRunner.query(`
      ALTER TABLE order_lines
        ADD COLUMN merchant_id uuid,
        ADD COLUMN discount    bigint NOT NULL DEFAULT 0 CHECK (discount >= 0)`);
    // The ops list filters by merchant: the orders that have a line of it.
    await queryRunner.query(`CREATE INDEX order_lines_merchant ON order_lines (merchant_id, order_id)`);
    await queryRunner.query(`CREATE INDEX orders_created ON orders (created_at DESC, id DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX orders_created`);
    await queryRunner.query(`DROP INDEX order_lines_merchant`);
    await queryRunner.query(`ALTER TABLE order_lines DROP COLUMN merchant_id, DROP COLUMN discount`);
    await queryRunner.query(
      `ALTER TABLE orders DROP COLUMN subtotal, DROP COLUMN discount_total, DROP COLUMN shipping_fee, DROP COLUMN shipping_address, DROP COLUMN shipping_region,
         DROP COLUMN delivery_option, DROP COLUMN shipping_quote_id, DROP COLUMN quote_id, DROP COLUMN coupon_codes, DROP COLUMN points_to_redeem, DROP COLUMN amount_to_pay`,
    );
    await queryRunner.query(`DROP TABLE merchant_standing`);
    await queryRunner.query(`DROP TABLE sellable_skus`);
    await queryRunner.query(`DROP TABLE sellable_products`);
  }
}
