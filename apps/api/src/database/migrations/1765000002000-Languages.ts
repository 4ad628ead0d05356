import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The employee side speaks the employee's language: a BCP 47 tag per employee (null: use the org's
 * default), and the org's default for everyone without one. The API only writes tags whose language
 * has messages; the column stays plain text so a company's own translation files can add languages.
 */
export class Languages1765000002000 implements MigrationInterface {
  name = 'Languages1765000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE employee ADD COLUMN language text`);
    await q.query(`ALTER TABLE org ADD COLUMN default_language text NOT NULL DEFAULT 'en'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE org DROP COLUMN default_language`);
    await q.query(`ALTER TABLE employee DROP COLUMN language`);
  }
}
