import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Retention1764000005000 implements MigrationInterface {
  name = 'Retention1764000005000';

  async up(q: QueryRunner): Promise<void> {
    // The row stays (it ties a headshot to its source); only the file goes, and this says when.
    await q.query(`ALTER TABLE upload ADD COLUMN original_deleted_at timestamptz`);
    await q.query(`CREATE INDEX upload_org_kept ON upload (org_id, created_at) WHERE original_deleted_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX upload_org_kept`);
    await q.query(`ALTER TABLE upload DROP COLUMN original_deleted_at`);
  }
}
