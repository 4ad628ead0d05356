import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { type CountsRow, MEMBER_COUNTS, MEMBER_ROWS } from '../campaigns/campaign-members.sql';
import { addDays } from './utc-day';

export interface BatchSummary {
  batchId: string;
  orgId: string;
  total: number;
  /** Headshots of this batch still waiting, queued or processing; the batch is done at 0. */
  unfinished: number;
  inReview: number;
  failed: number;
  /** The distinct failure sentences with how many headshots each, most frequent first. */
  failureReasons: { reason: string; count: number }[];
}

export interface CampaignDueFacts {
  id: string;
  orgId: string;
  name: string;
  state: string;
  dueOn: string | null;
  /** Members invited to it who have not sent a selfie since. */
  missing: number;
}

export interface DigestFacts {
  /** Selfies received in the 24 hours before the digest's moment. */
  newUploads: number;
  /** People with a headshot in review now. */
  waitingForReview: number;
  /** People with a headshot that failed and was not retried. */
  failed: number;
  /** Active campaigns due from today to three days on, soonest first. */
  campaignsDueSoon: { name: string; dueOn: string; missing: number }[];
  /** People who did not answer after every reminder: the employees page's list and the active campaigns' "needs attention", each person once. */
  needsAttention: number;
}

/** A digest with nothing to say is not sent. */
export function digestIsEmpty(f: DigestFacts): boolean {
  return f.newUploads === 0 && f.waitingForReview === 0 && f.failed === 0 && f.campaignsDueSoon.length === 0 && f.needsAttention === 0;
}

/** The numbers HR mails report, each read for one org only. */
@Injectable()
export class NotificationFacts {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async batch(batchId: string): Promise<BatchSummary | undefined> {
    const [b] = await this.db.query<{ id: string; org_id: string; total: number }[]>(`SELECT id, org_id, total FROM batch WHERE id = $1`, [batchId]);
    if (!b) return undefined;
    const [counts] = await this.db.query<{ unfinished: number; in_review: number; failed: number }[]>(
      `SELECT count(*) FILTER (WHERE state IN ('waiting', 'queued', 'processing'))::int AS unfinished,
              count(*) FILTER (WHERE state = 'in_review')::int AS in_review,
              count(*) FILTER (WHERE state = 'failed')::int AS failed
         FROM headshot WHERE org_id = $1 AND batch_id = $2`,
      [b.org_id, b.id],
    );
    const reasons = await this.db.query<{ reason: string; count: number }[]>(
      `SELECT coalesce(nullif(failure_reason, ''), 'No reason was recorded.') AS reason, count(*)::int AS count
         FROM headshot WHERE org_id = $1 AND batch_id = $2 AND state = 'failed'
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5`,
      [b.org_id, b.id],
    );
    return { batchId: b.id, orgId: b.org_id, total: b.total, unfinished: counts.unfinished, inReview: counts.in_review, failed: counts.failed, failureReasons: reasons };
  }

  /** People (not versions: a regenerated headshot keeps its earlier version in review) waiting for a decision. */
  async waitingForReview(orgId: string): Promise<number> {
    const [{ n }] = await this.db.query<{ n: number }[]>(`SELECT count(DISTINCT employee_id)::int AS n FROM headshot WHERE org_id = $1 AND state = 'in_review'`, [orgId]);
    return n;
  }

  async digest(orgId: string, at: Date): Promise<DigestFacts> {
    const [counts] = await this.db.query<{ new_uploads: number; failed: number }[]>(
      `SELECT (SELECT count(*)::int FROM upload WHERE org_id = $1 AND created_at > $2::timestamptz - interval '24 hours' AND created_at <= $2) AS new_uploads,
              (SELECT count(DISTINCT employee_id)::int FROM headshot WHERE org_id = $1 AND state = 'failed') AS failed`,
      [orgId, at],
    );
    const campaigns = await this.db.query<{ id: string; name: string; due_on: string | null }[]>(
      `SELECT id, name, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM campaign WHERE org_id = $1 AND state = 'active' ORDER BY due_on NULLS LAST, name`,
      [orgId],
    );
    const [today, inThreeDays] = [addDays(at, 0), addDays(at, 3)];
    const dueSoon: DigestFacts['campaignsDueSoon'] = [];
    for (const c of campaigns.filter((k) => k.due_on && k.due_on >= today && k.due_on <= inThreeDays)) {
      dueSoon.push({ name: c.name, dueOn: c.due_on!, missing: (await this.memberCounts(c.id, orgId, at)).missing });
    }
    return {
      newUploads: counts.new_uploads,
      waitingForReview: await this.waitingForReview(orgId),
      failed: counts.failed,
      campaignsDueSoon: dueSoon,
      needsAttention: await this.needsAttention(orgId, campaigns.map((c) => c.id), at),
    };
  }

  /** Distinct people to follow up by hand, read at `at` rather than now() so a test (or a replayed day) sees that day. */
  private async needsAttention(orgId: string, campaignIds: string[], at: Date): Promise<number> {
    // The same rule as InvitesService.needsAttention (the employees page).
    const invites = await this.db.query<{ employee_id: string }[]>(
      `SELECT e.id AS employee_id FROM invite i JOIN employee e ON e.id = i.employee_id AND e.org_id = i.org_id
        WHERE i.org_id = $1 AND i.state = 'active' AND e.status = 'invited' AND e.deactivated_at IS NULL
          AND i.reminders_sent >= $2 AND coalesce(i.last_reminder_at, i.created_at + interval '6 days') < $3::timestamptz - interval '1 day'`,
      [orgId, this.config.INVITE_REMINDER_DAYS.length, at],
    );
    const people = new Set(invites.map((r) => r.employee_id));
    for (const id of campaignIds) {
      const rows = await this.db.query<{ employee_id: string }[]>(`SELECT employee_id FROM (${MEMBER_ROWS}) r WHERE needs_attention`, [id, orgId, at]);
      for (const r of rows) people.add(r.employee_id);
    }
    return people.size;
  }

  /** The campaign page's own counts (shared SQL), so "missing" in a mail is the number HR sees there. */
  private async memberCounts(campaignId: string, orgId: string, at: Date): Promise<CountsRow> {
    const [c] = await this.db.query<CountsRow[]>(MEMBER_COUNTS, [campaignId, orgId, at]);
    return c;
  }

  /** Active campaigns due on the given day, across orgs: the maintenance job mails each org's HR about its own. */
  async campaignsDueOn(day: string): Promise<{ id: string; orgId: string }[]> {
    const rows = await this.db.query<{ id: string; org_id: string }[]>(`SELECT id, org_id FROM campaign WHERE state = 'active' AND due_on = $1::date`, [day]);
    return rows.map((r) => ({ id: r.id, orgId: r.org_id }));
  }

  async campaign(campaignId: string, at = new Date()): Promise<CampaignDueFacts | undefined> {
    const [c] = await this.db.query<{ id: string; org_id: string; name: string; state: string; due_on: string | null }[]>(
      `SELECT id, org_id, name, state, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM campaign WHERE id = $1`,
      [campaignId],
    );
    if (!c) return undefined;
    return { id: c.id, orgId: c.org_id, name: c.name, state: c.state, dueOn: c.due_on, missing: (await this.memberCounts(c.id, c.org_id, at)).missing };
  }
}
