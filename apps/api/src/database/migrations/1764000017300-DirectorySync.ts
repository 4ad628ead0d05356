import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DirectorySync1764000017300 implements MigrationInterface {
  name = 'DirectorySync1764000017300';

  async up(q: QueryRunner): Promise<void> {
    // One connection per org and directory; credentials sealed (AES-256-GCM, bound to the connection id).
    await q.query(`
      CREATE TABLE directory_connection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('microsoft', 'google', 'bamboohr')),
        enabled boolean NOT NULL DEFAULT true,
        rendition text NOT NULL,
        config jsonb NOT NULL,
        credentials_sealed text CHECK (credentials_sealed LIKE 'v1.%'),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (org_id, kind)
      )`);
    // Per person and connection: the headshot last pushed (or to push) and how it went.
    await q.query(`
      CREATE TABLE directory_photo_sync (
        employee_id uuid NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
        connection_id uuid NOT NULL REFERENCES directory_connection(id) ON DELETE CASCADE,
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        headshot_id uuid NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'queued', 'synced', 'failed', 'skipped')),
        detail text,
        synced_headshot_id uuid,
        synced_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (employee_id, connection_id)
      )`);
    await q.query(`CREATE INDEX directory_photo_sync_pending ON directory_photo_sync (updated_at) WHERE state = 'pending'`);
    // Photos to take down again because the employee was erased. The e-mail is kept only until the
    // removal has been tried (then cleared), since the person is otherwise gone.
    await q.query(`
      CREATE TABLE directory_photo_removal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        connection_id uuid NOT NULL REFERENCES directory_connection(id) ON DELETE CASCADE,
        email text,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'queued', 'done', 'failed', 'unsupported')),
        detail text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX directory_photo_removal_pending ON directory_photo_removal (created_at) WHERE state = 'pending'`);
    // A trigger rather than application code: whatever deletes an employee row (erasure, an org's
    // retention), the photos we pushed are queued for removal before the sync rows cascade away.
    await q.query(`
      CREATE FUNCTION directory_photo_removal_on_employee_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO directory_photo_removal (org_id, connection_id, email)
        SELECT s.org_id, s.connection_id, OLD.email FROM directory_photo_sync s WHERE s.employee_id = OLD.id AND s.synced_at IS NOT NULL;
        RETURN OLD;
      END $$`);
    await q.query(`CREATE TRIGGER employee_delete_directory_photos BEFORE DELETE ON employee FOR EACH ROW EXECUTE FUNCTION directory_photo_removal_on_employee_delete()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER employee_delete_directory_photos ON employee`);
    await q.query(`DROP FUNCTION directory_photo_removal_on_employee_delete()`);
    await q.query(`DROP TABLE directory_photo_removal`);
    await q.query(`DROP TABLE directory_photo_sync`);
    await q.query(`DROP TABLE directory_connection`);
  }
}
