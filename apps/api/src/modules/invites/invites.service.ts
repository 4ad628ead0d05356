import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type InviteLinkDto, type InviteMailPayload, type InviteRequest, type InviteResult, type InviteSettings, MAIL_JOB, type NeedsAttentionDto, QUEUE } from '@teamframe/shared-types';
import type { Queue } from 'bullmq';
import { DataSource, In, IsNull } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { DomainError } from '../../core/http/domain-error';
import { AuditService } from '../audit/audit.service';
import { Employee } from '../employees/entities/employee.entity';
import { Invite } from './entities/invite.entity';
import { hashInviteToken, inviteToken, WELL_FORMED_TOKEN } from './invite-token';

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
    const skipped: InviteResult['skipped'] = [];
    const created = await this.db.transaction(async (m) => {
      const employees = await m.getRepository(Employee).find({
        where: 'employeeIds' in req ? { orgId: auth.orgId, id: In(req.employeeIds) } : { orgId: auth.orgId, status: 'not_invited', deactivatedAt: IsNull() },
      });
      if ('employeeIds' in req) {
        const found = new Set(employees.map((e) => e.id));
        for (const id of req.employeeIds) if (!found.has(id)) skipped.push({ employeeId: id, reason: 'No such employee in your organisation.' });
      }
      const invites: Invite[] = [];
      const now = new Date();
      const [{ invite_domains: domains }] = await m.query(`SELECT invite_domains FROM org WHERE id = $1`, [auth.orgId]);
      for (const e of employees) {
        if (e.deactivatedAt) {
          skipped.push({ employeeId: e.id, reason: 'The employee is deactivated.' });
          continue;
        }
        if (!inAllowedDomains(e.email, domains)) {
          skipped.push({ employeeId: e.id, reason: `${e.email} is outside your organisation's email domains (${domains.join(', ')}).` });
          continue;
        }
        await m.update(Invite, { orgId: auth.orgId, employeeId: e.id, state: 'active' }, { state: 'revoked' });
        const id = randomUUID();
        invites.push(
          m.create(Invite, { id, orgId: auth.orgId, employeeId: e.id, tokenHash: hashInviteToken(inviteToken(this.config.TEAMFRAME_SECRET!, id)), expiresAt: new Date(now.getTime() + this.config.INVITE_TTL_DAYS * DAY_MS) }),
        );
        await m.update(Employee, { id: e.id, orgId: auth.orgId }, { invitedAt: now, ...(e.status === 'not_invited' ? { status: 'invited' as const } : {}) });
      }
      if (invites.length) await m.insert(Invite, invites);
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'invite.sent', details: { count: invites.length, employeeIds: invites.map((i) => i.employeeId).slice(0, 1000) } }, m);
      return invites;
    });
    // A handful of invites (a resend, a new hire) must not wait behind a 5,000-person send-out: BullMQ
    // runs jobs without a priority before prioritised ones, so only large send-outs get one.
    const priority = created.length > SMALL_SEND ? { priority: 10 } : {};
    await this.mailQueue.addBulk(created.map((i) => ({ name: MAIL_JOB.invite, data: { inviteId: i.id }, opts: { jobId: `invite-${i.id}`, ...priority } })));
    return { invited: created.length, skipped };
  }

  async settings(auth: AuthContext): Promise<InviteSettings> {
    const [org] = await this.db.query(`SELECT auto_invite, invite_domains FROM org WHERE id = $1`, [auth.orgId]);
    return { autoInvite: org.auto_invite, allowedDomains: org.invite_domains };
  }

  async updateSettings(auth: AuthContext, s: InviteSettings): Promise<InviteSettings> {
    await this.db.query(`UPDATE org SET auto_invite = $2, invite_domains = $3::jsonb WHERE id = $1`, [auth.orgId, s.autoInvite, JSON.stringify(s.allowedDomains)]);
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'invite.settings_updated', details: { ...s } });
    return s;
  }

  /** Invites the given new employees when the org invites automatically; called after they are added. */
  async inviteIfAutomatic(auth: AuthContext, employeeIds: string[]): Promise<void> {
    if (employeeIds.length === 0) return;
    const [org] = await this.db.query(`SELECT auto_invite FROM org WHERE id = $1`, [auth.orgId]);
    if (org.auto_invite) await this.invite(auth, { employeeIds });
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
      await m.update(Invite, { orgId: auth.orgId, employeeId, state: 'active' }, { state: 'revoked' });
      const id = randomUUID();
      const invite = m.create(Invite, { id, orgId: auth.orgId, employeeId, tokenHash: hashInviteToken(inviteToken(this.config.TEAMFRAME_SECRET!, id)), expiresAt: new Date(Date.now() + this.config.INVITE_TTL_DAYS * DAY_MS), sentAt: new Date() });
      await m.insert(Invite, invite);
      if (e.status === 'not_invited') await m.update(Employee, { id: e.id, orgId: auth.orgId }, { status: 'invited', invitedAt: new Date() });
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'invite.link_copied', subjectType: 'employee', subjectId: employeeId }, m);
      return invite;
    });
    return { link: `${this.config.PUBLIC_URL}/u/${inviteToken(this.config.TEAMFRAME_SECRET!, invite.id)}`, expiresAt: invite.expiresAt.toISOString() };
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

  /**
   * Queues reminders for active invites whose employee has not uploaded yet, once for each of the
   * configured days after the invite (INVITE_REMINDER_DAYS). Job ids make a second run a no-op.
   */
  async queueDueReminders(now = new Date()): Promise<number> {
    const days = this.config.INVITE_REMINDER_DAYS;
    if (days.length === 0) return 0;
    const due: { id: string; reminders_sent: number }[] = await this.db.query(
      `SELECT i.id, i.reminders_sent FROM invite i JOIN employee e ON e.id = i.employee_id AND e.org_id = i.org_id
        WHERE i.state = 'active' AND i.expires_at > $1 AND e.status = 'invited' AND e.deactivated_at IS NULL
          AND i.reminders_sent < $2
          AND i.created_at <= $1 - make_interval(days => ($3::int[])[i.reminders_sent + 1])`,
      [now, days.length, days],
    );
    await this.mailQueue.addBulk(due.map((r) => ({ name: MAIL_JOB.reminder, data: { inviteId: r.id }, opts: { jobId: `reminder-${r.id}-${r.reminders_sent + 1}`, priority: 5 } })));
    return due.length;
  }
}

/** True when no domains are set, or the address's domain is one of them or a subdomain of one. */
export function inAllowedDomains(email: string, domains: string[]): boolean {
  if (!domains?.length) return true;
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return domains.some((d) => domain === d || domain.endsWith(`.${d}`));
}
