import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type CreatedSecretDto, type CreateWebhookRequest, type UpdateWebhookRequest, WEBHOOK_TEST_EVENT, type WebhookDeliveryDto, type WebhookEndpointDto, type WebhookEventType } from '@teamframe/shared-types';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { AuditService } from '../audit/audit.service';
import { WebhookAddressGuard, WebhookAddressRefused } from './webhook-address-guard';
import { WebhookSecrets } from './webhook-secrets';
import { newWebhookSecret } from './webhook-signature';

interface EndpointRow {
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

/** After a rotation the old secret keeps signing (as a second v1) for this long, so receivers can switch over. */
const ROTATION_OVERLAP = '24 hours';
const ENDPOINT_COLUMNS = 'id, url, description, events, enabled, disabled_reason, consecutive_failures, created_at, secret_rotated_at';

const toDto = (r: EndpointRow): WebhookEndpointDto => ({
  id: r.id,
  url: r.url,
  description: r.description,
  events: r.events,
  enabled: r.enabled,
  disabledReason: r.disabled_reason,
  consecutiveFailures: r.consecutive_failures,
  createdAt: r.created_at.toISOString(),
  secretRotatedAt: r.secret_rotated_at.toISOString(),
});

const notFound = () => new DomainError('NOT_FOUND', 'No such webhook endpoint in your organisation.');

/** The org's webhook endpoints: created, changed, rotated, tested and removed by owners. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly guard: WebhookAddressGuard,
    private readonly secrets: WebhookSecrets,
  ) {}

  async list(auth: AuthContext): Promise<WebhookEndpointDto[]> {
    const rows: EndpointRow[] = await this.db.query(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoint WHERE org_id = $1 ORDER BY created_at`, [auth.orgId]);
    return rows.map(toDto);
  }

  async create(auth: AuthContext, req: CreateWebhookRequest): Promise<CreatedSecretDto<WebhookEndpointDto>> {
    const url = await this.checkedUrl(req.url);
    const id = randomUUID();
    const secret = newWebhookSecret();
    const row = await this.db.transaction(async (m) => {
      const [r]: EndpointRow[] = await m.query(
        `INSERT INTO webhook_endpoint (id, org_id, url, description, events, secret_sealed, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${ENDPOINT_COLUMNS}`,
        [id, auth.orgId, url, req.description, req.events, this.secrets.seal(secret, id), auth.userId],
      );
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'webhook.endpoint_created', subjectType: 'webhook_endpoint', subjectId: id, details: { host: new URL(url).host, events: req.events } }, m);
      return r;
    });
    return { item: toDto(row), secret };
  }

  async update(auth: AuthContext, id: string, req: UpdateWebhookRequest): Promise<WebhookEndpointDto> {
    const url = req.url === undefined ? undefined : await this.checkedUrl(req.url);
    return this.db.transaction(async (m) => {
      const [r]: EndpointRow[] = await m.query(
        `UPDATE webhook_endpoint SET url = coalesce($3, url), description = coalesce($4, description), events = coalesce($5, events),
                enabled = coalesce($6, enabled),
                consecutive_failures = CASE WHEN $6 THEN 0 ELSE consecutive_failures END,
                disabled_reason = CASE WHEN $6 THEN NULL WHEN $6 = false THEN 'Switched off by a person.' ELSE disabled_reason END
          WHERE id = $1 AND org_id = $2 RETURNING ${ENDPOINT_COLUMNS}`,
        [id, auth.orgId, url ?? null, req.description ?? null, req.events ?? null, req.enabled ?? null],
      ).then(([rows]) => rows);
      if (!r) throw notFound();
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'webhook.endpoint_updated', subjectType: 'webhook_endpoint', subjectId: id, details: { fields: Object.keys(req) } }, m);
      return toDto(r);
    });
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const [, deleted] = await m.query(`DELETE FROM webhook_endpoint WHERE id = $1 AND org_id = $2`, [id, auth.orgId]);
      if (!deleted) throw notFound();
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'webhook.endpoint_deleted', subjectType: 'webhook_endpoint', subjectId: id }, m);
    });
  }

  /** A new secret, shown once; the old one signs alongside it for 24 hours. */
  async rotateSecret(auth: AuthContext, id: string): Promise<CreatedSecretDto<WebhookEndpointDto>> {
    const secret = newWebhookSecret();
    const row = await this.db.transaction(async (m) => {
      const [r]: EndpointRow[] = await m.query(
        `UPDATE webhook_endpoint SET previous_secret_sealed = secret_sealed, previous_secret_until = now() + interval '${ROTATION_OVERLAP}',
                secret_sealed = $3, secret_rotated_at = now()
          WHERE id = $1 AND org_id = $2 RETURNING ${ENDPOINT_COLUMNS}`,
        [id, auth.orgId, this.secrets.seal(secret, id)],
      ).then(([rows]) => rows);
      if (!r) throw notFound();
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'webhook.secret_rotated', subjectType: 'webhook_endpoint', subjectId: id }, m);
      return r;
    });
    return { item: toDto(row), secret };
  }

  /** Queues a `webhook.test` event for this endpoint only (also when it is switched off, to try it before turning it on). */
  async sendTest(auth: AuthContext, id: string): Promise<{ eventId: string }> {
    return this.db.transaction(async (m) => {
      const [e] = await m.query(
        `INSERT INTO webhook_event (org_id, type, data, endpoint_id)
         SELECT org_id, $3, jsonb_build_object('message', 'A test event from Teamframe.', 'endpointId', id), id FROM webhook_endpoint WHERE id = $1 AND org_id = $2
         RETURNING id`,
        [id, auth.orgId, WEBHOOK_TEST_EVENT],
      );
      if (!e) throw notFound();
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'webhook.test_sent', subjectType: 'webhook_endpoint', subjectId: id, details: { eventId: e.id } }, m);
      return { eventId: e.id as string };
    });
  }

  async deliveries(auth: AuthContext, id: string): Promise<WebhookDeliveryDto[]> {
    const [exists] = await this.db.query(`SELECT 1 FROM webhook_endpoint WHERE id = $1 AND org_id = $2`, [id, auth.orgId]);
    if (!exists) throw notFound();
    const rows: { id: string; event_id: string; event_type: string; attempt: number; status_code: number | null; error: string | null; duration_ms: number; at: Date }[] = await this.db.query(
      `SELECT id, event_id, event_type, attempt, status_code, error, duration_ms, at FROM webhook_delivery WHERE endpoint_id = $1 AND org_id = $2 ORDER BY at DESC, attempt DESC LIMIT 200`,
      [id, auth.orgId],
    );
    return rows.map((r) => ({ id: r.id, eventId: r.event_id, eventType: r.event_type, attempt: r.attempt, statusCode: r.status_code, error: r.error, durationMs: r.duration_ms, at: r.at.toISOString() }));
  }

  private async checkedUrl(raw: string): Promise<string> {
    const url = new URL(raw);
    try {
      await this.guard.assertAllowed(url);
    } catch (e) {
      if (e instanceof WebhookAddressRefused) throw new DomainError('VALIDATION_FAILED', e.message, [{ path: 'url', message: e.message }]);
      throw e;
    }
    return url.toString();
  }
}
