import { MigrationInterface, QueryRunner } from 'typeorm';

export class Membership1763800006000 implements MigrationInterface {
  name = 'Membership1763800006000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The only place personal data lives. Erasure nulls the personal columns and keeps the id.
    await queryRunner.query(`
      CREATE TABLE members (
        id                 uuid PRIMARY KEY,
        name               text,
        email              text,
        phone              text,
        birthday           date,
        region             text,
        marketing_consent  boolean NOT NULL DEFAULT false,
        tier               text NOT NULL DEFAULT 'ORDINARY' CHECK (tier IN ('ORDINARY', 'SILVER', 'GOLD', 'DIAMOND')),
        -- when the tier period ends: a lower qualifying tier applies only then
        tier_review_at     timestamptz NOT NULL,
        -- the ledger's running sum, updated with every entry under this row's lock (see README: locking)
        points_balance     int NOT NULL DEFAULT 0 CHECK (points_balance >= 0),
        -- lots that expired before this instant have been processed by the expiry job
        lots_expired_through timestamptz NOT NULL DEFAULT '-infinity',
        erased_at          timestamptz,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        CHECK (erased_at IS NULL OR (name IS NULL AND email IS NULL AND phone IS NULL AND birthday IS NULL))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX members_email ON members (lower(email)) WHERE email IS NOT NULL`);
    // The birthday job looks members up by month and day.
    await queryRunner.query(
      `CREATE INDEX members_birthday ON members ((EXTRACT(MONTH FROM birthday) * 100 + EXTRACT(DAY FROM birthday))) WHERE birthday IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX members_tier_review ON members (tier_review_at) WHERE erased_at IS NULL`);

    // Append-only: every change of a balance is a row here; `points` is the signed change, `amount` the
    // entry's size (a REDEEM changes nothing: the HOLD already took the points), `balance_after` the sum
    // up to and including the row. `reference` makes each business fact happen once.
    await queryRunner.query(`
      CREATE TABLE points_ledger (
        id             bigserial PRIMARY KEY,
        entry_id       uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        member_id      uuid NOT NULL REFERENCES members (id),
        kind           text NOT NULL CHECK (kind IN ('EARN', 'HOLD', 'REDEEM', 'RELEASE', 'REVERSE', 'EXPIRE', 'GRANT')),
        points         int NOT NULL,
        amount         int NOT NULL CHECK (amount >= 0),
        balance_after  int NOT NULL CHECK (balance_after >= 0),
        reason         text,
        order_id       uuid,
        reference      text NOT NULL UNIQUE,
        -- lots (EARN, GRANT) expire; nothing else does
        expires_at     timestamptz,
        created_at     timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind IN ('EARN', 'GRANT')) = (expires_at IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX points_ledger_member ON points_ledger (member_id, id)`);
    await queryRunner.query(
      `CREATE INDEX points_ledger_lots ON points_ledger (expires_at) WHERE expires_at IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE FUNCTION points_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'points_ledger is append-only' USING ERRCODE = 'restrict_violation';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER points_ledger_append_only BEFORE UPDATE OR DELETE ON points_ledger FOR EACH ROW EXECUTE FUNCTION points_ledger_append_only()`,
    );

    // The state of the points an order pays with. A cancellation that finds no hold leaves a CANCELLED
    // tombstone, so a late placed event is refused.
    await queryRunner.query(`
      CREATE TABLE point_holds (
        order_id    uuid PRIMARY KEY,
        member_id   uuid NOT NULL,
        points      int NOT NULL CHECK (points >= 0),
        status      text NOT NULL CHECK (status IN ('HELD', 'FAILED', 'REDEEMED', 'RELEASED', 'CREDITED', 'CANCELLED')),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);

    // Completed orders: the rolling spend and count the tiers come from, and what each order earned.
    await queryRunner.query(`
      CREATE TABLE member_orders (
        order_id            uuid PRIMARY KEY,
        member_id           uuid NOT NULL REFERENCES members (id),
        spend               int NOT NULL CHECK (spend >= 0),
        refunded            int NOT NULL DEFAULT 0 CHECK (refunded >= 0),
        fully_refunded      boolean NOT NULL DEFAULT false,
        earned_on           int NOT NULL,
        earned_points       int NOT NULL,
        multiplier_percent  int NOT NULL,
        reversed_points     int NOT NULL DEFAULT 0,
        completed_at        timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX member_orders_member ON member_orders (member_id, completed_at)`);

    // Every refund once (the event may arrive twice); a refund before completion lowers what the order earns.
    await queryRunner.query(`
      CREATE TABLE order_refunds (
        refund_id        uuid PRIMARY KEY,
        order_id         uuid NOT NULL,
        member_id        uuid NOT NULL REFERENCES members (id),
        amount           int NOT NULL CHECK (amount >= 0),
        points_refunded  int NOT NULL CHECK (points_refunded >= 0),
        fully_refunded   boolean NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX order_refunds_order ON order_refunds (order_id)`);

    // One birthday reward per member and year, whatever runs the job and how often.
    await queryRunner.query(`
      CREATE TABLE birthday_rewards (
        member_id   uuid NOT NULL REFERENCES members (id),
        year        int NOT NULL,
        points      int NOT NULL,
        granted_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (member_id, year)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TABLE birthday_rewards, order_refunds, member_orders, point_holds, points_ledger, members`,
    );
    await queryRunner.query(`DROP FUNCTION points_ledger_append_only`);
  }
}
