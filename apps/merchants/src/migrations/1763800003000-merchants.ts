import { MigrationInterface, QueryRunner } from 'typeorm';

export class Merchants1763800003000 implements MigrationInterface {
  name = 'Merchants1763800003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE merchants (
        id                       uuid PRIMARY KEY,
        owner_subject            text NOT NULL UNIQUE,
        legal_name               text NOT NULL,
        contact_name             text NOT NULL,
        contact_email            text NOT NULL,
        contact_phone            text,
        business_licence_number  text NOT NULL,
        status                   text NOT NULL CHECK (status IN ('PENDING_REVIEW', 'APPROVED', 'REJECTED', 'SUSPENDED')),
        score                    int NOT NULL DEFAULT 100 CHECK (score BETWEEN 0 AND 100),
        score_inputs             jsonb,
        version                  int NOT NULL DEFAULT 1,
        created_at               timestamptz NOT NULL DEFAULT now(),
        updated_at               timestamptz NOT NULL DEFAULT now()
      )`);
    // The review queue and the ops listing page through merchants by status, oldest first.
    await queryRunner.query(`CREATE INDEX merchants_status_created ON merchants (status, created_at, id)`);
    await queryRunner.query(`
      CREATE TABLE merchant_documents (
        id           uuid PRIMARY KEY,
        merchant_id  uuid NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
        type         text NOT NULL,
        number       text NOT NULL,
        issuer       text NOT NULL,
        expires_on   date NOT NULL,
        url          text NOT NULL,
        warned_at    timestamptz,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX merchant_documents_expiry ON merchant_documents (expires_on)`);
    await queryRunner.query(`CREATE INDEX merchant_documents_merchant ON merchant_documents (merchant_id)`);
    // Append-only: who did what to a merchant, when and why.
    await queryRunner.query(`
      CREATE TABLE merchant_audit (
        id           bigserial PRIMARY KEY,
        merchant_id  uuid NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
        action       text NOT NULL,
        actor        text NOT NULL,
        reason       text,
        at           timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX merchant_audit_merchant ON merchant_audit (merchant_id, id)`);
    // Facts the credibility score is computed from. The unique key makes a fact count once even when its
    // producer publishes it twice under different event ids (the inbox only dedupes by event id).
    await queryRunner.query(`
      CREATE TABLE merchant_score_facts (
        id           bigserial PRIMARY KEY,
        merchant_id  uuid NOT NULL,
        kind         text NOT NULL CHECK (kind IN ('COMPLETED_ORDER', 'COMPLAINT', 'LATE_SHIPMENT', 'RETURN', 'REVIEW')),
        source_id    uuid NOT NULL,
        rating       smallint CHECK (rating BETWEEN 1 AND 5),
        occurred_at  timestamptz NOT NULL,
        UNIQUE (merchant_id, kind, source_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX merchant_score_facts_window ON merchant_score_facts (merchant_id, occurred_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE merchant_score_facts`);
    await queryRunner.query(`DROP TABLE merchant_audit`);
    await queryRunner.query(`DROP TABLE merchant_documents`);
    await queryRunner.query(`DROP TABLE merchants`);
  }
}
