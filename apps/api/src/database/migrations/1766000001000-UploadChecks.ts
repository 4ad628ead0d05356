import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Selfies an `api` process stored and handed to the workers for their instant checks (issue 16): the
 * row is the durable record that a check is owed, so a check whose job Redis lost is queued again. The
 * row goes in the same transaction that records the outcome. Erasing the employee removes it with them.
 */
export class UploadChecks1766000001000 implements MigrationInterface {
  name = 'UploadChecks1766000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE upload_check (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        employee_id uuid NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
        invite_id uuid REFERENCES invite(id) ON DELETE SET NULL,
        incoming_key text NOT NULL,
        requeued integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        queued_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX upload_check_queued ON upload_check (queued_at)`);
    await q.query(`CREATE INDEX upload_check_employee ON upload_check (org_id, employee_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE upload_check`);
  }
}
