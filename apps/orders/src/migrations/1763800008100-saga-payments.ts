import { MigrationInterface, QueryRunner } from 'typeorm';

/** The confirmation saga's answers, the payments ledger, the order's shipments, the return window. */
export class SagaPayments1763800008100 implements MigrationInterface {
  name = 'SagaPayments1763800008100';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One answer per participant and order: the first one counts, a late or doubled one changes nothing.
    await queryRunner.query(`
      CREATE TABLE order_saga_answers (
        order_id     uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        participant  text NOT NULL,
        answer       text NOT NULL CHECK (answer IN ('YES', 'NO')),
        reason       text,
        at           timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (order_id, participant)
      )`);
    await queryRunner.query(`
      ALTER TABLE orders
        ADD COLUMN payment_method text,
        ADD COLUMN card_token     text,
        ADD COLUMN delivered_at   timestamptz,
        ADD COLUMN return_window_ends_at timestamptz`);
    await queryRunner.query(
      `CREATE INDEX orders_return_window ON orders (return_window_ends_at) WHERE status IN ('DELIVERED', 'PARTIALLY_REFUNDED')`,
    );
    // Every money movement, one row per operation; the idempotency key is the gateway's too.
    await queryRunner.query(`
      CREATE TABLE payments (
        id                 uuid PRIMARY KEY,
        order_id           uuid NOT NULL REFERENCES orders (id),
        operation          text NOT NULL CHECK (operation IN ('AUTHORISE', 'CAPTURE', 'VOID', 'REFUND')),
        idempotency_key    text NOT NULL UNIQUE,
        amount             bigint NOT NULL CHECK (amount >= 0),
        currency           char(3) NOT NULL,
        gateway            text NOT NULL,
        status             text NOT NULL CHECK (status IN ('REQUESTED', 'PENDING', 'SUCCEEDED', 'DECLINED', 'FAILED')),
        gateway_reference  text,
        return_id          uuid,
        points             int NOT NULL DEFAULT 0,
        lines              jsonb,
        detail             text,
        requested_at       timestamptz NOT NULL DEFAULT now(),
        settled_at         timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX payments_order ON payments (order_id, requested_at)`);
    await queryRunner.query(`CREATE INDEX payments_reference ON payments (gateway, gateway_reference)`);
    // One refund per return, whatever the number of deliveries of its request.
    await queryRunner.query(
      `CREATE UNIQUE INDEX payments_one_refund_per_return ON payments (return_id) WHERE return_id IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE payment_webhook_events (
        gateway      text NOT NULL,
        event_id     text NOT NULL,
        received_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (gateway, event_id)
      )`);
    // The sandbox gateway's own memory of operations by idempotency key (a real gateway keeps this on its side).
    await queryRunner.query(`
      CREATE TABLE sandbox_gateway_operations (
        idempotency_key  text PRIMARY KEY,
        reference        text NOT NULL,
        response         jsonb NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE order_shipments (
        shipment_id  uuid PRIMARY KEY,
        order_id     uuid NOT NULL,
        status       text NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX order_shipments_order ON order_shipments (order_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE order_shipments`);
    await queryRunner.query(`DROP TABLE sandbox_gateway_operations`);
    await queryRunner.query(`DROP TABLE payment_webhook_events`);
    await queryRunner.query(`DROP TABLE payments`);
    await queryRunner.query(`DROP INDEX orders_return_window`);
    await queryRunner.query(
      `ALTER TABLE orders DROP COLUMN payment_method, DROP COLUMN card_token, DROP COLUMN delivered_at, DROP COLUMN return_window_ends_at`,
    );
    await queryRunner.query(`DROP TABLE order_saga_answers`);
  }
}
