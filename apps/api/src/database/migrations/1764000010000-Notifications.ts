import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each HR user's mail switches. A user without a row gets NOTIFICATION_DEFAULTS (shared-types); the
 * column defaults below are the same values so a row inserted by hand means the same thing.
 */
export class Notifications1764000010000 implements MigrationInterface {
  name = 'Notifications1764000010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preference (
        user_id uuid PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        daily_digest boolean NOT NULL DEFAULT true,
        batch_finished boolean NOT NULL DEFAULT true,
        review_waiting boolean NOT NULL DEFAULT false,
        campaign_due boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notification_preference_org ON notification_preference (org_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_preference`);
  }
}
