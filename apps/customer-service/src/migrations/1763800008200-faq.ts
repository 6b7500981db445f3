import { MigrationInterface, QueryRunner } from 'typeorm';

/** The knowledge base, searched with PostgreSQL full text (the question weighs more than the answer). */
export class Faq1763800008200 implements MigrationInterface {
  name = 'Faq1763800008200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE faq_entries (
        id          uuid PRIMARY KEY,
        question    text NOT NULL,
        answer      text NOT NULL,
        published   boolean NOT NULL DEFAULT true,
        search      tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', question), 'A') || setweight(to_tsvector('english', answer), 'B')) STORED,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX faq_entries_search ON faq_entries USING gin (search)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS faq_entries`);
  }
}
