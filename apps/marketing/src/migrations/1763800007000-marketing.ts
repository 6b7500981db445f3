import { MigrationInterface, QueryRunner } from 'typeorm';

export class Marketing1763800007000 implements MigrationInterface {
  name = 'Marketing1763800007000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Read model of catalog: what a quote prices with (never the request's prices).
    await queryRunner.query(`
      CREATE TABLE sku_prices (
        sku          text PRIMARY KEY,
        product_id   uuid NOT NULL,
        merchant_id  uuid NOT NULL,
        price        int NOT NULL CHECK (price >= 0),
        currency     char(3) NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX sku_prices_product ON sku_prices (product_id)`);
    // A product's category and whether it is on sale; SKUs may be announced before or after it.
    await queryRunner.query(`
      CREATE TABLE product_facts (
        product_id   uuid PRIMARY KEY,
        category_id  text,
        delisted     boolean NOT NULL DEFAULT false,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    // Read model of membership: tiers and the discount percent of the tier's benefits table.
    await queryRunner.query(`
      CREATE TABLE member_tiers (
        member_id         uuid PRIMARY KEY,
        tier              text NOT NULL,
        discount_percent  numeric(5,2) NOT NULL DEFAULT 0,
        changed_at        timestamptz NOT NULL
      )`);
    // Read model of orders: new-customer offers, segments and campaign ROI.
    await queryRunner.query(`
      CREATE TABLE customer_orders (
        order_id        uuid PRIMARY KEY,
        customer_id     uuid NOT NULL,
        currency        char(3) NOT NULL,
        total_amount    int NOT NULL,
        discount_total  int NOT NULL DEFAULT 0,
        -- whether the customer had no earlier (not cancelled) order when this one was placed
        first_order     boolean NOT NULL,
        status          text NOT NULL CHECK (status IN ('PLACED', 'CANCELLED', 'COMPLETED', 'REFUNDED')),
        placed_at       timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX customer_orders_customer ON customer_orders (customer_id, placed_at)`);
    await queryRunner.query(`
      CREATE TABLE campaigns (
        id          uuid PRIMARY KEY,
        name        text NOT NULL,
        currency    char(3) NOT NULL,
        -- null: no budget; the campaign's promotions stop once spent reaches it
        budget      int CHECK (budget > 0),
        spent       int NOT NULL DEFAULT 0 CHECK (spent >= 0),
        status      text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'BUDGET_SPENT', 'STOPPED')),
        created_by  text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CHECK (budget IS NULL OR spent <= budget)
      )`);
    await queryRunner.query(`
      CREATE TABLE promotions (
        id               uuid PRIMARY KEY,
        campaign_id      uuid REFERENCES campaigns (id),
        name             text NOT NULL,
        type             text NOT NULL,
        rule             jsonb NOT NULL,
        scope            jsonb,
        stacking         text NOT NULL CHECK (stacking IN ('EXCLUSIVE', 'STACKABLE')),
        priority         int NOT NULL DEFAULT 0,
        currency         char(3) NOT NULL,
        requires_coupon  boolean NOT NULL DEFAULT false,
        starts_at        timestamptz,
        ends_at          timestamptz,
        status           text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'STOPPED')),
        -- flash sales: units sold at the sale price (counted at redemption, under the total cap)
        flash_sold       int NOT NULL DEFAULT 0 CHECK (flash_sold >= 0),
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX promotions_live ON promotions (currency) WHERE status = 'ACTIVE' AND NOT requires_coupon`,
    );
    await queryRunner.query(`
      CREATE TABLE flash_sale_buyers (
        promotion_id  uuid NOT NULL REFERENCES promotions (id),
        customer_id   uuid NOT NULL,
        units         int NOT NULL CHECK (units >= 0),
        PRIMARY KEY (promotion_id, customer_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE coupons (
        code              text PRIMARY KEY,
        promotion_id      uuid NOT NULL REFERENCES promotions (id),
        -- set: only this customer may redeem it (targeted and compensation coupons)
        customer_id       uuid,
        total_cap         int CHECK (total_cap > 0),
        per_customer_cap  int CHECK (per_customer_cap > 0),
        redeemed          int NOT NULL DEFAULT 0 CHECK (redeemed >= 0),
        valid_from        timestamptz,
        valid_until       timestamptz,
        reason            text NOT NULL,
        ticket_id         uuid UNIQUE,
        created_at        timestamptz NOT NULL DEFAULT now(),
        CHECK (total_cap IS NULL OR redeemed <= total_cap)
      )`);
    await queryRunner.query(`
      CREATE TABLE coupon_customers (
        code         text NOT NULL REFERENCES coupons (code),
        customer_id  uuid NOT NULL,
        redeemed     int NOT NULL CHECK (redeemed >= 0),
        PRIMARY KEY (code, customer_id)
      )`);
    // One row per order marketing answered; what it took (codes, flash units, budget) so a cancellation gives exactly that back.
    await queryRunner.query(`
      CREATE TABLE order_redemptions (
        order_id      uuid PRIMARY KEY,
        customer_id   uuid NOT NULL,
        status        text NOT NULL CHECK (status IN ('REDEEMED', 'FAILED', 'RESTORED')),
        failure       text,
        coupon_codes  text[] NOT NULL DEFAULT '{}',
        discount      int NOT NULL DEFAULT 0,
        currency      char(3) NOT NULL,
        redeemed_at   timestamptz NOT NULL DEFAULT now(),
        restored_at   timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE order_promotions (
        order_id      uuid NOT NULL REFERENCES order_redemptions (order_id),
        promotion_id  uuid NOT NULL REFERENCES promotions (id),
        campaign_id   uuid,
        coupon_code   text,
        discount      int NOT NULL,
        flash_units   int NOT NULL DEFAULT 0,
        PRIMARY KEY (order_id, promotion_id)
      )`);
    await queryRunner.query(`CREATE INDEX order_promotions_campaign ON order_promotions (campaign_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'order_promotions',
      'order_redemptions',
      'coupon_customers',
      'coupons',
      'flash_sale_buyers',
      'promotions',
      'campaigns',
      'customer_orders',
      'member_tiers',
      'product_facts',
      'sku_prices',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
