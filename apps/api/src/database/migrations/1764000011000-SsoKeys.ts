import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SsoKeys1764000011000 implements MigrationInterface {
  name = 'SsoKeys1764000011000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE org_sso_sp_key (
        org_id uuid PRIMARY KEY REFERENCES org(id) ON DELETE CASCADE,
        certificate text NOT NULL,
        private_key_encrypted text NOT NULL CHECK (private_key_encrypted LIKE 'v1.%'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Orgs that set SSO up before this migration configured their IdP from metadata without our
    // certificate: their requests stay unsigned (a signed request an IdP cannot check is refused by
    // some, e.g. ADFS). New configurations sign by default.
    await q.query(`ALTER TABLE org_sso_config ADD COLUMN sign_requests boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE org_sso_config ALTER COLUMN sign_requests SET DEFAULT true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE org_sso_config DROP COLUMN sign_requests`);
    await q.query(`DROP TABLE org_sso_sp_key`);
  }
}
