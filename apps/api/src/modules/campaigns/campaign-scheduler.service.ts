import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type InviteMailPayload, MAINTENANCE_JOB, QUEUE, type ScheduledJobPayload } from '@teamframe/shared-types';
import type { Job, Queue } from 'bullmq';
import { DataSource, type EntityManager, In } from 'typeorm';
import { jobClock, RunsJob } from '../../core/queue/job-handlers';
import { AuditService } from '../audit/audit.service';
import { Employee } from '../employees/entities/employee.entity';
import { InvitesService } from '../invites/invites.service';
import { onboardingCampaignId } from '../invites/invites.repository';
import { type DueReminder, queueReminderMails, recordReminders } from './campaign-reminders';
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
    @InjectDataSource() private readonly db: DataSource,
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

  /**
   * A member still without a selfie is reminded every `reminder_every_days` after the invite (or the
   * last reminder) until the due day ends, and once more on the day before the due day. Uploading
   * stops it; so does a replaced or expired link, an ended campaign, a deactivated employee.
   */
  async queueReminders(now: Date): Promise<number> {
    const due = await this.db.transaction(async (m) => {
      const rows: DueReminder[] = await m.query(
        `SELECT cm.campaign_id, cm.employee_id, cm.invite_id, cm.reminders_sent
           FROM campaign_member cm
           JOIN campaign c ON c.id = cm.campaign_id AND c.state = 'active'
           JOIN invite i ON i.id = cm.invite_id AND i.state = 'active' AND i.expires_at > $1
           JOIN employee e ON e.id = cm.employee_id AND e.org_id = cm.org_id AND e.deactivated_at IS NULL
          WHERE cm.invited_at IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM upload u WHERE u.org_id = cm.org_id AND u.employee_id = cm.employee_id AND u.created_at >= cm.invited_at)
            AND (c.due_on IS NULL AND cm.reminders_sent < $2 OR $1 < c.due_on + interval '1 day')
            AND ($1::timestamptz >= coalesce(cm.last_reminder_at, cm.invited_at) + make_interval(days => c.reminder_every_days)
                 OR (c.due_on IS NOT NULL AND $1::timestamptz >= c.due_on - interval '1 day' AND coalesce(cm.last_reminder_at, cm.invited_at) < c.due_on - interval '1 day'))
          FOR UPDATE OF cm SKIP LOCKED`,
        [now, ONBOARDING_REMINDERS],
      );
      await recordReminders(m, rows, now);
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
    const orgs: { org_id: string; ids: string[] }[] = await this.db.query(
      `SELECT e.org_id, array_agg(e.id) AS ids FROM employee e JOIN org o ON o.id = e.org_id
        WHERE o.auto_invite AND e.status = 'not_invited' AND e.deactivated_at IS NULL
          AND e.created_at >= o.auto_invite_since AND e.created_at <= $1::timestamptz - make_interval(mins => $2)
          AND NOT EXISTS (SELECT 1 FROM campaign_member cm JOIN campaign c ON c.id = cm.campaign_id
                           WHERE cm.employee_id = e.id AND c.kind = 'onboarding')
        GROUP BY e.org_id`,
      [now, ONBOARDING_SWEEP_AFTER_MINUTES],
    );
    let invited = 0;
    for (const { org_id: orgId, ids } of orgs) {
      const invites = await this.db.transaction(async (m) => {
        const employees = await m.getRepository(Employee).find({ where: { orgId, id: In(ids), status: 'not_invited' } });
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
    const orgs: { id: string; refresh_months: number }[] = await this.db.query(`SELECT id, refresh_months FROM org WHERE refresh_months IS NOT NULL`);
    let invited = 0;
    for (const org of orgs) {
      const invites = await this.db.transaction(async (m) => {
        const employees: Employee[] = await m
          .getRepository(Employee)
          .createQueryBuilder('e')
          .where('e.org_id = :orgId AND e.deactivated_at IS NULL', { orgId: org.id })
          .andWhere(
            `(SELECT max(h.reviewed_at) FROM headshot h WHERE h.org_id = e.org_id AND h.employee_id = e.id AND h.state = 'approved') < CAST(:now AS timestamptz) - make_interval(months => :months)`,
            { now, months: org.refresh_months },
          )
          .andWhere(
            `NOT EXISTS (SELECT 1 FROM campaign_member cm JOIN campaign c ON c.id = cm.campaign_id WHERE cm.employee_id = e.id AND c.state = 'active' AND cm.invited_at IS NOT NULL)`,
          )
          .andWhere(`NOT EXISTS (SELECT 1 FROM upload u WHERE u.org_id = e.org_id AND u.employee_id = e.id AND u.created_at > (SELECT max(h.reviewed_at) FROM headshot h WHERE h.org_id = e.org_id AND h.employee_id = e.id AND h.state = 'approved'))`)
          .getMany();
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
    const overdue: { id: string; org_id: string }[] = await this.db.query(
      `SELECT id, org_id FROM campaign WHERE state = 'active' AND due_on IS NOT NULL AND due_on + make_interval(days => $2 + 1) <= $1::timestamptz`,
      [now, CAMPAIGN_GRACE_DAYS],
    );
    for (const c of overdue) {
      await this.db.transaction(async (m) => {
        const summary = await endCampaign(m, c.org_id, c.id, now);
        await this.audit.record({ orgId: c.org_id, actorUserId: null, action: 'campaign.ended', subjectType: 'campaign', subjectId: c.id, details: { ...summary, automatically: 1 } }, m);
      });
    }
    return overdue.length;
  }

  /** This month's active refresh campaign, or a new one due in {@link REFRESH_DUE_DAYS} days. */
  private async refreshCampaign(m: EntityManager, orgId: string, months: number, now: Date): Promise<{ id: string; dueOn: string }> {
    const month = now.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const name = `Headshot refresh, ${month}`;
    const [existing] = await m.query(`SELECT id, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM campaign WHERE org_id = $1 AND kind = 'refresh' AND state = 'active' AND name = $2`, [orgId, name]);
    if (existing) return { id: existing.id, dueOn: existing.due_on };
    const dueOn = new Date(now.getTime() + REFRESH_DUE_DAYS * DAY_MS).toISOString().slice(0, 10);
    const [{ id }] = await m.query(
      `INSERT INTO campaign (org_id, name, kind, due_on, audience, reminder_every_days) VALUES ($1, $2, 'refresh', $3, $4::jsonb, 7) RETURNING id`,
      [orgId, name, dueOn, JSON.stringify({ kind: 'refresh', olderThanMonths: months })],
    );
    return { id, dueOn };
  }
}
