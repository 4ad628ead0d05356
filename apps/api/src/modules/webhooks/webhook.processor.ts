import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { QUEUE, type ScheduledJobPayload, WEBHOOK_JOB, type WebhookDeliveryPayload, type WebhookDisabledPayload, type WebhookEventBody } from '@teamframe/shared-types';
import type { Job, Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { MailService } from '../../core/mail/mail.service';
import { jobClock, RunsJob } from '../../core/queue/job-handlers';
import { AuditService } from '../audit/audit.service';
import { WebhookAddressGuard } from './webhook-address-guard';
import { WebhookSecrets } from './webhook-secrets';
import { sendWebhook } from './webhook-sender';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature';
import { WebhooksRepository } from './webhooks.repository';

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
    private readonly webhooks: WebhooksRepository,
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
    const row = await this.webhooks.delivery(eventId, endpointId);
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
    await this.webhooks.logAttempt({ orgId: row.org_id, endpointId, eventId, eventType: row.type, attempt, statusCode: result.statusCode, error: result.error, durationMs: result.durationMs });
    if (!result.error) {
      await this.webhooks.resetFailures(endpointId);
      return `delivered (${result.statusCode})`;
    }
    const failures = await this.webhooks.countFailure(endpointId);
    if (failures !== undefined && failures >= this.config.WEBHOOK_DISABLE_AFTER_FAILURES && (await this.disable(row.org_id, endpointId, failures))) {
      return 'failed; endpoint switched off';
    }
    throw new Error(`attempt ${attempt} failed: ${result.error}`);
  }

  /** Deletes events dispatched over LOG_DAYS ago with their delivery log (cascade). */
  @RunsJob(QUEUE.webhook, WEBHOOK_JOB.purgeLog)
  async purgeLog(job: Job<ScheduledJobPayload>): Promise<{ events: number }> {
    const before = new Date(jobClock(job).getTime() - LOG_DAYS * 86_400_000);
    return { events: await this.webhooks.purgeEventsBefore(before) };
  }

  /** Switches the endpoint off once (the first failure past the limit wins) and queues the owners' mail. */
  private async disable(orgId: string, endpointId: string, failures: number): Promise<boolean> {
    const reason = `Switched off after ${failures} failed deliveries in a row.`;
    if (!(await this.webhooks.disable(endpointId, reason))) return false;
    await this.audit.record({ orgId, actorUserId: null, action: 'webhook.endpoint_disabled', subjectType: 'webhook_endpoint', subjectId: endpointId, details: { failures } });
    await this.queue.add(WEBHOOK_JOB.endpointDisabled, { endpointId } satisfies WebhookDisabledPayload, { jobId: `disabled-${endpointId}-${Date.now()}` });
    this.logger.warn({ endpointId, failures }, 'webhook endpoint switched off');
    return true;
  }

  @RunsJob(QUEUE.webhook, WEBHOOK_JOB.endpointDisabled)
  async mailOwners(job: Job<WebhookDisabledPayload>): Promise<string> {
    const { endpointId } = job.data;
    const endpoint = await this.webhooks.endpointWithOrg(endpointId);
    if (!endpoint) return 'endpoint gone';
    const owners = await this.webhooks.activeOwnerEmails(endpoint.org_id);
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
