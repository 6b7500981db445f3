import { MigrationInterface, QueryRunner } from 'typeorm';

/** Reviews of delivered lines (one per order line) and satisfaction surveys (after delivery, after a ticket). */
export class ReviewsSurveys1763800008300 implements MigrationInterface {
  name = 'ReviewsSurveys1763800008300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE reviews (
        id              uuid PRIMARY KEY,
        order_id        uuid NOT NULL,
        sku             text NOT NULL,
        customer_id     uuid NOT NULL,
        merchant_id     uuid NOT NULL,
        product_id      uuid NOT NULL,
        rating          int NOT NULL CHECK (rating BETWEEN 1 AND 5),
        body            text NOT NULL,
        status          text NOT NULL CHECK (status IN ('PENDING_MODERATION', 'PUBLISHED', 'REJECTED')),
        flagged_words   jsonb NOT NULL DEFAULT '[]',
        ticket_id       uuid,
        moderated_by    text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        published_at    timestamptz,
        -- one review per delivered line: a second is a 409
        UNIQUE (order_id, sku)
      )`);
    await queryRunner.query(
      `CREATE INDEX reviews_product ON reviews (product_id, created_at DESC, id DESC) WHERE status = 'PUBLISHED'`,
    );
    await queryRunner.query(`CREATE INDEX reviews_status ON reviews (status, created_at DESC, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE surveys (
        id           uuid PRIMARY KEY,
        -- ORDER: after delivery, one per order and merchant; TICKET: after an agent resolved a ticket
        kind         text NOT NULL CHECK (kind IN ('ORDER', 'TICKET')),
        subject_key  text NOT NULL UNIQUE,
        customer_id  uuid NOT NULL,
        order_id     uuid,
        ticket_id    uuid,
        merchant_id  uuid,
        agent_id     text,
        score        int CHECK (score BETWEEN 1 AND 5),
        comment      text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        answered_at  timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX surveys_customer ON surveys (customer_id, created_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['surveys', 'reviews']) await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
