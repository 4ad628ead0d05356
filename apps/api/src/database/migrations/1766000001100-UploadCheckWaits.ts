import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A kept selfie whose check cannot finish yet for a reason that passes (the org's storage is full, the
 * org is suspended) is parked instead of dropped: `waiting_for` says why, the sweep leaves it alone until
 * the reason is gone, and such a wait never counts toward the re-queues after which a check is given up.
 */
export class UploadCheckWaits1766000001100 implements MigrationInterface {
  name = 'UploadCheckWaits1766000001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE upload_check ADD COLUMN waiting_for text CHECK (waiting_for IN ('storage', 'suspension'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE upload_check DROP COLUMN waiting_for`);
  }
}
