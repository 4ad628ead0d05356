import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type InviteLinkDto, type InviteMailPayload, type InviteRequest, type InviteResult, type InviteSettings, MAIL_JOB, MAINTENANCE_JOB, MAX_CAMPAIGN_DAYS, type NeedsAttentionDto, QUEUE, type ScheduledJobPayload } from '@teamframe/shared-types';
import type { Job, Queue } from 'bullmq';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { DomainError } from '../../core/http/domain-error';
import { jobClock, RunsJob } from '../../core/queue/job-handlers';
import { AuditService } from '../audit/audit.service';
import { Employee } from '../employees/entities/employee.entity';
import { Invite } from './entities/invite.entity';
import { hashInviteToken, inviteLink, inviteToken, WELL_FORMED_TOKEN } from './invite-token';
import { onboardingCampaignId } from './onboarding-campaign';

const DAY_MS = 86_400_000;
const SMALL_SEND = 20;

/** The one answer for unknown, revoked and malformed links, so a guess learns nothing. */
const linkNotFound = () => new DomainError('NOT_FOUND', 'This link is not valid. Use the most recent email you received, or ask HR for a new one.');

@Injectable()
export class InvitesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUE.mail) private readonly mailQueue: Queue<InviteMailPayload>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * Invites (or re-invites) employees: each gets a fresh invite whose token replaces any earlier one,
   * so the old link stops working. Mail goes out from the `mail` queue after the commit.
   */
  async invite(auth: AuthContext, req: InviteRequest): Promise<InviteResult> {
    const { invites, skipped } = await this.db.transaction(async (m) => {
      const employees = await m.getRepository(Employee).find({
        where: 'employeeIds' in req ? { orgId: auth.orgId, id: In(req.employeeIds) } : { orgId: auth.orgId, status: 'not_invited', deactivatedAt: IsNull() },
      });
      const missing: IssueSkip[] = [];
      if ('employeeIds' in req) {
        const found = new Set(employees.map((e) => e.id));
        for (const id of req.employeeIds) if (!found.has(id)) missing.push({ employeeId: id, email: '', reason: 'No such employee in your organisation.' });
      }
      const issued = await this.issue(m, auth, employees);
      return { invites: issued.invites, skipped: [...missing, ...issued.skipped] };
    });
    await this.queueInviteMails(invites);
    return { invited: invites.length, skipped: skipped.map(({ employeeId, reason }) => ({ employeeId, reason })) };
  }

  /**
   * Issues invites inside the caller's transaction: revokes each person's active invite, creates a
   * new one, marks them invited and, for a campaign, records their membership (or why they were
   * skipped). The caller queues the mails after its commit ({@link queueInviteMails}).
   */
  async issue(m: EntityManager, auth: Actor, employees: Employee[], campaign?: { id: string; dueOn: string | null }): Promise<{ invites: Invite[]; skipped: IssueSkip[] }> {
    const skipped: IssueSkip[] = [];
    const invites: Invite[] = [];
    const now = new Date();
    const expiresAt = inviteExpiry(now, this.config.INVITE_TTL_DAYS, campaign?.dueOn ?? null);
    const [{ invite_domains: domains }] = await m.query(`SELECT invite_domains FROM org WHERE id = $1`, [auth.orgId]);
    const invitable: Employee[] = [];
    for (const e of employees) {
      const reason = e.deactivatedAt ? 'The employee is deactivated.' : !inAllowedDomains(e.email, domains) ? `${e.email} is outside your organisation's email domains (${domains.join(', ')}).` : null;
      if (reason) skipped.push({ employeeId: e.id, email: e.email, reason });
      else invitable.push(e);
    }
    // Set-based, so a 5,000-person campaign is a handful of statements, not three per person.
    const ids = invitable.map((e) => e.id);
    const carried = campaign ? new Map<string, CarriedInvite>() : await activeCampaignInvites(m, auth.orgId, ids);
    if (ids.length) {
      await m.query(`UPDATE invite SET state = 'revoked' WHERE org_id = $1 AND employee_id = ANY($2::uuid[]) AND state = 'active'`, [auth.orgId, ids]);
      await m.query(`UPDATE employee SET invited_at = $3, status = CASE WHEN status = 'not_invited' THEN 'invited' ELSE status END, updated_at = now() WHERE org_id = $1 AND id = ANY($2::uuid[])`, [auth.orgId, ids, now]);
    }
    const moved: { old_id: string; new_id: string }[] = [];
    for (const e of invitable) {
      const id = randomUUID();
      const previous = carried.get(e.id);
      invites.push(m.create(Invite, { id, orgId: auth.orgId, employeeId: e.id, campaignId: campaign?.id ?? previous?.campaignId ?? null, tokenHash: hashInviteToken(inviteToken(this.config.TEAMFRAME_SECRET!, id)), expiresAt }));
      if (previous) moved.push({ old_id: previous.inviteId, new_id: id });
    }
    if (invites.length) await m.insert(Invite, invites);
    if (moved.length) {
      await m.query(
        `UPDATE campaign_member cm SET invite_id = r.new_id FROM jsonb_to_recordset($2::jsonb) AS r(old_id uuid, new_id uuid) WHERE cm.invite_id = r.old_id AND cm.org_id = $1`,
        [auth.orgId, JSON.stringify(moved)],
      );
    }
    if (campaign) {
      const rows = [...invites.map((i) => ({ employeeId: i.employeeId, inviteId: i.id, skipReason: null })), ...skipped.map((s) => ({ employeeId: s.employeeId, inviteId: null, skipReason: s.reason }))];
      await m.query(
        `INSERT INTO campaign_member (campaign_id, org_id, employee_id, invite_id, invited_at, skip_reason)
         SELECT $1, $2, r.employee_id, r.invite_id, CASE WHEN r.invite_id IS NULL THEN NULL ELSE $3::timestamptz END, r.skip_reason
           FROM jsonb_to_recordset($4::jsonb) AS r(employee_id uuid, invite_id uuid, skip_reason text)
         ON CONFLICT (campaign_id, employee_id) DO UPDATE
           SET invite_id = excluded.invite_id, invited_at = excluded.invited_at, skip_reason = excluded.skip_reason, reminders_sent = 0, last_reminder_at = NULL`,
        [campaign.id, auth.orgId, now, JSON.stringify(rows.map((r) => ({ employee_id: r.employeeId, invite_id: r.inviteId, skip_reason: r.skipReason })))],
      );
    }
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'invite.sent', details: { count: invites.length, skipped: skipped.length, ...(campaign ? { campaignId: campaign.id } : {}), employeeIds: invites.map((i) => i.employeeId).slice(0, 1000) } }, m);
    return { invites, skipped };
  }

  /** Which of these employees hold a live (active, unexpired) invite link now. */
  async liveInvites(m: EntityManager, orgId: string, employeeIds: string[]): Promise<Map<string, { id: string; createdAt: Date; expiresAt: Date }>> {
    if (employeeIds.length === 0) return new Map();
    const rows: { employee_id: string; id: string; created_at: Date; expires_at: Date }[] = await m.query(
      `SELECT employee_id, id, created_at, expires_at FROM invite WHERE org_id = $1 AND employee_id = ANY($2::uuid[]) AND state = 'active' AND expires_at > now()`,
      [orgId, employeeIds],
    );
    return new Map(rows.map((r) => [r.employee_id, { id: r.id, createdAt: r.created_at, expiresAt: r.expires_at }]));
  }

  /**
   * A campaign takes over the live links its members already hold, instead of replacing them: the
   * link moves into the campaign (its term stretched to the campaign's, never shortened) and the
   * member counts as invited when that link was sent. No mail. Returns the adopted employee ids.
   */
  async adoptLiveInvites(m: EntityManager, orgId: string, employees: Employee[], campaign: { id: string; dueOn: string | null }): Promise<Set<string>> {
    const live = await this.liveInvites(m, orgId, employees.filter((e) => !e.deactivatedAt).map((e) => e.id));
    if (live.size === 0) return new Set();
    const expiresAt = inviteExpiry(new Date(), this.config.INVITE_TTL_DAYS, campaign.dueOn);
    const rows = [...live].map(([employeeId, i]) => ({ employee_id: employeeId, invite_id: i.id, invited_at: i.createdAt.toISOString() }));
    await m.query(`UPDATE invite SET campaign_id = $2, expires_at = greatest(expires_at, $3) WHERE org_id = $1 AND id = ANY($4::uuid[])`, [orgId, campaign.id, expiresAt, rows.map((r) => r.invite_id)]);
    await m.query(
      `INSERT INTO campaign_member (campaign_id, org_id, employee_id, invite_id, invited_at)
       SELECT $1, $2, r.employee_id, r.invite_id, r.invited_at FROM jsonb_to_recordset($3::jsonb) AS r(employee_id uuid, invite_id uuid, invited_at timestamptz)`,
      [campaign.id, orgId, JSON.stringify(rows)],
    );
    return new Set(live.keys());
  }

  /** Queues the invite mails, after the invites are committed. */
  async queueInviteMails(invites: Invite[]): Promise<void> {
    // A handful of invites (a resend, a new hire) must not wait behind a 5,000-person send-out: BullMQ
    // runs jobs without a priority before prioritised ones, so only large send-outs get one.
    const priority = invites.length > SMALL_SEND ? { priority: 10 } : {};
    await this.mailQueue.addBulk(invites.map((i) => ({ name: MAIL_JOB.invite, data: { inviteId: i.id }, opts: { jobId: `invite-${i.id}`, ...priority } })));
  }

  async settings(auth: AuthContext): Promise<InviteSettings> {
    const [org] = await this.db.query(`SELECT auto_invite, invite_domains FROM org WHERE id = $1`, [auth.orgId]);
    return { autoInvite: org.auto_invite, allowedDomains: org.invite_domains };
  }

  async updateSettings(auth: AuthContext, s: InviteSettings): Promise<InviteSettings> {
    // auto_invite_since bounds the onboarding sweep: people added before the switch was turned on
    // are not invited behind HR's back.
    await this.db.query(
      `UPDATE org SET auto_invite = $2, invite_domains = $3::jsonb, auto_invite_since = CASE WHEN $2 AND NOT auto_invite THEN now() WHEN $2 THEN auto_invite_since ELSE NULL END WHERE id = $1`,
      [auth.orgId, s.autoInvite, JSON.stringify(s.allowedDomains)],
    );
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'invite.settings_updated', details: { ...s } });
    return s;
  }

  /**
   * Invites the given new employees when the org invites automatically; called after they are added.
   * They join the org's standing "New starters" campaign, which reminds and tracks them.
   */
  async inviteIfAutomatic(auth: AuthContext, employeeIds: string[]): Promise<void> {
    if (employeeIds.length === 0) return;
    const [org] = await this.db.query(`SELECT auto_invite FROM org WHERE id = $1`, [auth.orgId]);
    if (!org.auto_invite) return;
    const invites = await this.db.transaction(async (m) => {
      const employees = await m.getRepository(Employee).find({ where: { orgId: auth.orgId, id: In(employeeIds), status: 'not_invited' } });
      return (await this.issue(m, auth, employees, { id: await onboardingCampaignId(m, auth.orgId), dueOn: null })).invites;
    });
    await this.queueInviteMails(invites);
  }

  /**
   * Invited people who have not sent a selfie after every reminder (the last one over a day ago, or
   * no reminders configured and the invite a week old): HR follows up by hand.
   */
  async needsAttention(auth: AuthContext): Promise<NeedsAttentionDto[]> {
    const reminders = this.config.INVITE_REMINDER_DAYS.length;
    const rows: { employee_id: string; name: string; email: string; department: string; invited_at: Date; reminders_sent: number; last_reminder_at: Date | null }[] = await this.db.query(
      `SELECT e.id AS employee_id, e.first_name || ' ' || e.last_name AS name, e.email, e.department, i.created_at AS invited_at, i.reminders_sent, i.last_reminder_at
         FROM invite i JOIN employee e ON e.id = i.employee_id AND e.org_id = i.org_id
        WHERE i.org_id = $1 AND i.state = 'active' AND e.status = 'invited' AND e.deactivated_at IS NULL
          AND i.reminders_sent >= $2
          AND coalesce(i.last_reminder_at, i.created_at + interval '6 days') < now() - interval '1 day'
        ORDER BY i.created_at LIMIT 1000`,
      [auth.orgId, reminders],
    );
    return rows.map((r) => ({ employeeId: r.employee_id, name: r.name, email: r.email, department: r.department, invitedAt: r.invited_at.toISOString(), remindersSent: r.reminders_sent, lastReminderAt: r.last_reminder_at?.toISOString() ?? null }));
  }

  /**
   * A fresh link for HR to pass on by chat: a new invite (the old link stops working) without a mail.
   * Audited; the link itself is not stored or logged.
   */
  async copyableLink(auth: AuthContext, employeeId: string): Promise<InviteLinkDto> {
    const invite = await this.db.transaction(async (m) => {
      const e = await m.getRepository(Employee).findOneBy({ id: employeeId, orgId: auth.orgId });
      if (!e) throw new DomainError('NOT_FOUND', 'No such employee in your organisation.');
      if (e.deactivatedAt) throw new DomainError('CONFLICT', 'The employee is deactivated.');
      const [{ invite_domains: domains }] = await m.query(`SELECT invite_domains FROM org WHERE id = $1`, [auth.orgId]);
      if (!inAllowedDomains(e.email, domains)) throw new DomainError('CONFLICT', `${e.email} is outside your organisation's email domains.`);
      const carried = (await activeCampaignInvites(m, auth.orgId, [employeeId])).get(employeeId);
      await m.update(Invite, { orgId: auth.orgId, employeeId, state: 'active' }, { state: 'revoked' });
      const id = randomUUID();
      const invite = m.create(Invite, { id, orgId: auth.orgId, employeeId, campaignId: carried?.campaignId ?? null, tokenHash: hashInviteToken(inviteToken(this.config.TEAMFRAME_SECRET!, id)), expiresAt: new Date(Math.max(Date.now() + this.config.INVITE_TTL_DAYS * DAY_MS, carried?.expiresAt.getTime() ?? 0)), sentAt: new Date() });
      await m.insert(Invite, invite);
      if (carried) await m.query(`UPDATE campaign_member SET invite_id = $1 WHERE invite_id = $2 AND org_id = $3`, [id, carried.inviteId, auth.orgId]);
      if (e.status === 'not_invited') await m.update(Employee, { id: e.id, orgId: auth.orgId }, { status: 'invited', invitedAt: new Date() });
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'invite.link_copied', subjectType: 'employee', subjectId: employeeId }, m);
      return invite;
    });
    return { link: inviteLink(this.config, invite.id), expiresAt: invite.expiresAt.toISOString() };
  }

  /** Whether a selfie arrived since this invite was sent (its campaign's question is answered). */
  async answered(invite: Invite): Promise<boolean> {
    const [row] = await this.db.query(`SELECT 1 FROM upload WHERE org_id = $1 AND employee_id = $2 AND created_at >= $3 LIMIT 1`, [invite.orgId, invite.employeeId, invite.createdAt]);
    return Boolean(row);
  }

  /** The campaign an invite belongs to, as the employee's page and mails mention it. */
  async campaignOf(invite: Invite): Promise<{ name: string; kind: string; dueOn: string | null } | null> {
    if (!invite.campaignId) return null;
    const [row] = await this.db.query(`SELECT name, kind, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM campaign WHERE id = $1 AND org_id = $2`, [invite.campaignId, invite.orgId]);
    return row ? { name: row.name, kind: row.kind, dueOn: row.due_on } : null;
  }

  /** The active, unexpired invite behind a token; 404 for unknown/revoked/malformed, 410 when expired. */
  async findActive(token: string): Promise<Invite> {
    if (!WELL_FORMED_TOKEN.test(token)) throw linkNotFound();
    const invite = await this.db.getRepository(Invite).findOneBy({ tokenHash: hashInviteToken(token), state: 'active' });
    if (!invite) throw linkNotFound();
    const employee = await this.db.getRepository(Employee).findOneBy({ id: invite.employeeId, orgId: invite.orgId });
    if (!employee || employee.deactivatedAt) throw linkNotFound();
    if (invite.expiresAt.getTime() <= Date.now()) {
      throw new DomainError('INVITE_EXPIRED', 'This link has expired. Ask HR to send you a new one.');
    }
    return invite;
  }

  @RunsJob(QUEUE.maintenance, MAINTENANCE_JOB.sendInviteReminders)
  async queueDueRemindersJob(job: Job<ScheduledJobPayload>): Promise<{ queued: number }> {
    return { queued: await this.queueDueReminders(jobClock(job)) };
  }

  /**
   * Queues reminders for active invites whose employee has not uploaded yet, once for each of the
   * configured days after the invite (INVITE_REMINDER_DAYS). Job ids make a second run a no-op.
   * Campaign invites follow their campaign's schedule instead (CampaignSchedulerService).
   */
  async queueDueReminders(now = new Date()): Promise<number> {
    const days = this.config.INVITE_REMINDER_DAYS;
    if (days.length === 0) return 0;
    const due: { id: string; reminders_sent: number }[] = await this.db.query(
      `SELECT i.id, i.reminders_sent FROM invite i JOIN employee e ON e.id = i.employee_id AND e.org_id = i.org_id
        WHERE i.state = 'active' AND i.campaign_id IS NULL AND i.expires_at > $1 AND e.status = 'invited' AND e.deactivated_at IS NULL
          AND i.reminders_sent < $2
          AND i.created_at <= $1 - make_interval(days => ($3::int[])[i.reminders_sent + 1])`,
      [now, days.length, days],
    );
    await this.mailQueue.addBulk(due.map((r) => ({ name: MAIL_JOB.reminder, data: { inviteId: r.id }, opts: { jobId: `reminder-${r.id}-${r.reminders_sent + 1}`, priority: 5 } })));
    return due.length;
  }
}

/** Who acts: a signed-in HR user, or the scheduler (no user). */
export interface Actor {
  orgId: string;
  userId: string | null;
}

export interface IssueSkip {
  employeeId: string;
  email: string;
  reason: string;
}

interface CarriedInvite {
  inviteId: string;
  campaignId: string;
  expiresAt: Date;
}

/**
 * Each employee's current link when it belongs to an active campaign. A replacement link (a resend, a
 * link copied for chat, a fresh one after a rejection) stays in that campaign, so the campaign keeps
 * counting and reminding with the link that works.
 */
async function activeCampaignInvites(m: EntityManager, orgId: string, employeeIds: string[]): Promise<Map<string, CarriedInvite>> {
  if (employeeIds.length === 0) return new Map();
  const rows: { employee_id: string; id: string; campaign_id: string; expires_at: Date }[] = await m.query(
    `SELECT i.employee_id, i.id, i.campaign_id, i.expires_at FROM invite i JOIN campaign c ON c.id = i.campaign_id AND c.state = 'active'
      WHERE i.org_id = $1 AND i.employee_id = ANY($2::uuid[]) AND i.state = 'active'`,
    [orgId, employeeIds],
  );
  return new Map(rows.map((r) => [r.employee_id, { inviteId: r.id, campaignId: r.campaign_id, expiresAt: r.expires_at }]));
}

/**
 * A link lives INVITE_TTL_DAYS, and for a campaign at least a week past its due day, so a late
 * answer still works while HR chases.
 */
export function inviteExpiry(now: Date, ttlDays: number, dueOn: string | null): Date {
  const ttl = now.getTime() + ttlDays * DAY_MS;
  const afterDue = dueOn ? Date.parse(`${dueOn}T00:00:00Z`) + 8 * DAY_MS : 0;
  // Due days are bounded when a campaign starts; the cap also holds for campaigns saved before that.
  const latest = now.getTime() + (MAX_CAMPAIGN_DAYS + 8) * DAY_MS;
  return new Date(Math.min(Math.max(ttl, afterDue), latest));
}

/** True when no domains are set, or the address's domain is one of them or a subdomain of one. */
export function inAllowedDomains(email: string, domains: string[]): boolean {
  if (!domains?.length) return true;
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return domains.some((d) => domain === d || domain.endsWith(`.${d}`));
}
