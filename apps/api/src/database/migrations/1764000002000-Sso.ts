import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Sso1764000002000 implements MigrationInterface {
  name = 'Sso1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE org_sso_config (
        org_id uuid PRIMARY KEY REFERENCES org(id) ON DELETE CASCADE,
        enabled boolean NOT NULL DEFAULT false,
        idp_entity_id text,
        sso_url text,
        certificates text[] NOT NULL DEFAULT '{}' CHECK (cardinality(certificates) <= 2),
        allow_idp_initiated boolean NOT NULL DEFAULT false,
        clock_skew_sec integer NOT NULL DEFAULT 60 CHECK (clock_skew_sec BETWEEN 0 AND 300),
        role_mapping jsonb NOT NULL DEFAULT '[]'::jsonb,
        email_domains text[] NOT NULL DEFAULT '{}',
        password_login_disabled boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (NOT enabled OR (idp_entity_id IS NOT NULL AND sso_url IS NOT NULL AND cardinality(certificates) >= 1)),
        CHECK (NOT password_login_disabled OR enabled)
      )`);
    // Discovery by email domain: a domain routes to at most one org.
    await q.query(`CREATE INDEX org_sso_config_email_domains ON org_sso_config USING gin (email_domains)`);
    await q.query(`ALTER TABLE app_user ADD COLUMN sso_subject text`);
    // SSO users are found by (org, NameID), never by email; NULL for password-only users.
    await q.query(`CREATE UNIQUE INDEX app_user_org_sso_subject ON app_user (org_id, sso_subject) WHERE sso_subject IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX app_user_org_sso_subject`);
    await q.query(`ALTER TABLE app_user DROP COLUMN sso_subject`);
    await q.query(`DROP TABLE org_sso_config`);
  }
}
