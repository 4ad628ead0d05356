import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Campaigns1764000008000 implements MigrationInterface {
  name = 'Campaigns1764000008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('manual', 'refresh', 'onboarding')),
        state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'ended')),
        due_on date,
        audience jsonb NOT NULL,
        reminder_every_days int NOT NULL DEFAULT 3 CHECK (reminder_every_days BETWEEN 1 AND 30),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        summary jsonb
      )`);
    await q.query(`CREATE INDEX campaign_org_idx ON campaign (org_id, state, created_at DESC)`);
    // New starters join one standing campaign per org.
    await q.query(`CREATE UNIQUE INDEX campaign_one_onboarding ON campaign (org_id) WHERE kind = 'onboarding' AND state = 'active'`);
    await q.query(`
      CREATE TABLE campaign_member (
        campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        employee_id uuid NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        invite_id uuid REFERENCES invite(id) ON DELETE SET NULL,
        invited_at timestamptz,
        skip_reason text,
        reminders_sent int NOT NULL DEFAULT 0,
        last_reminder_at timestamptz,
        PRIMARY KEY (campaign_id, employee_id)
      )`);
    await q.query(`CREATE INDEX campaign_member_employee_idx ON campaign_member (org_id, employee_id)`);
    await q.query(`ALTER TABLE invite ADD COLUMN campaign_id uuid REFERENCES campaign(id) ON DELETE SET NULL`);
    await q.query(`
      ALTER TABLE org
        ADD COLUMN refresh_months int CHECK (refresh_months BETWEEN 1 AND 60),
        ADD COLUMN auto_invite_since timestamptz`);
    await q.query(`UPDATE org SET auto_invite_since = now() WHERE auto_invite`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE org DROP COLUMN refresh_months, DROP COLUMN auto_invite_since`);
    await q.query(`ALTER TABLE invite DROP COLUMN campaign_id`);
    await q.query(`DROP TABLE campaign_member`);
    await q.query(`DROP TABLE campaign`);
  }
}
