import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * membership's tier benefits (free and priority shipping), learnt from `membership.member.tier-changed`,
 * and SKU prices from catalog, so a quote knows the goods value the free-shipping threshold applies to.
 */
export class MemberTiers1763800006100 implements MigrationInterface {
  name = 'MemberTiers1763800006100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE member_tiers (
        member_id                uuid PRIMARY KEY,
        tier                     text NOT NULL,
        -- minor units; NULL: the tier never ships free
        free_shipping_threshold  int,
        priority_shipping        boolean NOT NULL,
        -- events of one member arrive in order (keyed by member id); the guard also covers a replay
        changed_at               timestamptz NOT NULL
      )`);
    await queryRunner.query(`ALTER TABLE sku_profiles ADD COLUMN price int`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sku_profiles DROP COLUMN price`);
    await queryRunner.query(`DROP TABLE member_tiers`);
  }
}
