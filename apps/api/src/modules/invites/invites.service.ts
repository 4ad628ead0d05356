import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { type InviteLinkDto, type InviteMailPayload, type InviteRequest, type InviteResult, MAIL_JOB, MAINTENANCE_JOB, MAX_CAMPAIGN_DAYS, type NeedsAttentionDto, QUEUE, type ScheduledJobPayload } from '@teamframe/shared-types';
import type { Job, Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { DomainError } from '../../core/http/domain-error';
import { jobClock, RunsJob } from '../../core/queue/job-handlers';
import { AuditService } from '../audit/audit.service';
import type { Employee } from '../employees/entities/employee.entity';
import { OrgsRepository } from '../orgs/orgs.repository';
import type { Invite } from './entities/invite.entity';
import { hashInviteToken, inviteLink, inviteToken, WELL_FORMED_TOKEN } from './invite-token';
import { type CarriedInvite, InvitesRepository, onboardingCampaignId } from './invites.repository';

const DAY_MS = 86_400_000;
const SMALL_SEND = 20;

/** The one answer for unknown, revoked and malformed links, so a guess learns nothing. */
const linkNotFound = () => new DomainError('NOT_FOUND', 'This link is not valid. Use the most recent email you received, or ask HR for a new one.');

/**
 * Invitations: issuing links (one by one, for everyone, for a campaign, automatically for new
 * starters), the reminder sweep outside campaigns, and resolving a link. The SQL is InvitesRepository's;
 * the org's invitation settings are edited through the orgs module.
 */
@Injectable()
export class InvitesService {
  constructor(
    private readonly db: DataSource,
    private readonly invites: InvitesRepository,
    private readonly orgs: OrgsRepository,
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
      const employees = 'employeeIds' in req ? await this.invites.employees(m, auth.orgId, req.employeeIds) : await this.invites.notInvited(m, auth.orgId);
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
    const domains = await this.orgs.inviteDomains(auth.orgId, m);
    const invitable: Employee[] = [];
    for (const e of employees) {
      const reason = e.deactivatedAt ? 'The employee is deactivated.' : !inAllowedDomains(e.email, domains) ? `${e.email} is outside your organisation's email domains (${domains.join(', ')}).` : null;
      if (reason) skipped.push({ employeeId: e.id, email: e.email, reason });
      else invitable.push(e);
    }
    // Set-based, so a 5,000-person campaign is a handful of statements, not three per person.
    const ids = invitable.map((e) => e.id);
    const carried = campaign ? new Map<string, CarriedInvite>() : await this.invites.activeCampaignInvites(m, auth.orgId, ids);
    await this.invites.revokeAndMarkInvited(m, auth.orgId, ids, now);
    const moved: { old_id: string; new_id: string }[] = [];
    for (const e of invitable) {
      const id = randomUUID();
      const previous = carried.get(e.id);
      invites.push(this.invites.newInvite(m, { id, orgId: auth.orgId, employeeId: e.id, campaignId: campaign?.id ?? previous?.campaignId ?? null, tokenHash: hashInviteToken(inviteToken(this.config.TEAMFRAME_SECRET!, id)), expiresAt }));
      if (previous) moved.push({ old_id: previous.inviteId, new_id: id });
    }
    await this.invites.insert(m, invites);
    await this.invites.moveMemberships(m, auth.orgId, moved);
    if (campaign) {
      const rows = [...invites.map((i) => ({ employeeId: i.employeeId, inviteId: i.id, skipReason: null })), ...skipped.map((s) => ({ employeeId: s.employeeId, inviteId: null, skipReason: s.reason }))];
      await this.invites.upsertMembers(m, auth.orgId, campaign.id, now, rows);
    }
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'invite.sent', details: { count: invites.length, skipped: skipped.length, ...(campaign ? { campaignId: campaign.id } : {}), employeeIds: invites.map((i) => i.employeeId).slice(0, 1000) } }, m);
    return { invites, skipped };
  }

  /** Which of these employees hold a live (active, unexpired) invite link now. */
  liveInvites(m: EntityManager, orgId: string, employeeIds: string[]): Promise<Map<string, { id: string; createdAt: Date; expiresAt: Date }>> {
    return this.invites.liveInvites(m, orgId, employeeIds);
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
    await this.invites.adopt(m, orgId, campaign.id, expiresAt, rows);
    return new Set(live.keys());
  }

  /** Queues the invite mails, after the invites are committed. */
  async queueInviteMails(invites: Invite[]): Promise<void> {
    // A handful of invites (a resend, a new hire) must not wait behind a 5,000-person send-out: BullMQ
    // runs jobs without a priority before prioritised ones, so only large send-outs get one.
    const priority = invites.length > SMALL_SEND ? { priority: 10 } : {};
    await this.mailQueue.addBulk(invites.map((i) => ({ name: MAIL_JOB.invite, data: { inviteId: i.id }, opts: { jobId: `invite-${i.id}`, ...priority } })));
  }

  /**
   * Invites the given new employees when the org invites automatically; called after they are added.
   * They join the org's standing "New starters" campaign, which reminds and tracks them.
   */
  async inviteIfAutomatic(auth: AuthContext, employeeIds: string[]): Promise<void> {
    if (employeeIds.length === 0) return;
    if (!(await this.orgs.invites(auth.orgId)).autoInvite) return;
    const invites = await this.db.transaction(async (m) => {
      const employees = await this.invites.employees(m, auth.orgId, employeeIds, { onlyNotInvited: true });
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
    const rows = await this.invites.silentAfterReminders(auth.orgId, reminders);
    return rows.map((r) => ({ employeeId: r.employee_id, name: r.name, email: r.email, department: r.department, invitedAt: r.invited_at.toISOString(), remindersSent: r.reminders_sent, lastReminderAt: r.last_reminder_at?.toISOString() ?? null }));
  }

  /**
   * A fresh link for HR to pass on by chat: a new invite (the old link stops working) without a mail.
   * Audited; the link itself is not stored or logged.
   */
  async copyableLink(auth: AuthContext, employeeId: string): Promise<InviteLinkDto> {
    const invite = await this.db.transaction(async (m) => {
      const e = await this.invites.employee(auth.orgId, employeeId, m);
      if (!e) throw new DomainError('NOT_FOUND', 'No such employee in your organisation.');
      if (e.deactivatedAt) throw new DomainError('CONFLICT', 'The employee is deactivated.');
      if (!inAllowedDomains(e.email, await this.orgs.inviteDomains(auth.orgId, m))) throw new DomainError('CONFLICT', `${e.email} is outside your organisation's email domains.`);
      const carried = (await this.invites.activeCampaignInvites(m, auth.orgId, [employeeId])).get(employeeId);
      const id = randomUUID();
      const invite = this.invites.newInvite(m, { id, orgId: auth.orgId, employeeId, campaignId: carried?.campaignId ?? null, tokenHash: hashInviteToken(inviteToken(this.config.TEAMFRAME_SECRET!, id)), expiresAt: new Date(Math.max(Date.now() + this.config.INVITE_TTL_DAYS * DAY_MS, carried?.expiresAt.getTime() ?? 0)), sentAt: new Date() });
      await this.invites.replaceOne(m, e, invite);
      if (carried) await this.invites.moveMemberships(m, auth.orgId, [{ old_id: carried.inviteId, new_id: id }]);
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'invite.link_copied', subjectType: 'employee', subjectId: employeeId }, m);
      return invite;
    });
    return { link: inviteLink(this.config, invite.id), expiresAt: invite.expiresAt.toISOString() };
  }

  /** Whether a selfie arrived since this invite was sent (its campaign's question is answered). */
  answered(invite: Invite): Promise<boolean> {
    return this.invites.answered(invite);
  }

  /** The campaign an invite belongs to, as the employee's page and mails mention it. */
  async campaignOf(invite: Invite): Promise<{ name: string; kind: string; dueOn: string | null } | null> {
    return invite.campaignId ? this.invites.campaignOf({ ...invite, campaignId: invite.campaignId }) : null;
  }

  /** The active, unexpired invite behind a token; 404 for unknown/revoked/malformed, 410 when expired. */
  async findActive(token: string): Promise<Invite> {
    if (!WELL_FORMED_TOKEN.test(token)) throw linkNotFound();
    const invite = await this.invites.activeByTokenHash(hashInviteToken(token));
    if (!invite) throw linkNotFound();
    const employee = await this.invites.employee(invite.orgId, invite.employeeId);
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
    const due = await this.invites.dueReminders(now, days);
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
