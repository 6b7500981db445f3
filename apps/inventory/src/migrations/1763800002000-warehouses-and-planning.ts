import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Warehouses, stock policy (safety stock, reorder point, lead time, inbound), the reservation life
 * cycle (expiry, confirmation, commit), ledger reasons, stocktakes, the catalog's SKUs and job runs.
 */
export class WarehousesAndPlanning1763800002000 implements MigrationInterface {
  name = 'WarehousesAndPlanning1763800002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Ids are short codes ops choose (MAIN, BER-1): they appear on pick lists and in events.
    await queryRunner.query(`
      CREATE TABLE warehouses (
        id          text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._-]{1,64}$'),
        name        text NOT NULL,
        region      text NOT NULL,
        priority    int NOT NULL CHECK (priority >= 0),
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    // A default warehouse, so a fresh installation can receive stock at once (and existing clients that
    // always said MAIN keep working). Stock received before warehouses existed gets its warehouse too.
    await queryRunner.query(
      `INSERT INTO warehouses (id, name, region, priority) VALUES ('MAIN', 'Main warehouse', 'DEFAULT', 100)`,
    );
    await queryRunner.query(`
      INSERT INTO warehouses (id, name, region, priority)
      SELECT DISTINCT warehouse_id, warehouse_id, 'DEFAULT', 100 FROM stock_levels ON CONFLICT (id) DO NOTHING`);

    await queryRunner.query(`
      ALTER TABLE stock_levels
        ADD COLUMN safety_stock    int NOT NULL DEFAULT 0 CHECK (safety_stock >= 0),
        ADD COLUMN reorder_point   int NOT NULL DEFAULT 0 CHECK (reorder_point >= 0),
        ADD COLUMN lead_time_days  int CHECK (lead_time_days >= 0),
        ADD COLUMN inbound         int NOT NULL DEFAULT 0 CHECK (inbound >= 0),
        ADD COLUMN alert_state     text NOT NULL DEFAULT 'OUT' CHECK (alert_state IN ('OK', 'LOW', 'OUT')),
        ADD CONSTRAINT stock_levels_warehouse FOREIGN KEY (warehouse_id) REFERENCES warehouses (id)`);
    await queryRunner.query(
      `UPDATE stock_levels SET alert_state = CASE WHEN on_hand - reserved > 0 THEN 'OK' ELSE 'OUT' END`,
    );

    // The catalog's SKUs as inventory needs them: who owns them (merchant reads) and a price (stock value).
    await queryRunner.query(`
      CREATE TABLE skus (
        sku          text PRIMARY KEY,
        product_id   uuid NOT NULL,
        merchant_id  uuid NOT NULL,
        unit_price   bigint NOT NULL CHECK (unit_price >= 0),
        currency     char(3) NOT NULL,
        title        text,
        added_at     timestamptz NOT NULL
      )`);

    await queryRunner.query(`ALTER TABLE reservations DROP CONSTRAINT reservations_status_check`);
    await queryRunner.query(`
      ALTER TABLE reservations
        ADD CONSTRAINT reservations_status_check CHECK (status IN ('ACTIVE', 'CONFIRMED', 'RELEASED', 'EXPIRED', 'COMMITTED')),
        ADD COLUMN expires_at    timestamptz,
        ADD COLUMN confirmed_at  timestamptz,
        ADD COLUMN expired_at    timestamptz,
        ADD COLUMN committed_at  timestamptz`);
    await queryRunner.query(`UPDATE reservations SET expires_at = created_at + interval '30 minutes'`);
    await queryRunner.query(`ALTER TABLE reservations ALTER COLUMN expires_at SET NOT NULL`);
    // The expiry sweep reads only unconfirmed reservations, oldest deadline first.
    await queryRunner.query(`CREATE INDEX reservations_expiring ON reservations (expires_at) WHERE status = 'ACTIVE'`);

    await queryRunner.query(`
      ALTER TABLE stock_movements
        ADD COLUMN reason     text,
        ADD COLUMN reference  text,
        ADD CONSTRAINT stock_movements_cause CHECK (cause IN ('RECEIPT', 'RESERVATION', 'RELEASE', 'COMMIT', 'ADJUSTMENT', 'RETURN', 'WRITE_OFF'))`);
    // Sales velocity and the slow-moving report read commits by time.
    await queryRunner.query(`CREATE INDEX stock_movements_cause_time ON stock_movements (cause, created_at)`);
    await queryRunner.query(
      `CREATE INDEX stock_movements_order ON stock_movements (order_id) WHERE order_id IS NOT NULL`,
    );
    // Shipments and returns re-published under a new event id are recognised by their reference.
    await queryRunner.query(
      `CREATE INDEX stock_movements_reference ON stock_movements (reference) WHERE reference IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE stocktakes (
        id               uuid PRIMARY KEY,
        warehouse_id     text NOT NULL REFERENCES warehouses (id),
        reason           text NOT NULL,
        counted_by       text NOT NULL,
        lines            jsonb NOT NULL,
        shrinkage_units  int NOT NULL,
        surplus_units    int NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);

    // One row per scheduled job and period: the insert is the claim, so several replicas run a period once.
    await queryRunner.query(`
      CREATE TABLE job_runs (
        job           text NOT NULL,
        period_start  timestamptz NOT NULL,
        ran_at        timestamptz NOT NULL DEFAULT now(),
        result        jsonb,
        PRIMARY KEY (job, period_start)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE job_runs`);
    await queryRunner.query(`DROP TABLE stocktakes`);
    await queryRunner.query(`DROP INDEX stock_movements_reference`);
    await queryRunner.query(`DROP INDEX stock_movements_order`);
    await queryRunner.query(`DROP INDEX stock_movements_cause_time`);
    await queryRunner.query(
      `ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_cause, DROP COLUMN reference, DROP COLUMN reason`,
    );
    await queryRunner.query(`DROP INDEX reservations_expiring`);
    await queryRunner.query(`DELETE FROM reservations WHERE status NOT IN ('ACTIVE', 'RELEASED')`);
    await queryRunner.query(`
      ALTER TABLE reservations DROP CONSTRAINT reservations_status_check,
        DROP COLUMN committed_at, DROP COLUMN expired_at, DROP COLUMN confirmed_at, DROP COLUMN expires_at`);
    await queryRunner.query(
      `ALTER TABLE reservations ADD CONSTRAINT reservations_status_check CHECK (status IN ('ACTIVE', 'RELEASED'))`,
    );
    await queryRunner.query(`DROP TABLE skus`);
    await queryRunner.query(`
      ALTER TABLE stock_levels DROP CONSTRAINT stock_levels_warehouse,
        DROP COLUMN alert_state, DROP COLUMN inbound, DROP COLUMN lead_time_days, DROP COLUMN reorder_point, DROP COLUMN safety_stock`);
    await queryRunner.query(`DROP TABLE warehouses`);
  }
}
