import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Selfies the instant checks refused: when, and the codes and sentences the employee was shown, so
 * HR sees why someone is still "missing". The photo itself is never kept. Erasing the employee
 * removes their attempts with them.
 */
export class UploadAttempts1764000016000 implements MigrationInterface {
  name = 'UploadAttempts1764000016000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE upload_attempt (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        employee_id uuid NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
        invite_id uuid REFERENCES invite(id) ON DELETE SET NULL,
        checks jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX upload_attempt_employee ON upload_attempt (org_id, employee_id, created_at DESC)`);
    await q.query(`CREATE INDEX upload_attempt_invite ON upload_attempt (invite_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE upload_attempt`);
  }
}
