import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CampaignAudience, CampaignCounts, CampaignDto } from '@teamframe/shared-types';
import { DataSource, type EntityManager, In } from 'typeorm';
import { Employee } from '../employees/entities/employee.entity';

/** A campaign as the pages show it: its row with the starter's name and the due day as text. */
export interface CampaignRow {
  id: string;
  org_id: string;
  name: string;
  kind: CampaignDto['kind'];
  state: CampaignDto['state'];
  due_on: string | null;
  audience: CampaignDto['audience'];
  reminder_every_days: number;
  created_at: Date;
  created_by_name: string | null;
  ended_at: Date | null;
  summary: CampaignCounts | null;
}

/** One member with the state judged by {@link MEMBER_ROWS}. */
export interface MemberRow {
  employee_id: string;
  first_name: string;
  last_name: string;
  email: string;
  department: string;
  title: string;
  custom_fields: Record<string, string>;
  invited_at: Date | null;
  skip_reason: string | null;
  reminders_sent: number;
  last_reminder_at: Date | null;
  uploaded_at: Date | null;
  approved_at: Date | null;
  state: string;
  needs_attention: boolean;
  refused_attempts: number;
  last_refusal: string | null;
}

/** A member about to be reminded, as read (locked) from `campaign_member`. */
export interface DueReminder {
  campaign_id: string;
  employee_id: string;
  invite_id: string;
  reminders_sent: number;
}

/** Which members a page asks for: a member state, "needs attention", and a name or email search. */
export interface MemberFilter {
  state?: string;
  q?: string;
}

/**
 * One row per member of campaign `$1` (org `$2`) with the member's state judged from what happened
 * since they were invited to it, at time `$3`. Built as SQL so the dashboard counts, the member list,
 * the reminders and HR's mails cannot disagree. Upload rows outlive their files (retention deletes
 * originals, not rows), and only headshots made from an upload sent since the invite count, so
 * re-rendering an old photo in a new style does not look like an answer.
 *
 * No person columns: the counts need none, and at 5,000 members reading 5,000 employee rows was most
 * of their cost. Every member is an employee of the campaign's org (the foreign key cascades, members
 * are inserted from the org's employees and employees never change org), so leaving the join out
 * drops no member. The campaign row is read once, not once per member, and a member's headshot is
 * looked up only when an upload since the invite exists (without one there is no such headshot).
 */
const MEMBER_STATES = `
  SELECT m.employee_id, m.invited_at, m.skip_reason, m.reminders_sent, m.last_reminder_at,
         up.uploaded_at AS uploaded_at,
         CASE WHEN hs.state = 'approved' THEN hs.reviewed_at END AS approved_at,
         CASE
           WHEN m.invited_at IS NULL THEN 'skipped'
           WHEN up.uploaded_at IS NULL THEN 'invited'
           WHEN hs.state IN ('approved', 'rejected', 'in_review') THEN hs.state
           ELSE 'uploaded'
         END AS state,
         (m.invited_at IS NOT NULL AND up.uploaded_at IS NULL
           AND m.reminders_sent >= 1 AND m.last_reminder_at <= $3::timestamptz - interval '1 day'
           AND (m.reminders_sent >= 3 OR (c.due_on IS NOT NULL AND $3::timestamptz >= c.due_on - interval '1 day'))) AS needs_attention
    FROM (SELECT due_on FROM campaign WHERE id = $1 AND org_id = $2) c
    JOIN campaign_member m ON m.campaign_id = $1 AND m.org_id = $2
    LEFT JOIN LATERAL (
      SELECT min(u.created_at) AS uploaded_at FROM upload u
       WHERE u.org_id = m.org_id AND u.employee_id = m.employee_id AND u.created_at >= m.invited_at
    ) up ON true
    LEFT JOIN LATERAL (
      SELECT h.state, h.reviewed_at FROM headshot h JOIN upload hu ON hu.id = h.upload_id
       WHERE up.uploaded_at IS NOT NULL
         AND h.org_id = m.org_id AND h.employee_id = m.employee_id AND hu.created_at >= m.invited_at
       ORDER BY h.created_at DESC LIMIT 1
    ) hs ON true`;

/** The person columns a member row shows, from `employee e`. */
const PERSON_COLUMNS = 'e.first_name, e.last_name, e.email, e.department, e.title, e.custom_fields';

/**
 * Selfies the instant checks refused since the invite (why someone is still missing), for the rows of
 * `s`: a lateral join, so put it after the paging, on the rows shown only.
 */
const REFUSALS = `
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS refused, (array_agg(a.checks->0->>'sentence' ORDER BY a.created_at DESC))[1] AS last_refusal
        FROM upload_attempt a
       WHERE a.org_id = $2 AND a.employee_id = s.employee_id AND a.created_at >= s.invited_at
    ) ra ON true`;

/** {@link MEMBER_STATES} with the person and the refused selfies: a {@link MemberRow} each, same parameters. */
const MEMBER_ROWS = `
  SELECT s.*, ${PERSON_COLUMNS}, coalesce(ra.refused, 0) AS refused_attempts, ra.last_refusal
    FROM (${MEMBER_STATES}) AS s
    JOIN employee e ON e.id = s.employee_id AND e.org_id = $2
    ${REFUSALS}`;

/** Dashboard counts over {@link MEMBER_STATES}, same parameters: one pass, one grouped row. */
const MEMBER_COUNTS = `
  SELECT count(*)::int AS members,
         count(*) FILTER (WHERE state <> 'skipped')::int AS invited,
         count(*) FILTER (WHERE state IN ('uploaded', 'in_review', 'approved', 'rejected'))::int AS uploaded,
         count(*) FILTER (WHERE state = 'in_review')::int AS in_review,
         count(*) FILTER (WHERE state = 'approved')::int AS approved,
         count(*) FILTER (WHERE state = 'rejected')::int AS rejected,
         count(*) FILTER (WHERE state = 'invited')::int AS missing,
         count(*) FILTER (WHERE state = 'skipped')::int AS skipped,
         count(*) FILTER (WHERE needs_attention)::int AS needs_attention
    FROM (${MEMBER_STATES}) AS r`;

const CAMPAIGN_COLUMNS = `c.id, c.org_id, c.name, c.kind, c.state, to_char(c.due_on, 'YYYY-MM-DD') AS due_on, c.audience, c.reminder_every_days,
  c.created_at, u.display_name AS created_by_name, c.ended_at, c.summary`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The SQL of campaigns and their members: the member states (one query the dashboard, member list,
 * CSV and HR mails all read), reminders, and the scheduler's selections. Methods that take an
 * `EntityManager` run inside the caller's transaction.
 */
@Injectable()
export class CampaignsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(orgId: string): Promise<CampaignRow[]> {
    return this.db.query(
      `SELECT ${CAMPAIGN_COLUMNS} FROM campaign c LEFT JOIN app_user u ON u.id = c.created_by
        WHERE c.org_id = $1 ORDER BY c.state = 'active' DESC, c.created_at DESC LIMIT 200`,
      [orgId],
    );
  }

  /** One campaign of the org; `lock` holds its row for the caller's transaction. */
  async find(orgId: string, id: string, m: EntityManager = this.db.manager, lock = false): Promise<CampaignRow | undefined> {
    const [row]: CampaignRow[] = await m.query(
      `SELECT ${CAMPAIGN_COLUMNS} FROM campaign c LEFT JOIN app_user u ON u.id = c.created_by WHERE c.id = $1 AND c.org_id = $2 ${lock ? 'FOR UPDATE OF c' : ''}`,
      [id, orgId],
    );
    return row;
  }

  /** A campaign in any org, for the jobs that hold only its id. */
  async findAnyOrg(id: string): Promise<Pick<CampaignRow, 'id' | 'org_id' | 'name' | 'state' | 'due_on'> | undefined> {
    const [row] = await this.db.query(`SELECT id, org_id, name, state, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM campaign WHERE id = $1`, [id]);
    return row;
  }

  async insert(
    m: EntityManager,
    c: { orgId: string; name: string; kind: 'manual' | 'refresh'; dueOn: string; audience: CampaignDto['audience']; reminderEveryDays: number; createdBy: string | null },
  ): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO campaign (org_id, name, kind, due_on, audience, reminder_every_days, created_by) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) RETURNING id`,
      [c.orgId, c.name, c.kind, c.dueOn, JSON.stringify(c.audience), c.reminderEveryDays, c.createdBy],
    );
    return id;
  }

  /** The org's active refresh campaign of this name (one a month), if started. */
  async activeRefresh(m: EntityManager, orgId: string, name: string): Promise<{ id: string; dueOn: string } | undefined> {
    const [row] = await m.query(`SELECT id, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM campaign WHERE org_id = $1 AND kind = 'refresh' AND state = 'active' AND name = $2`, [orgId, name]);
    return row && { id: row.id, dueOn: row.due_on };
  }

  /** The org's active campaigns, soonest due first (no due day last). */
  active(orgId: string): Promise<{ id: string; name: string; due_on: string | null }[]> {
    return this.db.query(`SELECT id, name, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM campaign WHERE org_id = $1 AND state = 'active' ORDER BY due_on NULLS LAST, name`, [orgId]);
  }

  /** Active campaigns due on the given day, across orgs. */
  async activeDueOn(day: string): Promise<{ id: string; orgId: string }[]> {
    const rows: { id: string; org_id: string }[] = await this.db.query(`SELECT id, org_id FROM campaign WHERE state = 'active' AND due_on = $1::date`, [day]);
    return rows.map((r) => ({ id: r.id, orgId: r.org_id }));
  }

  /** Active campaigns past their due day by more than `graceDays`. */
  overdue(now: Date, graceDays: number): Promise<{ id: string; org_id: string }[]> {
    return this.db.query(`SELECT id, org_id FROM campaign WHERE state = 'active' AND due_on IS NOT NULL AND due_on + make_interval(days => $2 + 1) <= $1::timestamptz`, [now, graceDays]);
  }

  /** Freezes the counts as the summary and marks the campaign ended; its invites keep working. */
  async end(m: EntityManager, orgId: string, campaignId: string, now: Date, summary: CampaignCounts): Promise<void> {
    await m.query(`UPDATE campaign SET state = 'ended', ended_at = $3, summary = $4::jsonb WHERE id = $1 AND org_id = $2`, [campaignId, orgId, now, JSON.stringify(summary)]);
  }

  async counts(campaignId: string, orgId: string, now: Date, m: EntityManager = this.db.manager): Promise<CampaignCounts> {
    const [c] = await m.query(MEMBER_COUNTS, [campaignId, orgId, now]);
    return { members: c.members, invited: c.invited, uploaded: c.uploaded, inReview: c.in_review, approved: c.approved, rejected: c.rejected, missing: c.missing, skipped: c.skipped, needsAttention: c.needs_attention };
  }

  /** Every member, by name (the status CSV). */
  members(campaignId: string, orgId: string, now: Date): Promise<MemberRow[]> {
    return this.db.query(`${MEMBER_ROWS} ORDER BY lower(e.last_name), lower(e.first_name)`, [campaignId, orgId, now]);
  }

  /** The members to follow up by hand at `at`. */
  async needingAttention(campaignId: string, orgId: string, at: Date): Promise<string[]> {
    const rows: { employee_id: string }[] = await this.db.query(`SELECT employee_id FROM (${MEMBER_STATES}) r WHERE needs_attention`, [campaignId, orgId, at]);
    return rows.map((r) => r.employee_id);
  }

  /** One page of members by name, and how many match the filter. */
  async memberPage(campaignId: string, orgId: string, now: Date, filter: MemberFilter, page: number, pageSize: number): Promise<{ rows: MemberRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [campaignId, orgId, now];
    if (filter.state === 'needs_attention') where.push('needs_attention');
    else if (filter.state) where.push(`state = $${params.push(filter.state)}`);
    if (filter.q) where.push(`(lower(first_name || ' ' || last_name) LIKE $${params.push(`%${escapeLike(filter.q.toLowerCase())}%`)} OR email LIKE $${params.length})`);
    // The states and names of every member (the filter and the order need them), then one page of
    // them with the total, and only then the rest of the person and the refused selfies, for the rows
    // shown: the sort and the count carry narrow rows.
    const filtered = `SELECT s.*, e.first_name, e.last_name, e.email FROM (${MEMBER_STATES}) AS s
      JOIN employee e ON e.id = s.employee_id AND e.org_id = $2 ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    // One pass for the page and the total (the member states are computed once); a page past the end
    // has no row to carry the total, so only then is it counted on its own.
    const rows: (MemberRow & { total: number })[] = await this.db.query(
      `SELECT s.*, e.department, e.title, e.custom_fields, coalesce(ra.refused, 0) AS refused_attempts, ra.last_refusal
         FROM (SELECT f.*, count(*) OVER ()::int AS total FROM (${filtered}) AS f
                ORDER BY lower(f.last_name), lower(f.first_name), f.employee_id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}) AS s
         JOIN employee e ON e.id = s.employee_id AND e.org_id = $2
         ${REFUSALS}
        ORDER BY lower(s.last_name), lower(s.first_name), s.employee_id`,
      params,
    );
    const total = rows[0]?.total ?? (await this.db.query(`SELECT count(*)::int AS total FROM (${filtered}) AS f`, params))[0].total;
    return { rows, total };
  }

  /** Who an audience reaches now (active employees; a listed address of a deactivated person too), and listed addresses matching nobody. */
  async resolveAudience(m: EntityManager, orgId: string, a: CampaignAudience): Promise<{ employees: Employee[]; unknownEmails: string[] }> {
    const repo = m.getRepository(Employee);
    const active = repo.createQueryBuilder('e').where('e.org_id = :orgId AND e.deactivated_at IS NULL', { orgId });
    switch (a.kind) {
      case 'everyone':
        return { employees: await active.getMany(), unknownEmails: [] };
      case 'department':
        return { employees: await active.andWhere('lower(e.department) = lower(:d)', { d: a.department }).getMany(), unknownEmails: [] };
      case 'new_since':
        return { employees: await active.andWhere('e.created_at >= CAST(:since AS date)', { since: a.since }).getMany(), unknownEmails: [] };
      case 'list': {
        const emails = [...new Set(a.emails)];
        const found = await repo.find({ where: { orgId, email: In(emails) } });
        const known = new Set(found.map((e) => e.email));
        // A deactivated person on the list stays a member, skipped with the reason.
        return { employees: found, unknownEmails: emails.filter((e) => !known.has(e)) };
      }
    }
  }

  /** HR's reminder: members of one campaign still without a selfie whose link still works, locked. */
  lockMembersToRemind(m: EntityManager, campaignId: string, orgId: string, now: Date, employeeIds?: string[]): Promise<DueReminder[]> {
    return m.query(
      `SELECT cm.campaign_id, r.employee_id, cm.invite_id, cm.reminders_sent FROM (${MEMBER_STATES}) AS r
         JOIN campaign_member cm ON cm.campaign_id = $1 AND cm.employee_id = r.employee_id
         JOIN invite i ON i.id = cm.invite_id AND i.state = 'active' AND i.expires_at > $3
        WHERE r.state = 'invited' ${employeeIds ? 'AND r.employee_id = ANY($4::uuid[])' : ''}
        FOR UPDATE OF cm`,
      employeeIds ? [campaignId, orgId, now, employeeIds] : [campaignId, orgId, now],
    );
  }

  /**
   * The scheduled reminders due at `now`, across campaigns, locked (rows another run holds are
   * skipped). A member still without a selfie is due every `reminder_every_days` after the invite (or
   * the last reminder) until the due day ends, and once more on the day before the due day; a campaign
   * with no due day reminds `maxUndated` times. Uploading, a replaced or expired link, an ended
   * campaign or a deactivated employee stops it.
   */
  lockDueReminders(m: EntityManager, now: Date, maxUndated: number): Promise<DueReminder[]> {
    return m.query(
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
      [now, maxUndated],
    );
  }

  /**
   * Counts the reminders on the members in one statement, inside the caller's transaction (which holds
   * their rows locked). HR's "resend" and the schedule both go through here, so both advance the same
   * schedule.
   */
  async recordReminders(m: EntityManager, due: DueReminder[], now: Date): Promise<void> {
    if (due.length === 0) return;
    await m.query(
      `UPDATE campaign_member cm SET reminders_sent = cm.reminders_sent + 1, last_reminder_at = $1
         FROM jsonb_to_recordset($2::jsonb) AS r(campaign_id uuid, employee_id uuid)
        WHERE cm.campaign_id = r.campaign_id AND cm.employee_id = r.employee_id`,
      [now, JSON.stringify(due.map(({ campaign_id, employee_id }) => ({ campaign_id, employee_id })))],
    );
  }

  /**
   * Employees added while automatic invites were on (since it was turned on, and more than
   * `afterMinutes` before `now`) who are in no onboarding campaign and still not invited, by org.
   */
  onboardingStragglers(now: Date, afterMinutes: number): Promise<{ org_id: string; ids: string[] }[]> {
    return this.db.query(
      `SELECT e.org_id, array_agg(e.id) AS ids FROM employee e JOIN org o ON o.id = e.org_id
        WHERE o.auto_invite AND e.status = 'not_invited' AND e.deactivated_at IS NULL
          AND e.created_at >= o.auto_invite_since AND e.created_at <= $1::timestamptz - make_interval(mins => $2)
          AND NOT EXISTS (SELECT 1 FROM campaign_member cm JOIN campaign c ON c.id = cm.campaign_id
                           WHERE cm.employee_id = e.id AND c.kind = 'onboarding')
        GROUP BY e.org_id`,
      [now, afterMinutes],
    );
  }

  /** Of these employees, those still not invited, read inside the caller's transaction. */
  stillNotInvited(m: EntityManager, orgId: string, ids: string[]): Promise<Employee[]> {
    return m.getRepository(Employee).find({ where: { orgId, id: In(ids), status: 'not_invited' } });
  }


  /**
   * Active employees whose latest approved headshot is older than `months`, who sent no selfie since
   * it, and who are not invited in an active campaign already.
   */
  dueForRefresh(m: EntityManager, orgId: string, months: number, now: Date): Promise<Employee[]> {
    return m
      .getRepository(Employee)
      .createQueryBuilder('e')
      .where('e.org_id = :orgId AND e.deactivated_at IS NULL', { orgId })
      .andWhere(
        `(SELECT max(h.reviewed_at) FROM headshot h WHERE h.org_id = e.org_id AND h.employee_id = e.id AND h.state = 'approved') < CAST(:now AS timestamptz) - make_interval(months => :months)`,
        { now, months },
      )
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM campaign_member cm JOIN campaign c ON c.id = cm.campaign_id WHERE cm.employee_id = e.id AND c.state = 'active' AND cm.invited_at IS NOT NULL)`,
      )
      .andWhere(`NOT EXISTS (SELECT 1 FROM upload u WHERE u.org_id = e.org_id AND u.employee_id = e.id AND u.created_at > (SELECT max(h.reviewed_at) FROM headshot h WHERE h.org_id = e.org_id AND h.employee_id = e.id AND h.state = 'approved'))`)
      .getMany();
  }
}
