import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { WebhookEventBody, WebhookEventType } from '@teamframe/shared-types';
import { DataSource, type EntityManager } from 'typeorm';

/** An endpoint as owners see it (never its secrets). */
export interface EndpointRow {
  id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  enabled: boolean;
  disabled_reason: string | null;
  consecutive_failures: number;
  created_at: Date;
  secret_rotated_at: Date;
}

export interface DeliveryLogRow {
  id: string;
  event_id: string;
  event_type: string;
  attempt: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  at: Date;
}

/** What one delivery needs: the event, and the endpoint's address and sealed secrets. */
export interface DeliveryRow {
  org_id: string;
  type: WebhookEventBody['type'];
  data: Record<string, unknown>;
  created_at: Date;
  targeted: boolean;
  url: string;
  enabled: boolean;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_live: boolean;
}

const ENDPOINT_COLUMNS = 'id, url, description, events, enabled, disabled_reason, consecutive_failures, created_at, secret_rotated_at';

/**
 * The SQL of webhooks: endpoints (webhook_endpoint), the outbox (webhook_event) and the delivery log
 * (webhook_delivery). Methods that take an EntityManager run inside the caller's transaction.
 */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  listEndpoints(orgId: string): Promise<EndpointRow[]> {
    return this.db.query(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoint WHERE org_id = $1 ORDER BY created_at`, [orgId]);
  }

  async endpointExists(orgId: string, id: string): Promise<boolean> {
    const [row] = await this.db.query(`SELECT 1 FROM webhook_endpoint WHERE id = $1 AND org_id = $2`, [id, orgId]);
    return Boolean(row);
  }

  async insertEndpoint(m: EntityManager, e: { id: string; orgId: string; url: string; description: string; events: WebhookEventType[]; secretSealed: string; createdBy: string }): Promise<EndpointRow> {
    const [row]: EndpointRow[] = await m.query(
      `INSERT INTO webhook_endpoint (id, org_id, url, description, events, secret_sealed, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${ENDPOINT_COLUMNS}`,
      [e.id, e.orgId, e.url, e.description, e.events, e.secretSealed, e.createdBy],
    );
    return row;
  }

  /** Changes what is given (undefined keeps it). Switching on clears the failure count; switching off says a person did it. */
  async updateEndpoint(m: EntityManager, orgId: string, id: string, c: { url?: string; description?: string; events?: WebhookEventType[]; enabled?: boolean }): Promise<EndpointRow | undefined> {
    const [rows]: [EndpointRow[]] = await m.query(
      `UPDATE webhook_endpoint SET url = coalesce($3, url), description = coalesce($4, description), events = coalesce($5, events),
              enabled = coalesce($6, enabled),
              consecutive_failures = CASE WHEN $6 THEN 0 ELSE consecutive_failures END,
              disabled_reason = CASE WHEN $6 THEN NULL WHEN $6 = false THEN 'Switched off by a person.' ELSE disabled_reason END
        WHERE id = $1 AND org_id = $2 RETURNING ${ENDPOINT_COLUMNS}`,
      [id, orgId, c.url ?? null, c.description ?? null, c.events ?? null, c.enabled ?? null],
    );
    return rows[0];
  }

  /** True when the endpoint existed. */
  async deleteEndpoint(m: EntityManager, orgId: string, id: string): Promise<boolean> {
    const [, deleted] = await m.query(`DELETE FROM webhook_endpoint WHERE id = $1 AND org_id = $2`, [id, orgId]);
    return Boolean(deleted);
  }

  /** The current secret becomes the previous one, signing alongside the new one for `overlap` (an SQL interval). */
  async rotateSecret(m: EntityManager, orgId: string, id: string, secretSealed: string, overlap: string): Promise<EndpointRow | undefined> {
    const [rows]: [EndpointRow[]] = await m.query(
      `UPDATE webhook_endpoint SET previous_secret_sealed = secret_sealed, previous_secret_until = now() + $4::interval,
              secret_sealed = $3, secret_rotated_at = now()
        WHERE id = $1 AND org_id = $2 RETURNING ${ENDPOINT_COLUMNS}`,
      [id, orgId, secretSealed, overlap],
    );
    return rows[0];
  }

  /** A test event for this endpoint only; undefined when the org has no such endpoint. */
  async insertTestEvent(m: EntityManager, orgId: string, endpointId: string, type: string): Promise<string | undefined> {
    const [e]: { id: string }[] = await m.query(
      `INSERT INTO webhook_event (org_id, type, data, endpoint_id)
       SELECT org_id, $3, jsonb_build_object('message', 'A test event from Teamframe.', 'endpointId', id), id FROM webhook_endpoint WHERE id = $1 AND org_id = $2
       RETURNING id`,
      [endpointId, orgId, type],
    );
    return e?.id;
  }

  /** The outbox write, in the caller's transaction: only when the org has an enabled endpoint that wants `type`. */
  async insertEventIfWanted(m: EntityManager, orgId: string, type: string, data: unknown): Promise<void> {
    await m.query(
      `INSERT INTO webhook_event (org_id, type, data)
       SELECT $1, $2, $3::jsonb WHERE EXISTS (SELECT 1 FROM webhook_endpoint WHERE org_id = $1 AND enabled AND $2 = ANY(events))`,
      [orgId, type, JSON.stringify(data)],
    );
  }

  deliveryLog(orgId: string, endpointId: string): Promise<DeliveryLogRow[]> {
    return this.db.query(
      `SELECT id, event_id, event_type, attempt, status_code, error, duration_ms, at FROM webhook_delivery WHERE endpoint_id = $1 AND org_id = $2 ORDER BY at DESC, attempt DESC LIMIT 200`,
      [endpointId, orgId],
    );
  }

  /** Claims up to `limit` undispatched events (SKIP LOCKED: workers share them) with the endpoints each goes to. */
  async claimUndispatched(m: EntityManager, limit: number): Promise<{ eventIds: string[]; targets: { event_id: string; endpoint_id: string }[] }> {
    const events: { id: string }[] = await m.query(`SELECT id FROM webhook_event WHERE dispatched_at IS NULL ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`);
    const eventIds = events.map((e) => e.id);
    if (eventIds.length === 0) return { eventIds, targets: [] };
    // Subscribed, enabled endpoints of the event's org; a test event goes to its one endpoint, on or off.
    const targets: { event_id: string; endpoint_id: string }[] = await m.query(
      `SELECT e.id AS event_id, p.id AS endpoint_id FROM webhook_event e
         JOIN webhook_endpoint p ON p.org_id = e.org_id AND (CASE WHEN e.endpoint_id IS NULL THEN p.enabled AND e.type = ANY(p.events) ELSE p.id = e.endpoint_id END)
        WHERE e.id = ANY($1::uuid[])`,
      [eventIds],
    );
    return { eventIds, targets };
  }

  async markDispatched(m: EntityManager, eventIds: string[]): Promise<void> {
    await m.query(`UPDATE webhook_event SET dispatched_at = now() WHERE id = ANY($1::uuid[])`, [eventIds]);
  }

  async delivery(eventId: string, endpointId: string): Promise<DeliveryRow | undefined> {
    const [row]: DeliveryRow[] = await this.db.query(
      `SELECT e.org_id, e.type, e.data, e.created_at, e.endpoint_id IS NOT NULL AS targeted, p.url, p.enabled, p.secret_sealed, p.previous_secret_sealed,
              coalesce(p.previous_secret_until > now(), false) AS previous_live
         FROM webhook_event e JOIN webhook_endpoint p ON p.id = $2 AND p.org_id = e.org_id WHERE e.id = $1`,
      [eventId, endpointId],
    );
    return row;
  }

  async logAttempt(a: { orgId: string; endpointId: string; eventId: string; eventType: string; attempt: number; statusCode: number | null; error: string | null; durationMs: number }): Promise<void> {
    await this.db.query(
      `INSERT INTO webhook_delivery (org_id, endpoint_id, event_id, event_type, attempt, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [a.orgId, a.endpointId, a.eventId, a.eventType, a.attempt, a.statusCode, a.error, a.durationMs],
    );
  }

  async resetFailures(endpointId: string): Promise<void> {
    await this.db.query(`UPDATE webhook_endpoint SET consecutive_failures = 0 WHERE id = $1`, [endpointId]);
  }

  /** The failures in a row after this one; undefined when the endpoint is gone. */
  async countFailure(endpointId: string): Promise<number | undefined> {
    const [[counted]]: [{ consecutive_failures: number }[]] = await this.db.query(
      `UPDATE webhook_endpoint SET consecutive_failures = consecutive_failures + 1 WHERE id = $1 RETURNING consecutive_failures`,
      [endpointId],
    );
    return counted?.consecutive_failures;
  }

  /** Switches the endpoint off; false when it already was (the first failure past the limit wins). */
  async disable(endpointId: string, reason: string): Promise<boolean> {
    const [updated]: [{ id: string }[]] = await this.db.query(`UPDATE webhook_endpoint SET enabled = false, disabled_reason = $2 WHERE id = $1 AND enabled RETURNING id`, [endpointId, reason]);
    return updated.length > 0;
  }

  async endpointWithOrg(endpointId: string): Promise<{ url: string; org_id: string; disabled_reason: string | null; org_name: string } | undefined> {
    const [endpoint] = await this.db.query(`SELECT p.url, p.org_id, p.disabled_reason, o.name AS org_name FROM webhook_endpoint p JOIN org o ON o.id = p.org_id WHERE p.id = $1`, [endpointId]);
    return endpoint;
  }

  // Reads app_user, which has no repository of its own yet; it belongs there (or in members) once one exists.
  activeOwnerEmails(orgId: string): Promise<{ email: string }[]> {
    return this.db.query(`SELECT email FROM app_user WHERE org_id = $1 AND role = 'owner' AND disabled_at IS NULL`, [orgId]);
  }

  /** Deletes events dispatched before `before`, their delivery log with them (cascade); how many. */
  async purgeEventsBefore(before: Date): Promise<number> {
    const [, events] = await this.db.query(`DELETE FROM webhook_event WHERE dispatched_at < $1`, [before]);
    return events;
  }
}
