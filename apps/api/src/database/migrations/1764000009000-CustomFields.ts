import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CustomFields1764000009000 implements MigrationInterface {
  name = 'CustomFields1764000009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE custom_field (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
        label text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 60),
        position int NOT NULL DEFAULT 0 CHECK (position >= 0),
        show_on_team_page boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (org_id, key)
      )`);
    await q.query(`CREATE INDEX custom_field_org_position ON custom_field (org_id, position)`);
    // Values by field key; the API keeps only keys of the org's fields and drops a key when its field goes.
    await q.query(`ALTER TABLE employee ADD COLUMN custom_fields jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(custom_fields) = 'object')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE employee DROP COLUMN custom_fields`);
    await q.query(`DROP TABLE custom_field`);
  }
}
