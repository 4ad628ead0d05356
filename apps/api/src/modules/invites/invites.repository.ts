import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { Employee } from '../employees/entities/employee.entity';
import { Invite } from './entities/invite.entity';

/** An employee's current link while it belongs to an active campaign. */
export interface CarriedInvite {
  inviteId: string;
  campaignId: string;
  expiresAt: Date;
}

/** One row of a campaign's membership as issuing writes it: invited (with the invite) or skipped (with why). */
export interface MemberRow {
  employeeId: string;
  inviteId: string | null;
  skipReason: string | null;
}

/** Invited, silent after every reminder: the employees page's "needs attention" list. */
export interface SilentInviteRow {
  employee_id: string;
  name: string;
  email: string;
  department: string;
  invited_at: Date;
  reminders_sent: number;
  last_reminder_at: Date | null;
}

/**
 * The org's standing "New starters" campaign, created on first use. Automatic invites of new
 * employees land in it, so their reminders, follow-up and dashboard work like any campaign's.
 * The partial unique index (one active onboarding campaign per org) makes concurrent callers agree.
 */
export async function onboardingCampaignId(m: EntityManager, orgId: string): Promise<string> {
  await m.query(
    `INSERT INTO campaign (org_id, name, kind, due_on, audience, reminder_every_days)
     VALUES ($1, 'New starters', 'onboarding', NULL, '{"kind":"onboarding"}'::jsonb, 3)
     ON CONFLICT (org_id) WHERE kind = 'onboarding' AND state = 'active' DO NOTHING`,
    [orgId],
  );
  const [row] = await m.query(`SELECT id FROM campaign WHERE org_id = $1 AND kind = 'onboarding' AND state = 'active'`, [orgId]);
  return row.id;
}

/**
 * The SQL of invites: the `invite` rows, what issuing one changes around it (the employee's invited
 * status, the campaign membership that points at the link) and what the reminder sweep and the mails
 * read. Set-based where a campaign issues thousands at once. Methods taking an EntityManager run in the
 * caller's transaction.
 */
@Injectable()
export class InvitesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // --- whom to invite -------------------------------------------------------------------------

  employees(m: EntityManager, orgId: string, ids: string[], opts: { onlyNotInvited?: boolean } = {}): Promise<Employee[]> {
    return m.getRepository(Employee).find({ where: { orgId, id: In(ids), ...(opts.onlyNotInvited ? { status: 'not_invited' as const } : {}) } });
  }

  /** Everyone active and not invited yet ("invite all"). */
  notInvited(m: EntityManager, orgId: string): Promise<Employee[]> {
    return m.getRepository(Employee).find({ where: { orgId, status: 'not_invited', deactivatedAt: IsNull() } });
  }

  employee(orgId: string, id: string, m: EntityManager = this.db.manager): Promise<Employee | null> {
    return m.getRepository(Employee).findOneBy({ id, orgId });
  }

  // --- issuing --------------------------------------------------------------------------------

  /** The old links stop working and the people count as invited (now). */
  async revokeAndMarkInvited(m: EntityManager, orgId: string, employeeIds: string[], now: Date): Promise<void> {
    if (!employeeIds.length) return;
    await m.query(`UPDATE invite SET state = 'revoked' WHERE org_id = $1 AND employee_id = ANY($2::uuid[]) AND state = 'active'`, [orgId, employeeIds]);
    await m.query(`UPDATE employee SET invited_at = $3, status = CASE WHEN status = 'not_invited' THEN 'invited' ELSE status END, updated_at = now() WHERE org_id = $1 AND id = ANY($2::uuid[])`, [orgId, employeeIds, now]);
  }

  /** The one link of one person: their active invite is revoked, and a not-invited person becomes invited. */
  async replaceOne(m: EntityManager, employee: Employee, invite: Invite): Promise<void> {
    await m.update(Invite, { orgId: employee.orgId, employeeId: employee.id, state: 'active' }, { state: 'revoked' });
    await m.insert(Invite, invite);
    if (employee.status === 'not_invited') await m.update(Employee, { id: employee.id, orgId: employee.orgId }, { status: 'invited', invitedAt: new Date() });
  }

  async insert(m: EntityManager, invites: Invite[]): Promise<void> {
    if (invites.length) await m.insert(Invite, invites);
  }

  newInvite(m: EntityManager, fields: Partial<Invite>): Invite {
    return m.create(Invite, fields);
  }

  /** Campaign memberships follow a replaced link to its successor. */
  async moveMemberships(m: EntityManager, orgId: string, moved: { old_id: string; new_id: string }[]): Promise<void> {
    if (!moved.length) return;
    await m.query(
      `UPDATE campaign_member cm SET invite_id = r.new_id FROM jsonb_to_recordset($2::jsonb) AS r(old_id uuid, new_id uuid) WHERE cm.invite_id = r.old_id AND cm.org_id = $1`,
      [orgId, JSON.stringify(moved)],
    );
  }

  /** Records each person's membership of the campaign; issuing again resets their reminders. */
  async upsertMembers(m: EntityManager, orgId: string, campaignId: string, now: Date, rows: MemberRow[]): Promise<void> {
    await m.query(
      `INSERT INTO campaign_member (campaign_id, org_id, employee_id, invite_id, invited_at, skip_reason)
       SELECT $1, $2, r.employee_id, r.invite_id, CASE WHEN r.invite_id IS NULL THEN NULL ELSE $3::timestamptz END, r.skip_reason
         FROM jsonb_to_recordset($4::jsonb) AS r(employee_id uuid, invite_id uuid, skip_reason text)
       ON CONFLICT (campaign_id, employee_id) DO UPDATE
         SET invite_id = excluded.invite_id, invited_at = excluded.invited_at, skip_reason = excluded.skip_reason, reminders_sent = 0, last_reminder_at = NULL`,
      [campaignId, orgId, now, JSON.stringify(rows.map((r) => ({ employee_id: r.employeeId, invite_id: r.inviteId, skip_reason: r.skipReason })))],
    );
  }

  /**
   * Each employee's current link when it belongs to an active campaign. A replacement link (a resend, a
   * link copied for chat, a fresh one after a rejection) stays in that campaign, so the campaign keeps
   * counting and reminding with the link that works.
   */
  async activeCampaignInvites(m: EntityManager, orgId: string, employeeIds: string[]): Promise<Map<string, CarriedInvite>> {
    if (employeeIds.length === 0) return new Map();
    const rows: { employee_id: string; id: string; campaign_id: string; expires_at: Date }[] = await m.query(
      `SELECT i.employee_id, i.id, i.campaign_id, i.expires_at FROM invite i JOIN campaign c ON c.id = i.campaign_id AND c.state = 'active'
        WHERE i.org_id = $1 AND i.employee_id = ANY($2::uuid[]) AND i.state = 'active'`,
      [orgId, employeeIds],
    );
    return new Map(rows.map((r) => [r.employee_id, { inviteId: r.id, campaignId: r.campaign_id, expiresAt: r.expires_at }]));
  }

  // --- a campaign adopting live links ---------------------------------------------------------

  /** Which of these employees hold a live (active, unexpired) invite link now. */
  async liveInvites(m: EntityManager, orgId: string, employeeIds: string[]): Promise<Map<string, { id: string; createdAt: Date; expiresAt: Date }>> {
    if (employeeIds.length === 0) return new Map();
    const rows: { employee_id: string; id: string; created_at: Date; expires_at: Date }[] = await m.query(
      `SELECT employee_id, id, created_at, expires_at FROM invite WHERE org_id = $1 AND employee_id = ANY($2::uuid[]) AND state = 'active' AND expires_at > now()`,
      [orgId, employeeIds],
    );
    return new Map(rows.map((r) => [r.employee_id, { id: r.id, createdAt: r.created_at, expiresAt: r.expires_at }]));
  }

  /** The links move into the campaign (their term stretched to `expiresAt`, never shortened) and their holders become members, invited when the link was sent. */
  async adopt(m: EntityManager, orgId: string, campaignId: string, expiresAt: Date, rows: { employee_id: string; invite_id: string; invited_at: string }[]): Promise<void> {
    await m.query(`UPDATE invite SET campaign_id = $2, expires_at = greatest(expires_at, $3) WHERE org_id = $1 AND id = ANY($4::uuid[])`, [orgId, campaignId, expiresAt, rows.map((r) => r.invite_id)]);
    await m.query(
      `INSERT INTO campaign_member (campaign_id, org_id, employee_id, invite_id, invited_at)
       SELECT $1, $2, r.employee_id, r.invite_id, r.invited_at FROM jsonb_to_recordset($3::jsonb) AS r(employee_id uuid, invite_id uuid, invited_at timestamptz)`,
      [campaignId, orgId, JSON.stringify(rows)],
    );
  }

  // --- reading an invite ----------------------------------------------------------------------

  byId(id: string): Promise<Invite | null> {
    return this.db.getRepository(Invite).findOneBy({ id });
  }

  activeByTokenHash(tokenHash: string): Promise<Invite | null> {
    return this.db.getRepository(Invite).findOneBy({ tokenHash, state: 'active' });
  }

  /** Whether a selfie arrived since this invite was sent. */
  async answered(invite: Invite): Promise<boolean> {
    const [row] = await this.db.query(`SELECT 1 FROM upload WHERE org_id = $1 AND employee_id = $2 AND created_at >= $3 LIMIT 1`, [invite.orgId, invite.employeeId, invite.createdAt]);
    return Boolean(row);
  }

  async campaignOf(invite: Invite & { campaignId: string }): Promise<{ name: string; kind: string; dueOn: string | null } | null> {
    const [row] = await this.db.query(`SELECT name, kind, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM campaign WHERE id = $1 AND org_id = $2`, [invite.campaignId, invite.orgId]);
    return row ? { name: row.name, kind: row.kind, dueOn: row.due_on } : null;
  }

  /** An invite or reminder mail went out. */
  async markMailed(inviteId: string, reminder: boolean): Promise<void> {
    await this.db.getRepository(Invite).update({ id: inviteId }, reminder ? { remindersSent: () => 'reminders_sent + 1', lastReminderAt: new Date() } : { sentAt: new Date() });
  }

  // --- reminders and follow-up ----------------------------------------------------------------

  /**
   * Invited people with no selfie after all `reminders` (the last one over a day ago, or none
   * configured and the invite a week old).
   */
  silentAfterReminders(orgId: string, reminders: number): Promise<SilentInviteRow[]> {
    return this.db.query(
      `SELECT e.id AS employee_id, e.first_name || ' ' || e.last_name AS name, e.email, e.department, i.created_at AS invited_at, i.reminders_sent, i.last_reminder_at
         FROM invite i JOIN employee e ON e.id = i.employee_id AND e.org_id = i.org_id
        WHERE i.org_id = $1 AND i.state = 'active' AND e.status = 'invited' AND e.deactivated_at IS NULL
          AND i.reminders_sent >= $2
          AND coalesce(i.last_reminder_at, i.created_at + interval '6 days') < now() - interval '1 day'
        ORDER BY i.created_at LIMIT 1000`,
      [orgId, reminders],
    );
  }

  /** Invites outside campaigns owed their next reminder at `now`, on the given days after sending. */
  dueReminders(now: Date, days: number[]): Promise<{ id: string; reminders_sent: number }[]> {
    return this.db.query(
      `SELECT i.id, i.reminders_sent FROM invite i JOIN employee e ON e.id = i.employee_id AND e.org_id = i.org_id
        WHERE i.state = 'active' AND i.campaign_id IS NULL AND i.expires_at > $1 AND e.status = 'invited' AND e.deactivated_at IS NULL
          AND i.reminders_sent < $2
          AND i.created_at <= $1 - make_interval(days => ($3::int[])[i.reminders_sent + 1])`,
      [now, days.length, days],
    );
  }
}
