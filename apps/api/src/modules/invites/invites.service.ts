import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type InviteMailPayload, type InviteRequest, type InviteResult, MAIL_JOB, QUEUE } from '@teamframe/shared-types';
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
      for (const e of employees) {
        if (e.deactivatedAt) {
          skipped.push({ employeeId: e.id, reason: 'The employee is deactivated.' });
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
