import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type CreatedSecretDto, type CreateWebhookRequest, type UpdateWebhookRequest, WEBHOOK_TEST_EVENT, type WebhookDeliveryDto, type WebhookEndpointDto } from '@teamframe/shared-types';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { AuditService } from '../audit/audit.service';
import { WebhookAddressGuard, WebhookAddressRefused } from './webhook-address-guard';
import { WebhookSecrets } from './webhook-secrets';
import { newWebhookSecret } from './webhook-signature';
import { type EndpointRow, WebhooksRepository } from './webhooks.repository';

/** After a rotation the old secret keeps signing (as a second v1) for this long, so receivers can switch over. */
const ROTATION_OVERLAP = '24 hours';

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
    private readonly endpoints: WebhooksRepository,
    private readonly audit: AuditService,
    private readonly guard: WebhookAddressGuard,
    private readonly secrets: WebhookSecrets,
  ) {}

  async list(auth: AuthContext): Promise<WebhookEndpointDto[]> {
    return (await this.endpoints.listEndpoints(auth.orgId)).map(toDto);
  }

  async create(auth: AuthContext, req: CreateWebhookRequest): Promise<CreatedSecretDto<WebhookEndpointDto>> {
    const url = await this.checkedUrl(req.url);
    const id = randomUUID();
    const secret = newWebhookSecret();
    const row = await this.db.transaction(async (m) => {
      const r = await this.endpoints.insertEndpoint(m, { id, orgId: auth.orgId, url, description: req.description, events: req.events, secretSealed: this.secrets.seal(secret, id), createdBy: auth.userId });
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'webhook.endpoint_created', subjectType: 'webhook_endpoint', subjectId: id, details: { host: new URL(url).host, events: req.events } }, m);
      return r;
    });
    return { item: toDto(row), secret };
  }

  async update(auth: AuthContext, id: string, req: UpdateWebhookRequest): Promise<WebhookEndpointDto> {
    const url = req.url === undefined ? undefined : await this.checkedUrl(req.url);
    return this.db.transaction(async (m) => {
      const r = await this.endpoints.updateEndpoint(m, auth.orgId, id, { url, description: req.description, events: req.events, enabled: req.enabled });
      if (!r) throw notFound();
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'webhook.endpoint_updated', subjectType: 'webhook_endpoint', subjectId: id, details: { fields: Object.keys(req) } }, m);
      return toDto(r);
    });
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      if (!(await this.endpoints.deleteEndpoint(m, auth.orgId, id))) throw notFound();
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'webhook.endpoint_deleted', subjectType: 'webhook_endpoint', subjectId: id }, m);
    });
  }

  /** A new secret, shown once; the old one signs alongside it for 24 hours. */
  async rotateSecret(auth: AuthContext, id: string): Promise<CreatedSecretDto<WebhookEndpointDto>> {
    const secret = newWebhookSecret();
    const row = await this.db.transaction(async (m) => {
      const r = await this.endpoints.rotateSecret(m, auth.orgId, id, this.secrets.seal(secret, id), ROTATION_OVERLAP);
      if (!r) throw notFound();
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'webhook.secret_rotated', subjectType: 'webhook_endpoint', subjectId: id }, m);
      return r;
    });
    return { item: toDto(row), secret };
  }

  /** Queues a `webhook.test` event for this endpoint only (also when it is switched off, to try it before turning it on). */
  async sendTest(auth: AuthContext, id: string): Promise<{ eventId: string }> {
    return this.db.transaction(async (m) => {
      const eventId = await this.endpoints.insertTestEvent(m, auth.orgId, id, WEBHOOK_TEST_EVENT);
      if (!eventId) throw notFound();
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'webhook.test_sent', subjectType: 'webhook_endpoint', subjectId: id, details: { eventId } }, m);
      return { eventId };
    });
  }

  async deliveries(auth: AuthContext, id: string): Promise<WebhookDeliveryDto[]> {
    if (!(await this.endpoints.endpointExists(auth.orgId, id))) throw notFound();
    const rows = await this.endpoints.deliveryLog(auth.orgId, id);
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
