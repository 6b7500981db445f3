import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read model of orders (what was delivered to whom, at what net price), returns, and notifications.
 * Plain SQL: the rules are in the queries (row locks while a return reserves quantities, unique keys that
 * make a notification once per business fact).
 */
export class CustomerService1763800008000 implements MigrationInterface {
  name = 'CustomerService1763800008000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE orders (
        order_id               uuid PRIMARY KEY,
        customer_id            uuid NOT NULL,
        currency               char(3) NOT NULL,
        -- CONFIRMED, SHIPPED, DELIVERED, PARTIALLY_REFUNDED, REFUNDED, CANCELLED (as orders last said)
        status                 text NOT NULL,
        delivered_at           timestamptz,
        return_window_ends_at  timestamptz,
        total_amount           int,
        updated_at             timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX orders_customer ON orders (customer_id)`);
    await queryRunner.query(`
      CREATE TABLE order_lines (
        order_id                  uuid NOT NULL REFERENCES orders (order_id),
        sku                       text NOT NULL,
        merchant_id               uuid,
        quantity                  int NOT NULL CHECK (quantity > 0),
        unit_price                int NOT NULL CHECK (unit_price >= 0),
        line_total                int NOT NULL CHECK (line_total >= 0),
        discount                  int NOT NULL DEFAULT 0 CHECK (discount >= 0),
        -- units a return of ours asked orders to refund (pro-rata amounts are cumulative over these)
        refund_requested_quantity int NOT NULL DEFAULT 0,
        -- units orders refunded without a return of ours (a lost parcel, a goodwill refund)
        refunded_outside_returns  int NOT NULL DEFAULT 0,
        PRIMARY KEY (order_id, sku)
      )`);
    await queryRunner.query(`
      CREATE TABLE sku_products (
        sku          text PRIMARY KEY,
        product_id   uuid NOT NULL,
        merchant_id  uuid NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE returns (
        id                   uuid PRIMARY KEY,
        order_id             uuid NOT NULL REFERENCES orders (order_id),
        customer_id          uuid NOT NULL,
        merchant_id          uuid NOT NULL,
        status               text NOT NULL CHECK (status IN ('REQUESTED', 'APPROVED', 'REJECTED', 'CANCELLED', 'RECEIVED', 'INSPECTED', 'REFUND_REQUESTED', 'REFUNDED', 'EXCHANGED')),
        reason               text NOT NULL,
        description          text,
        photo_urls           jsonb NOT NULL DEFAULT '[]',
        exchange             boolean NOT NULL DEFAULT false,
        automatic            boolean NOT NULL DEFAULT false,
        within_window        boolean NOT NULL,
        currency             char(3) NOT NULL,
        expected_amount      int,
        refunded_amount      int,
        refund_id            uuid,
        warehouse_id         text,
        return_shipment_id   uuid,
        tracking_number      text,
        decision_note        text,
        decided_by           text,
        requested_at         timestamptz NOT NULL DEFAULT now(),
        decided_at           timestamptz,
        received_at          timestamptz,
        inspected_at         timestamptz,
        refund_requested_at  timestamptz,
        closed_at            timestamptz,
        updated_at           timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX returns_order ON returns (order_id)`);
    await queryRunner.query(`CREATE INDEX returns_customer ON returns (customer_id, requested_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX returns_status ON returns (status, requested_at DESC, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE return_lines (
        return_id  uuid NOT NULL REFERENCES returns (id),
        sku        text NOT NULL,
        quantity   int NOT NULL CHECK (quantity > 0),
        -- set by inspection: how many of the units were RESALEABLE and DAMAGED
        resaleable int,
        damaged    int,
        note       text,
        PRIMARY KEY (return_id, sku)
      )`);

    await queryRunner.query(`
      CREATE TABLE notifications (
        id            uuid PRIMARY KEY,
        -- the business fact it reports (return-approved:<id>): a redelivered or republished event adds nothing
        dedupe_key    text NOT NULL UNIQUE,
        member_id     uuid NOT NULL,
        category      text NOT NULL,
        template      text NOT NULL,
        data          jsonb NOT NULL,
        status        text NOT NULL CHECK (status IN ('QUEUED', 'SENT', 'OPTED_OUT', 'UNDELIVERABLE', 'FAILED')),
        channel       text,
        address       text,
        message_id    text,
        error         text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        sent_at       timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX notifications_member ON notifications (member_id, created_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE notification_opt_outs (
        member_id   uuid NOT NULL,
        category    text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (member_id, category)
      )`);
    // The development mailbox: what would have been emailed, readable by ops (GET /dev-mailbox).
    await queryRunner.query(`
      CREATE TABLE dev_mailbox (
        id               uuid PRIMARY KEY,
        notification_id  uuid NOT NULL UNIQUE,
        member_id        uuid NOT NULL,
        to_address       text NOT NULL,
        subject          text NOT NULL,
        body             text NOT NULL,
        template         text NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX dev_mailbox_member ON dev_mailbox (member_id, created_at DESC, id DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'dev_mailbox',
      'notification_opt_outs',
      'notifications',
      'return_lines',
      'returns',
      'sku_products',
      'order_lines',
      'orders',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
