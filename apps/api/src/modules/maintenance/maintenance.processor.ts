import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { MAINTENANCE_JOB, QUEUE } from '@teamframe/shared-types';
import type { Job, Queue } from 'bullmq';
import { keepSchedules } from '../../core/queue/job-schedules';
import { workerOptions } from '../../core/queue/queue.module';
import { SessionsService } from '../auth/sessions.service';
import { CampaignSchedulerService } from '../campaigns/campaign-scheduler.service';
import { InvitesService } from '../invites/invites.service';
import { DailyNotifier } from '../notifications/daily-notifier.service';
import { RetentionService } from '../retention/retention.service';
import { HeadshotQueueService } from '../headshots/headshot-queue.service';
import { DataSource } from 'typeorm';
import { DomainClaimsService } from '../domains/domain-claims.service';
import { PausedExports } from '../orgs/suspended-work';

/** Housekeeping on the `maintenance` queue; each job schedules itself (cron patterns below). */
@Processor(QUEUE.maintenance, workerOptions(QUEUE.maintenance))
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly sessions: SessionsService,
    private readonly invites: InvitesService,
    private readonly campaigns: CampaignSchedulerService,
    private readonly headshots: HeadshotQueueService,
    private readonly retention: RetentionService,
    private readonly notifier: DailyNotifier,
    private readonly db: DataSource,
    private readonly domains: DomainClaimsService,
    private readonly pausedExports: PausedExports,
    @InjectQueue(QUEUE.maintenance) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await keepSchedules(this.queue, () => this.schedule(), this.logger);
  }

  private async schedule(): Promise<void> {
    // A job scheduler is an upsert: every worker may call it, Redis keeps one schedule.
    await this.queue.upsertJobScheduler(MAINTENANCE_JOB.purgeExpiredSessions, { pattern: '17 3 * * *' }, { name: MAINTENANCE_JOB.purgeExpiredSessions });
    await this.queue.upsertJobScheduler(MAINTENANCE_JOB.enforceRetention, { pattern: '41 2 * * *' }, { name: MAINTENANCE_JOB.enforceRetention });
    await this.queue.upsertJobScheduler(MAINTENANCE_JOB.requeueStrandedHeadshots, { every: 120_000 }, { name: MAINTENANCE_JOB.requeueStrandedHeadshots });
    await this.queue.upsertJobScheduler(MAINTENANCE_JOB.sendInviteReminders, { pattern: '5 * * * *' }, { name: MAINTENANCE_JOB.sendInviteReminders });
    // Hourly: campaign reminders go out within the hour they fall due; refresh and ending are idempotent.
    await this.queue.upsertJobScheduler(MAINTENANCE_JOB.runCampaigns, { pattern: '25 * * * *' }, { name: MAINTENANCE_JOB.runCampaigns });
    // HR's morning mails at 07:00 UTC whatever the server's own time zone (digests count UTC days).
    await this.queue.upsertJobScheduler(MAINTENANCE_JOB.sendDailyDigest, { pattern: '0 7 * * *', tz: 'UTC' }, { name: MAINTENANCE_JOB.sendDailyDigest });
    // Daily: a DNS proof whose record was removed, or an old mailed one, stops routing the domain.
    await this.queue.upsertJobScheduler(MAINTENANCE_JOB.recheckSsoDomains, { pattern: '33 4 * * *', tz: 'UTC' }, { name: MAINTENANCE_JOB.recheckSsoDomains });
    await this.queue.upsertJobScheduler(MAINTENANCE_JOB.sendCampaignDueNotices, { pattern: '10 7 * * *', tz: 'UTC' }, { name: MAINTENANCE_JOB.sendCampaignDueNotices });
  }

  async process(job: Job<MaintenanceJobData>): Promise<Record<string, number>> {
    const now = jobClock(job);
    switch (job.name) {
      case MAINTENANCE_JOB.purgeExpiredSessions: {
        const deleted = await this.sessions.purgeExpired();
        this.logger.log({ deleted }, 'purged expired sessions');
        return { deleted };
      }
      case MAINTENANCE_JOB.sendInviteReminders: {
        const queued = await this.invites.queueDueReminders(now);
        return { queued };
      }
      case MAINTENANCE_JOB.runCampaigns:
        return { ...(await this.campaigns.run(now)) };
      case MAINTENANCE_JOB.sendDailyDigest:
        return this.notifier.queueDigests(now);
      case MAINTENANCE_JOB.sendCampaignDueNotices:
        return this.notifier.queueCampaignDueNotices(now);
      case MAINTENANCE_JOB.enforceRetention:
        return { ...(await this.retention.enforceAll()) };
      case MAINTENANCE_JOB.recheckSsoDomains:
        return this.domains.recheckAll(now);
      case MAINTENANCE_JOB.requeueStrandedHeadshots:
        // Also where paused work of an org unsuspended by the CLI (which reaches no queue) resumes.
        return { requeued: await this.headshots.requeueStranded(this.db), exportsResumed: await this.pausedExports.resume() };
      case MAINTENANCE_JOB.resumeOrgWork: {
        if (!job.data.orgId) throw new Error('resume-org-work needs an orgId');
        return { requeued: await this.headshots.requeueStranded(this.db, 0, job.data.orgId), exportsResumed: await this.pausedExports.resume(job.data.orgId) };
      }
      default:
        throw new Error(`unknown maintenance job ${job.name}`);
    }
  }
}

/** Scheduled runs carry no data; a test (or an operator replaying a day) may pass the time to act at. */
export interface MaintenanceJobData {
  now?: string;
  /** resume-org-work: the org whose suspension was lifted. */
  orgId?: string;
}

/** The job's clock: `data.now` when given and valid, else the wall clock. */
export function jobClock(job: Job<MaintenanceJobData>): Date {
  const t = job.data?.now ? new Date(job.data.now) : new Date();
  return Number.isNaN(t.getTime()) ? new Date() : t;
}
