import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { type CampaignDueMailPayload, type DigestMailPayload, MAIL_JOB, MAINTENANCE_JOB, QUEUE, type ScheduledJobPayload } from '@teamframe/shared-types';
import type { Job, Queue } from 'bullmq';
import { jobClock, RunsJob } from '../../core/queue/job-handlers';
import { OrgsRepository } from '../orgs/orgs.repository';
import { digestIsEmpty, NotificationFacts } from './notification-facts.service';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationsRepository } from './notifications.repository';
import { addDays, utcDay } from './utc-day';

/**
 * The daily HR mails, queued by maintenance jobs with the job's clock. Job ids carry the day (or the
 * campaign and its due day), so running a job twice queues each mail once.
 */
@Injectable()
export class DailyNotifier {
  constructor(
    private readonly orgs: OrgsRepository,
    private readonly repo: NotificationsRepository,
    private readonly facts: NotificationFacts,
    private readonly prefs: NotificationPreferencesService,
    @InjectQueue(QUEUE.mail) private readonly mail: Queue<DigestMailPayload | CampaignDueMailPayload>,
  ) {}

  @RunsJob(QUEUE.maintenance, MAINTENANCE_JOB.sendDailyDigest)
  queueDigestsJob(job: Job<ScheduledJobPayload>): Promise<{ orgs: number; queued: number }> {
    return this.queueDigests(jobClock(job));
  }

  @RunsJob(QUEUE.maintenance, MAINTENANCE_JOB.sendCampaignDueNotices)
  queueCampaignDueNoticesJob(job: Job<ScheduledJobPayload>): Promise<{ campaigns: number; queued: number }> {
    return this.queueCampaignDueNotices(jobClock(job));
  }

  /** One digest per HR user with the switch on, in each org where something happened. */
  async queueDigests(now: Date): Promise<{ orgs: number; queued: number }> {
    const orgs = await this.orgs.ids();
    let withNews = 0;
    let queued = 0;
    for (const orgId of orgs) {
      const people = await this.prefs.recipients(orgId, ['dailyDigest']);
      if (people.length === 0 || digestIsEmpty(await this.facts.digest(orgId, now))) continue;
      withNews++;
      await this.mail.addBulk(
        people.map((p) => ({ name: MAIL_JOB.dailyDigest, data: { orgId, userId: p.userId, at: now.toISOString() }, opts: { jobId: `digest-${orgId}-${p.userId}-${utcDay(now)}` } })),
      );
      queued += people.length;
    }
    return { orgs: withNews, queued };
  }

  /** Campaigns due tomorrow (the UTC day after `now`): each org's HR hears about its own. */
  async queueCampaignDueNotices(now: Date): Promise<{ campaigns: number; queued: number }> {
    const tomorrow = addDays(now, 1);
    const due = await this.facts.campaignsDueOn(tomorrow);
    let queued = 0;
    for (const c of due) {
      const people = await this.prefs.recipients(c.orgId, ['campaignDue']);
      await this.mail.addBulk(people.map((p) => ({ name: MAIL_JOB.campaignDue, data: { campaignId: c.id, userId: p.userId }, opts: { jobId: `campaign-due-${c.id}-${tomorrow}-${p.userId}` } })));
      queued += people.length;
    }
    return { campaigns: due.length, queued };
  }
}
