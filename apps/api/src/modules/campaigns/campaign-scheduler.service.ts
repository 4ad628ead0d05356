import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type InviteMailPayload, MAINTENANCE_JOB, QUEUE, type ScheduledJobPayload } from '@teamframe/shared-types';
import type { Job, Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { jobClock, RunsJob } from '../../core/queue/job-handlers';
import { AuditService } from '../audit/audit.service';
import { InvitesService } from '../invites/invites.service';
import { onboardingCampaignId } from '../invites/invites.repository';
import { OrgsRepository } from '../orgs/orgs.repository';
import { queueReminderMails } from './campaign-reminders';
import { CampaignsRepository } from './campaigns.repository';
import { endCampaign } from './campaigns.service';

/** Days after its due day that a campaign ends by itself (HR can end it sooner). */
export const CAMPAIGN_GRACE_DAYS = 14;
/** A refresh campaign's due day, counted from its start. */
export const REFRESH_DUE_DAYS = 30;
/** The standing onboarding campaign has no due day: it reminds this many times, then HR follows up. */
export const ONBOARDING_REMINDERS = 3;
/** An employee added while automatic invites are on is invited at once; the sweep catches anyone missed after this long. */
const ONBOARDING_SWEEP_AFTER_MINUTES = 10;
const DAY_MS = 86_400_000;

export interface CampaignRunResult {
  reminded: number;
  onboarded: number;
  refreshInvited: number;
  ended: number;
}

/**
 * What campaigns do on their own, run from the `maintenance` queue with the job's clock (`now`):
 * reminders on each campaign's schedule, the onboarding sweep, refresh cycles, and ending campaigns
 * long past their due day. Every step is idempotent for a given `now`.
 */
@Injectable()
export class CampaignSchedulerService {
  private readonly logger = new Logger(CampaignSchedulerService.name);

  constructor(
    private readonly orgs: OrgsRepository,
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: CampaignsRepository,
    @InjectQueue(QUEUE.mail) private readonly mailQueue: Queue<InviteMailPayload>,
    private readonly invites: InvitesService,
    private readonly audit: AuditService,
  ) {}

  @RunsJob(QUEUE.maintenance, MAINTENANCE_JOB.runCampaigns)
  async runJob(job: Job<ScheduledJobPayload>): Promise<CampaignRunResult> {
    return this.run(jobClock(job));
  }

  async run(now: Date): Promise<CampaignRunResult> {
    const ended = await this.endOverdue(now);
    const onboarded = await this.sweepOnboarding(now);
    const refreshInvited = await this.startRefreshes(now);
    const reminded = await this.queueReminders(now);
    const result = { reminded, onboarded, refreshInvited, ended };
    this.logger.log(result, 'campaigns run');
    return result;
  }

  /** Queues the scheduled reminders due at `now` (the rule is {@link CampaignsRepository.lockDueReminders}). */
  async queueReminders(now: Date): Promise<number> {
    const due = await this.db.transaction(async (m) => {
      const rows = await this.repo.lockDueReminders(m, now, ONBOARDING_REMINDERS);
      await this.repo.recordReminders(m, rows, now);
      return rows;
    });
    await queueReminderMails(this.mailQueue, due, { scheduled: true });
    return due.length;
  }

  /**
   * Employees added while automatic invites were on but not invited (the process stopped between
   * saving them and inviting them) join the onboarding campaign. People added before the switch was
   * turned on are left alone.
   */
  async sweepOnboarding(now: Date): Promise<number> {
    const orgs = await this.repo.onboardingStragglers(now, ONBOARDING_SWEEP_AFTER_MINUTES);
    let invited = 0;
    for (const { org_id: orgId, ids } of orgs) {
      const invites = await this.db.transaction(async (m) => {
        const employees = await this.repo.stillNotInvited(m, orgId, ids);
        return (await this.invites.issue(m, { orgId, userId: null }, employees, { id: await onboardingCampaignId(m, orgId), dueOn: null })).invites;
      });
      await this.invites.queueInviteMails(invites);
      invited += invites.length;
    }
    return invited;
  }

  /**
   * For each org with a refresh cycle: everyone whose latest approved headshot is older than the
   * cycle, and who is not in an active campaign already, is invited in this month's refresh campaign
   * (started now if there is none).
   */
  async startRefreshes(now: Date): Promise<number> {
    const orgs = await this.orgs.refreshCycles();
    let invited = 0;
    for (const org of orgs) {
      const invites = await this.db.transaction(async (m) => {
        const employees = await this.repo.dueForRefresh(m, org.id, org.refresh_months, now);
        if (employees.length === 0) return [];
        const campaign = await this.refreshCampaign(m, org.id, org.refresh_months, now);
        const issued = await this.invites.issue(m, { orgId: org.id, userId: null }, employees, campaign);
        await this.audit.record({ orgId: org.id, actorUserId: null, action: 'campaign.refresh_invited', subjectType: 'campaign', subjectId: campaign.id, details: { invited: issued.invites.length, skipped: issued.skipped.length } }, m);
        return issued.invites;
      });
      await this.invites.queueInviteMails(invites);
      invited += invites.length;
    }
    return invited;
  }

  /** Campaigns past their due day by more than the grace period end with their summary. */
  async endOverdue(now: Date): Promise<number> {
    const overdue = await this.repo.overdue(now, CAMPAIGN_GRACE_DAYS);
    for (const c of overdue) {
      await this.db.transaction(async (m) => {
        const summary = await endCampaign(this.repo, m, c.org_id, c.id, now);
        await this.audit.record({ orgId: c.org_id, actorUserId: null, action: 'campaign.ended', subjectType: 'campaign', subjectId: c.id, details: { ...summary, automatically: 1 } }, m);
      });
    }
    return overdue.length;
  }

  /** This month's active refresh campaign, or a new one due in {@link REFRESH_DUE_DAYS} days. */
  private async refreshCampaign(m: EntityManager, orgId: string, months: number, now: Date): Promise<{ id: string; dueOn: string }> {
    const month = now.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const name = `Headshot refresh, ${month}`;
    const existing = await this.repo.activeRefresh(m, orgId, name);
    if (existing) return existing;
    const dueOn = new Date(now.getTime() + REFRESH_DUE_DAYS * DAY_MS).toISOString().slice(0, 10);
    const id = await this.repo.insert(m, { orgId, name, kind: 'refresh', dueOn, audience: { kind: 'refresh', olderThanMonths: months }, reminderEveryDays: 7, createdBy: null });
    return { id, dueOn };
  }
}
