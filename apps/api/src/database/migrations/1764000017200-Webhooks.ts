import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1764000017200 implements MigrationInterface {
  name = 'Webhooks1764000017200';

  async up(q: QueryRunner): Promise<void> {
    // The signing secret must be read back to sign, so it is sealed (AES-256-GCM), not hashed. During a
    // rotation the previous secret keeps signing alongside the new one until previous_secret_until.
    await q.query(`
      CREATE TABLE webhook_endpoint (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        url text NOT NULL,
        description text NOT NULL DEFAULT '',
        events text[] NOT NULL,
        secret_sealed text NOT NULL CHECK (secret_sealed LIKE 'v1.%'),
        previous_secret_sealed text,
        previous_secret_until timestamptz,
        secret_rotated_at timestamptz NOT NULL DEFAULT now(),
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text,
        consecutive_failures int NOT NULL DEFAULT 0,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_endpoint_org ON webhook_endpoint (org_id, created_at)`);
    // The outbox: written in the same transaction as the change it reports (through the audit log), moved
    // to the queue by the dispatcher, which sets dispatched_at. endpoint_id: a test event for one endpoint.
    await q.query(`
      CREATE TABLE webhook_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        type text NOT NULL,
        data jsonb NOT NULL,
        endpoint_id uuid REFERENCES webhook_endpoint(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz
      )`);
    await q.query(`CREATE INDEX webhook_event_undispatched ON webhook_event (created_at) WHERE dispatched_at IS NULL`);
    await q.query(`
      CREATE TABLE webhook_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoint(id) ON DELETE CASCADE,
        event_id uuid NOT NULL REFERENCES webhook_event(id) ON DELETE CASCADE,
        event_type text NOT NULL,
        attempt int NOT NULL,
        status_code int,
        error text,
        duration_ms int NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_delivery_endpoint ON webhook_delivery (endpoint_id, at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_delivery`);
    await q.query(`DROP TABLE webhook_event`);
    await q.query(`DROP TABLE webhook_endpoint`);
  }
}
