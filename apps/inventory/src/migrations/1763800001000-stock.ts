import { MigrationInterface, QueryRunner } from 'typeorm';

export class Stock1763800001000 implements MigrationInterface {
  name = 'Stock1763800001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The CHECKs make overselling impossible even if application code were wrong.
    await queryRunner.query(`
      CREATE TABLE stock_levels (
        sku           text NOT NULL,
        warehouse_id  text NOT NULL,
        on_hand       int NOT NULL CHECK (on_hand >= 0),
        reserved      int NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sku, warehouse_id),
        CONSTRAINT stock_levels_reserved_within_on_hand CHECK (reserved <= on_hand)
      )`);
    await queryRunner.query(`
      CREATE TABLE reservations (
        id           uuid PRIMARY KEY,
        order_id     uuid NOT NULL UNIQUE,
        status       text NOT NULL CHECK (status IN ('ACTIVE', 'RELEASED')),
        lines        jsonb NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        released_at  timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE stock_movements (
        id              bigserial PRIMARY KEY,
        sku             text NOT NULL,
        warehouse_id    text NOT NULL,
        cause           text NOT NULL,
        on_hand_delta   int NOT NULL,
        reserved_delta  int NOT NULL,
        order_id        uuid,
        cause_event_id  uuid,
        actor           text,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX stock_movements_sku ON stock_movements (sku, warehouse_id, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE stock_movements`);
    await queryRunner.query(`DROP TABLE reservations`);
    await queryRunner.query(`DROP TABLE stock_levels`);
  }
}
