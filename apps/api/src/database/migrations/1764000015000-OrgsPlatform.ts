import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Orgs run by a platform operator: suspension and per-org quotas (null: no limit). */
export class OrgsPlatform1764000015000 implements MigrationInterface {
  name = 'OrgsPlatform1764000015000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE org ADD COLUMN suspended_at timestamptz`);
    await q.query(`ALTER TABLE org ADD COLUMN max_employees integer CHECK (max_employees >= 0)`);
    await q.query(`ALTER TABLE org ADD COLUMN max_storage_bytes bigint CHECK (max_storage_bytes >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE org DROP COLUMN max_storage_bytes`);
    await q.query(`ALTER TABLE org DROP COLUMN max_employees`);
    await q.query(`ALTER TABLE org DROP COLUMN suspended_at`);
  }
}
