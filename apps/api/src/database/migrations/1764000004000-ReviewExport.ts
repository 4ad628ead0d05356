import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReviewExport1764000004000 implements MigrationInterface {
  name = 'ReviewExport1764000004000';

  async up(q: QueryRunner): Promise<void> {
    // A regeneration is a new headshot row for the same upload and style version: `variant` tells them apart.
    await q.query(`ALTER TABLE headshot ADD COLUMN variant int NOT NULL DEFAULT 0, ADD COLUMN adjustments jsonb`);
    await q.query(`ALTER TABLE headshot DROP CONSTRAINT headshot_upload_id_style_version_id_key`);
    await q.query(`ALTER TABLE headshot ADD CONSTRAINT headshot_upload_style_variant_key UNIQUE (upload_id, style_version_id, variant)`);
    await q.query(`CREATE INDEX headshot_org_employee_created ON headshot (org_id, employee_id, created_at DESC)`);
    await q.query(`CREATE INDEX headshot_org_state_reviewed ON headshot (org_id, state, reviewed_at)`);
    await q.query(`
      ALTER TABLE org
        ADD COLUMN delete_originals_after_approval boolean NOT NULL DEFAULT true,
        ADD COLUMN delete_originals_after_days int CHECK (delete_originals_after_days BETWEEN 1 AND 3650),
        ADD COLUMN delete_unapproved_after_days int CHECK (delete_unapproved_after_days BETWEEN 1 AND 3650),
        ADD COLUMN export_expiry_hours int NOT NULL DEFAULT 72 CHECK (export_expiry_hours BETWEEN 1 AND 8760)`);
    await q.query(`
      CREATE TABLE export (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        filter jsonb NOT NULL,
        renditions jsonb NOT NULL,
        naming text NOT NULL,
        include_email boolean NOT NULL DEFAULT false,
        state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed', 'expired')),
        progress real NOT NULL DEFAULT 0,
        people int,
        employee_ids uuid[] NOT NULL DEFAULT '{}',
        file_key text,
        size bigint,
        error text,
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX export_org_created ON export (org_id, created_at DESC)`);
    await q.query(`CREATE INDEX export_employee_ids ON export USING gin (employee_ids)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE export`);
    await q.query(`ALTER TABLE org DROP COLUMN delete_originals_after_approval, DROP COLUMN delete_originals_after_days, DROP COLUMN delete_unapproved_after_days, DROP COLUMN export_expiry_hours`);
    await q.query(`DROP INDEX headshot_org_state_reviewed`);
    await q.query(`DROP INDEX headshot_org_employee_created`);
    await q.query(`ALTER TABLE headshot DROP CONSTRAINT headshot_upload_style_variant_key`);
    await q.query(`DELETE FROM headshot WHERE variant > 0`);
    await q.query(`ALTER TABLE headshot ADD CONSTRAINT headshot_upload_id_style_version_id_key UNIQUE (upload_id, style_version_id)`);
    await q.query(`ALTER TABLE headshot DROP COLUMN variant, DROP COLUMN adjustments`);
  }
}
