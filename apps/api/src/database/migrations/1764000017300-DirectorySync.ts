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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE directory_photo_sync`);
    await q.query(`DROP TABLE directory_connection`);
  }
}
