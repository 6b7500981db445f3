import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox and inbox tables every service needs. Each service lists this migration first in its own
 * migration set, so `migrate` creates them in the service's database.
 */
export class MessagingTables1763800000000 implements MigrationInterface {
  name = 'MessagingTables1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE messaging_outbox (
        seq          bigserial PRIMARY KEY,
        event_id     uuid NOT NULL UNIQUE,
        topic        text NOT NULL,
        message_key  text NOT NULL,
        event_type   text NOT NULL,
        headers      jsonb NOT NULL,
        payload      jsonb NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        sent_at      timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX messaging_outbox_unsent ON messaging_outbox (seq) WHERE sent_at IS NULL`);
    await queryRunner.query(`CREATE INDEX messaging_outbox_sent_at ON messaging_outbox (sent_at) WHERE sent_at IS NOT NULL`);
    // One notification per inserting statement wakes the relay; it is delivered only if the transaction commits.
    await queryRunner.query(`
      CREATE FUNCTION messaging_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('messaging_outbox', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER messaging_outbox_inserted AFTER INSERT ON messaging_outbox
      FOR EACH STATEMENT EXECUTE FUNCTION messaging_outbox_notify()`);
    await queryRunner.query(`
      CREATE TABLE messaging_inbox (
        consumer      text NOT NULL,
        event_id      uuid NOT NULL,
        event_type    text NOT NULL,
        processed_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE messaging_inbox`);
    await queryRunner.query(`DROP TRIGGER messaging_outbox_inserted ON messaging_outbox`);
    await queryRunner.query(`DROP FUNCTION messaging_outbox_notify()`);
    await queryRunner.query(`DROP TABLE messaging_outbox`);
  }
}
