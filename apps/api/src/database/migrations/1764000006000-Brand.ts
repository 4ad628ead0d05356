import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Brand1764000006000 implements MigrationInterface {
  name = 'Brand1764000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE org ADD COLUMN logo_key text, ADD COLUMN brand_colours jsonb NOT NULL DEFAULT '[]'::jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE org DROP COLUMN logo_key, DROP COLUMN brand_colours`);
  }
}
