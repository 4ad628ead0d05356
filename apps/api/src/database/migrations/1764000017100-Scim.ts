import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Scim1764000017100 implements MigrationInterface {
  name = 'Scim1764000017100';

  async up(q: QueryRunner): Promise<void> {
    // One provisioning connection per org: its bearer token (SHA-256 only) and how DELETE behaves.
    await q.query(`
      CREATE TABLE org_scim (
        org_id uuid PRIMARY KEY REFERENCES org(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        prefix text NOT NULL,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        delete_erases boolean NOT NULL DEFAULT false
      )`);
    // The identity provider's names for an employee. deleted_at: DELETEd over SCIM (the employee is only
    // deactivated), so SCIM answers 404 for it until the same userName is provisioned again.
    await q.query(`
      CREATE TABLE scim_user (
        employee_id uuid PRIMARY KEY REFERENCES employee(id) ON DELETE CASCADE,
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        user_name text NOT NULL,
        external_id text,
        deleted_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX scim_user_org_user_name ON scim_user (org_id, lower(user_name))`);
    await q.query(`CREATE UNIQUE INDEX scim_user_org_external_id ON scim_user (org_id, external_id) WHERE external_id IS NOT NULL`);
    // A SCIM group is a department: its members are the employees whose department is its display name.
    await q.query(`
      CREATE TABLE scim_group (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        display_name text NOT NULL,
        external_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (org_id, display_name)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scim_group`);
    await q.query(`DROP TABLE scim_user`);
    await q.query(`DROP TABLE org_scim`);
  }
}
