import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EmployeesInvites1764000001000 implements MigrationInterface {
  name = 'EmployeesInvites1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE employee (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email)),
        first_name text NOT NULL,
        last_name text NOT NULL,
        title text NOT NULL DEFAULT '',
        department text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'not_invited'
          CHECK (status IN ('not_invited', 'invited', 'uploaded', 'processing', 'in_review', 'approved', 'rejected')),
        invited_at timestamptz,
        deactivated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (org_id, email)
      )`);
    await q.query(`CREATE INDEX employee_org_last_name ON employee (org_id, lower(last_name), lower(first_name))`);
    await q.query(`CREATE INDEX employee_org_status ON employee (org_id, status)`);
    await q.query(`CREATE INDEX employee_org_department ON employee (org_id, department)`);
    await q.query(`
      CREATE TABLE invite (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        employee_id uuid NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'revoked')),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        reminders_sent int NOT NULL DEFAULT 0,
        last_reminder_at timestamptz
      )`);
    // At most one live invite per employee: resending revokes the old one in the same transaction.
    await q.query(`CREATE UNIQUE INDEX invite_one_active_per_employee ON invite (employee_id) WHERE state = 'active'`);
    await q.query(`CREATE INDEX invite_org_state ON invite (org_id, state, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invite`);
    await q.query(`DROP TABLE employee`);
  }
}
