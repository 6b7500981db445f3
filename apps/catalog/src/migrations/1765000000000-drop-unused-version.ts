import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `products.version` was incremented on every change and read by nothing: every write already holds the
 * row lock (SELECT ... FOR UPDATE), so there is no lost update for a version check to catch.
 */
export class DropUnusedVersion1765000000000 implements MigrationInterface {
  name = 'DropUnusedVersion1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE products DROP COLUMN version`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE products ADD COLUMN version int NOT NULL DEFAULT 1`);
  }
}
