import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MarketingEmails1764000014100 implements MigrationInterface {
  name = 'MarketingEmails1764000014100';

  async up(q: QueryRunner): Promise<void> {
    // Marketing does not see the employee list; whether its exports may carry work e-mail addresses is
    // HR's decision per org, off until HR turns it on.
    await q.query(`ALTER TABLE org ADD COLUMN marketing_sees_emails boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE org DROP COLUMN marketing_sees_emails`);
  }
}
