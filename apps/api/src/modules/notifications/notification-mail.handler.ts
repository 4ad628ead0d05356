import { Inject, Injectable, Logger } from '@nestjs/common';
import { type BatchFinishedMailPayload, type CampaignDueMailPayload, type DigestMailPayload, MAIL_JOB, QUEUE, type ReviewWaitingMailPayload } from '@teamframe/shared-types';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { MailService } from '../../core/mail/mail.service';
import { RunsJob } from '../../core/queue/job-handlers';
import { OrgsRepository } from '../orgs/orgs.repository';
import { digestIsEmpty, NotificationFacts } from './notification-facts.service';
import { composeBatchFinishedMail, composeCampaignDueMail, composeDigestMail, composeReviewWaitingMail, type HrMailContext } from './notification-mail';
import { NotificationPreferencesService, type NotificationSwitch } from './notification-preferences.service';
import { NotificationsRepository } from './notifications.repository';
import { utcDay } from './utc-day';

/**
 * Writes the HR notification mails, one method per `mail` job name. Numbers and switches are read
 * when the mail is written, so a switch turned off (or a role changed) after queueing stops it, and
 * every number comes from the recipient's own org.
 */
@Injectable()
export class NotificationMailHandler {
  private readonly logger = new Logger(NotificationMailHandler.name);

  constructor(
    private readonly orgs: OrgsRepository,
    private readonly repo: NotificationsRepository,
    private readonly mail: MailService,
    private readonly facts: NotificationFacts,
    private readonly prefs: NotificationPreferencesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @RunsJob(QUEUE.mail, MAIL_JOB.batchFinished)
  async batchFinished({ data: d }: Job<BatchFinishedMailPayload>): Promise<'sent' | 'skipped'> {
    const batch = await this.facts.batch(d.batchId);
    if (!batch) return 'skipped';
    const c = await this.context(batch.orgId, d.userId, 'batchFinished');
    if (!c) return 'skipped';
    return this.deliver(composeBatchFinishedMail({ ...c, batch }), d);
  }

  @RunsJob(QUEUE.mail, MAIL_JOB.reviewWaiting)
  async reviewWaiting({ data: d }: Job<ReviewWaitingMailPayload>): Promise<'sent' | 'skipped'> {
    const c = await this.context(d.orgId, d.userId, 'reviewWaiting');
    if (!c) return 'skipped';
    // Reviewed by a colleague in the meantime: nothing left to say.
    const waiting = await this.facts.waitingForReview(d.orgId);
    if (waiting === 0) return 'skipped';
    return this.deliver(composeReviewWaitingMail({ ...c, waiting }), d);
  }

  @RunsJob(QUEUE.mail, MAIL_JOB.dailyDigest)
  async digest({ data: d }: Job<DigestMailPayload>): Promise<'sent' | 'skipped'> {
    const c = await this.context(d.orgId, d.userId, 'dailyDigest');
    if (!c) return 'skipped';
    const at = new Date(d.at);
    const facts = await this.facts.digest(d.orgId, at);
    if (digestIsEmpty(facts)) return 'skipped';
    return this.deliver(composeDigestMail({ ...c, day: utcDay(at), facts }), d);
  }

  @RunsJob(QUEUE.mail, MAIL_JOB.campaignDue)
  async campaignDue({ data: d }: Job<CampaignDueMailPayload>): Promise<'sent' | 'skipped'> {
    const k = await this.facts.campaign(d.campaignId);
    // Ended early or its date moved since the job was queued: no "due tomorrow" mail.
    if (!k || k.state !== 'active' || !k.dueOn) return 'skipped';
    const c = await this.context(k.orgId, d.userId, 'campaignDue');
    if (!c) return 'skipped';
    return this.deliver(composeCampaignDueMail({ ...c, campaign: { ...k, dueOn: k.dueOn } }), d);
  }

  /** The recipient as an HR user of that org with the switch on now, or nothing. */
  private async context(orgId: string, userId: string, wanted: NotificationSwitch): Promise<HrMailContext | undefined> {
    const r = await this.prefs.recipient(orgId, userId);
    if (!r || !r.settings[wanted]) return undefined;
    const orgName = (await this.orgs.byId(orgId))?.name;
    if (orgName === undefined) return undefined;
    return { to: r.email, name: r.displayName, orgName, publicUrl: this.config.PUBLIC_URL };
  }

  private async deliver(m: Parameters<MailService['send']>[0], d: BatchFinishedMailPayload | ReviewWaitingMailPayload | DigestMailPayload | CampaignDueMailPayload): Promise<'sent'> {
    await this.mail.send(m);
    this.logger.log({ ...d }, 'HR notification sent');
    return 'sent';
  }
}
