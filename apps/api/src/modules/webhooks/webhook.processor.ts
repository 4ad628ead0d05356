import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QUEUE, type ScheduledJobPayload, WEBHOOK_JOB, type WebhookDeliveryPayload, type WebhookDisabledPayload, type WebhookEventBody } from '@teamframe/shared-types';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { MailService } from '../../core/mail/mail.service';
import { jobClock, RunsJob } from '../../core/queue/job-handlers';
import { AuditService } from '../audit/audit.service';
import { WebhookAddressGuard } from './webhook-address-guard';
import { WebhookSecrets } from './webhook-secrets';
import { sendWebhook } from './webhook-sender';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature';

interface DeliveryRow {
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

/**
 * Delivers webhooks: one POST per job, every attempt written to the delivery log (kept 30 days). A failed attempt
 * throws, so BullMQ retries it with exponential back-off; after WEBHOOK_DISABLE_AFTER_FAILURES failed
 * attempts in a row the endpoint is switched off and the org's owners get a mail (its own job).
 */
/** How long events and their delivery log are kept (the log is for finding out why something failed). */
const LOG_DAYS = 30;

@Injectable()
export class WebhookProcessor {
  private readonly logger = new Logger(WebhookProcessor.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUE.webhook) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly guard: WebhookAddressGuard,
    private readonly secrets: WebhookSecrets,
    private readonly mail: MailService,
    private readonly audit: AuditService,
  ) {}

  @RunsJob(QUEUE.webhook, WEBHOOK_JOB.deliver)
  async deliver(job: Job<WebhookDeliveryPayload>): Promise<string> {
    const { eventId, endpointId } = job.data;
    const [row]: DeliveryRow[] = await this.db.query(
      `SELECT e.org_id, e.type, e.data, e.created_at, e.endpoint_id IS NOT NULL AS targeted, p.url, p.enabled, p.secret_sealed, p.previous_secret_sealed,
              coalesce(p.previous_secret_until > now(), false) AS previous_live
         FROM webhook_event e JOIN webhook_endpoint p ON p.id = $2 AND p.org_id = e.org_id WHERE e.id = $1`,
      [eventId, endpointId],
    );
    if (!row) return 'endpoint or event gone';
    if (!row.enabled && !row.targeted) return 'endpoint switched off';

    const body: WebhookEventBody = { id: eventId, type: row.type, createdAt: row.created_at.toISOString(), orgId: row.org_id, data: row.data };
    const json = JSON.stringify(body);
    const secrets = [this.secrets.open(row.secret_sealed, endpointId), ...(row.previous_live && row.previous_secret_sealed ? [this.secrets.open(row.previous_secret_sealed, endpointId)] : [])];
    const result = await sendWebhook(this.guard, new URL(row.url), json, {
      'content-type': 'application/json',
      'user-agent': 'Teamframe-Webhooks/1',
      'teamframe-event': row.type,
      'teamframe-event-id': eventId,
      [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(secrets, json, Math.floor(Date.now() / 1000)),
    });
    const attempt = job.attemptsMade + 1;
    await this.db.query(
      `INSERT INTO webhook_delivery (org_id, endpoint_id, event_id, event_type, attempt, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [row.org_id, endpointId, eventId, row.type, attempt, result.statusCode, result.error, result.durationMs],
    );
    if (!result.error) {
      await this.db.query(`UPDATE webhook_endpoint SET consecutive_failures = 0 WHERE id = $1`, [endpointId]);
      return `delivered (${result.statusCode})`;
    }
    const [[counted]]: [{ consecutive_failures: number }[]] = await this.db.query(
      `UPDATE webhook_endpoint SET consecutive_failures = consecutive_failures + 1 WHERE id = $1 RETURNING consecutive_failures`,
      [endpointId],
    );
    if (counted && counted.consecutive_failures >= this.config.WEBHOOK_DISABLE_AFTER_FAILURES && (await this.disable(row.org_id, endpointId, counted.consecutive_failures))) {
      return 'failed; endpoint switched off';
    }
    throw new Error(`attempt ${attempt} failed: ${result.error}`);
  }

  /** Deletes events dispatched over LOG_DAYS ago with their delivery log (cascade). */
  @RunsJob(QUEUE.webhook, WEBHOOK_JOB.purgeLog)
  async purgeLog(job: Job<ScheduledJobPayload>): Promise<{ events: number }> {
    const before = new Date(jobClock(job).getTime() - LOG_DAYS * 86_400_000);
    const [, events] = await this.db.query(`DELETE FROM webhook_event WHERE dispatched_at < $1`, [before]);
    return { events };
  }

  /** Switches the endpoint off once (the first failure past the limit wins) and queues the owners' mail. */
  private async disable(orgId: string, endpointId: string, failures: number): Promise<boolean> {
    const reason = `Switched off after ${failures} failed deliveries in a row.`;
    const [updated]: [{ id: string }[]] = await this.db.query(`UPDATE webhook_endpoint SET enabled = false, disabled_reason = $2 WHERE id = $1 AND enabled RETURNING id`, [endpointId, reason]);
    if (!updated.length) return false;
    await this.audit.record({ orgId, actorUserId: null, action: 'webhook.endpoint_disabled', subjectType: 'webhook_endpoint', subjectId: endpointId, details: { failures } });
    await this.queue.add(WEBHOOK_JOB.endpointDisabled, { endpointId } satisfies WebhookDisabledPayload, { jobId: `disabled-${endpointId}-${Date.now()}` });
    this.logger.warn({ endpointId, failures }, 'webhook endpoint switched off');
    return true;
  }

  @RunsJob(QUEUE.webhook, WEBHOOK_JOB.endpointDisabled)
  async mailOwners(job: Job<WebhookDisabledPayload>): Promise<string> {
    const { endpointId } = job.data;
    const [endpoint]: { url: string; org_id: string; disabled_reason: string | null; org_name: string }[] = await this.db.query(
      `SELECT p.url, p.org_id, p.disabled_reason, o.name AS org_name FROM webhook_endpoint p JOIN org o ON o.id = p.org_id WHERE p.id = $1`,
      [endpointId],
    );
    if (!endpoint) return 'endpoint gone';
    const owners: { email: string }[] = await this.db.query(`SELECT email FROM app_user WHERE org_id = $1 AND role = 'owner' AND disabled_at IS NULL`, [endpoint.org_id]);
    const host = new URL(endpoint.url).host;
    for (const o of owners) {
      await this.mail.send({
        to: o.email,
        subject: `Webhook to ${host} switched off`,
        text:
          `Teamframe stopped sending webhooks for ${endpoint.org_name} to ${host}. ${endpoint.disabled_reason ?? ''}\n\n` +
          `Check that the receiver is up and answers 2xx, then open Settings → Webhooks, look at the delivery log, send a test event and switch the endpoint on again.\n\n` +
          `${this.config.PUBLIC_URL}/settings/webhooks\n`,
      });
    }
    return `mailed ${owners.length}`;
  }
}
