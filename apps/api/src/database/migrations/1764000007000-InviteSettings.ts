import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InviteSettings1764000007000 implements MigrationInterface {
  name = 'InviteSettings1764000007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE org ADD COLUMN auto_invite boolean NOT NULL DEFAULT false, ADD COLUMN invite_domains jsonb NOT NULL DEFAULT '[]'::jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE org DROP COLUMN auto_invite, DROP COLUMN invite_domains`);
  }
}
