import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Intake1764000003000 implements MigrationInterface {
  name = 'Intake1764000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE org ADD COLUMN processing_mode text NOT NULL DEFAULT 'on_arrival' CHECK (processing_mode IN ('on_arrival', 'batch'))`);
    await q.query(`ALTER TABLE employee ADD COLUMN consent_accepted_at timestamptz, ADD COLUMN consent_version text`);
    await q.query(`
      CREATE TABLE style_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        version int NOT NULL,
        document jsonb NOT NULL,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (org_id, version)
      )`);
    await q.query(`ALTER TABLE org ADD COLUMN current_style_version_id uuid REFERENCES style_version(id)`);
    await q.query(`
      CREATE TABLE upload (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        employee_id uuid NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
        original_key text NOT NULL,
        sha256 text NOT NULL,
        width int NOT NULL,
        height int NOT NULL,
        bytes int NOT NULL,
        source_format text NOT NULL,
        checks jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX upload_org_employee ON upload (org_id, employee_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE batch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        style_version_id uuid NOT NULL REFERENCES style_version(id),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        total int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE headshot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        employee_id uuid NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
        upload_id uuid NOT NULL REFERENCES upload(id) ON DELETE CASCADE,
        style_version_id uuid NOT NULL REFERENCES style_version(id),
        batch_id uuid REFERENCES batch(id) ON DELETE SET NULL,
        state text NOT NULL DEFAULT 'waiting'
          CHECK (state IN ('waiting', 'queued', 'processing', 'in_review', 'failed', 'approved', 'rejected', 'superseded')),
        failure_reason text,
        renditions jsonb NOT NULL DEFAULT '[]'::jsonb,
        report jsonb,
        quality_score real,
        reviewed_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        reviewed_at timestamptz,
        rejection_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (upload_id, style_version_id)
      )`);
    await q.query(`CREATE INDEX headshot_org_state ON headshot (org_id, state)`);
    await q.query(`CREATE INDEX headshot_batch_state ON headshot (batch_id, state)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE headshot`);
    await q.query(`DROP TABLE batch`);
    await q.query(`DROP TABLE upload`);
    await q.query(`ALTER TABLE org DROP COLUMN current_style_version_id`);
    await q.query(`DROP TABLE style_version`);
    await q.query(`ALTER TABLE employee DROP COLUMN consent_accepted_at, DROP COLUMN consent_version`);
    await q.query(`ALTER TABLE org DROP COLUMN processing_mode`);
  }
}
