import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `merchants.version` was incremented on every decision and read by nothing: every decision already
 * holds the row lock (SELECT ... FOR UPDATE), so there is no lost update for a version check to catch.
 */
export class DropUnusedVersion1765000000000 implements MigrationInterface {
  name = 'DropUnusedVersion1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE merchants DROP COLUMN version`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE merchants ADD COLUMN version int NOT NULL DEFAULT 1`);
  }
}
