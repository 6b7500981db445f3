import { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1763800002000 implements MigrationInterface {
  name = 'Orders1763800002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE orders (
        id            uuid PRIMARY KEY,
        customer_id   uuid NOT NULL,
        status        text NOT NULL,
        currency      char(3) NOT NULL,
        total_amount  bigint NOT NULL CHECK (total_amount >= 0),
        version       int NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX orders_customer ON orders (customer_id, created_at DESC)`);
    // The deadline sweep scans only PENDING orders.
    await queryRunner.query(`CREATE INDEX orders_pending ON orders (created_at) WHERE status = 'PENDING'`);
    await queryRunner.query(`
      CREATE TABLE order_lines (
        order_id    uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        line_no     int NOT NULL,
        sku         text NOT NULL,
        quantity    int NOT NULL CHECK (quantity > 0),
        unit_price  bigint NOT NULL CHECK (unit_price >= 0),
        line_total  bigint NOT NULL CHECK (line_total >= 0),
        PRIMARY KEY (order_id, line_no)
      )`);
    await queryRunner.query(`
      CREATE TABLE order_status_changes (
        id        bigserial PRIMARY KEY,
        order_id  uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        status    text NOT NULL,
        reason    text,
        detail    text,
        at        timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX order_status_changes_order ON order_status_changes (order_id, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE order_status_changes`);
    await queryRunner.query(`DROP TABLE order_lines`);
    await queryRunner.query(`DROP TABLE orders`);
  }
}
