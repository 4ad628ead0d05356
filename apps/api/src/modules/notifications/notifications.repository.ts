import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NotificationSettings } from '@teamframe/shared-types';
import { DataSource } from 'typeorm';
import { NotificationPreference } from './entities/notification-preference.entity';

/** An HR user with the switches saved for them (null where never saved). */
export interface RecipientRow {
  id: string;
  email: string;
  display_name: string;
  daily_digest: boolean | null;
  batch_finished: boolean | null;
  review_waiting: boolean | null;
  campaign_due: boolean | null;
}

/**
 * The SQL of HR notifications: each user's switches, who gets a mail, and the counts the mails
 * report (campaign member counts are the campaigns repository's). Every count is read for one org.
 */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  preference(orgId: string, userId: string): Promise<NotificationPreference | null> {
    return this.db.getRepository(NotificationPreference).findOneBy({ userId, orgId });
  }

  async savePreference(orgId: string, userId: string, s: NotificationSettings): Promise<void> {
    await this.db.getRepository(NotificationPreference).upsert({ userId, orgId, ...s, updatedAt: new Date() }, ['userId']);
  }

  /** The org's active users in these roles (or just `onlyUserId`), with their saved switches, by email. */
  recipients(orgId: string, roles: string[], onlyUserId?: string): Promise<RecipientRow[]> {
    return this.db.query(
      `SELECT u.id, u.email, u.display_name, p.daily_digest, p.batch_finished, p.review_waiting, p.campaign_due
         FROM app_user u LEFT JOIN notification_preference p ON p.user_id = u.id AND p.org_id = u.org_id
        WHERE u.org_id = $1 AND u.role = ANY($2) AND u.disabled_at IS NULL AND ($3::uuid IS NULL OR u.id = $3)
        ORDER BY u.email`,
      [orgId, roles, onlyUserId ?? null],
    );
  }

  batch(batchId: string): Promise<{ id: string; org_id: string; total: number } | undefined> {
    return this.db.query(`SELECT id, org_id, total FROM batch WHERE id = $1`, [batchId]).then((r) => r[0]);
  }

  async batchCounts(orgId: string, batchId: string): Promise<{ unfinished: number; in_review: number; failed: number }> {
    const [counts] = await this.db.query(
      `SELECT count(*) FILTER (WHERE state IN ('waiting', 'queued', 'processing'))::int AS unfinished,
              count(*) FILTER (WHERE state = 'in_review')::int AS in_review,
              count(*) FILTER (WHERE state = 'failed')::int AS failed
         FROM headshot WHERE org_id = $1 AND batch_id = $2`,
      [orgId, batchId],
    );
    return counts;
  }

  /** The distinct failure sentences of a batch with how many headshots each, most frequent first. */
  batchFailureReasons(orgId: string, batchId: string): Promise<{ reason: string; count: number }[]> {
    return this.db.query(
      `SELECT coalesce(nullif(failure_reason, ''), 'No reason was recorded.') AS reason, count(*)::int AS count
         FROM headshot WHERE org_id = $1 AND batch_id = $2 AND state = 'failed'
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5`,
      [orgId, batchId],
    );
  }

  /** People (not versions: a regenerated headshot keeps its earlier version in review) waiting for a decision. */
  async waitingForReview(orgId: string): Promise<number> {
    const [{ n }] = await this.db.query(`SELECT count(DISTINCT employee_id)::int AS n FROM headshot WHERE org_id = $1 AND state = 'in_review'`, [orgId]);
    return n;
  }

  /** Selfies received in the 24 hours before `at`, and people with a failed headshot not retried. */
  async dayCounts(orgId: string, at: Date): Promise<{ new_uploads: number; failed: number }> {
    const [counts] = await this.db.query(
      `SELECT (SELECT count(*)::int FROM upload WHERE org_id = $1 AND created_at > $2::timestamptz - interval '24 hours' AND created_at <= $2) AS new_uploads,
              (SELECT count(DISTINCT employee_id)::int FROM headshot WHERE org_id = $1 AND state = 'failed') AS failed`,
      [orgId, at],
    );
    return counts;
  }

  /**
   * Invited people who did not answer after every one of `reminders` invite reminders, the last more
   * than a day before `at`: the same rule as InvitesService.needsAttention (the employees page).
   */
  async unansweredInvites(orgId: string, reminders: number, at: Date): Promise<string[]> {
    const rows: { employee_id: string }[] = await this.db.query(
      `SELECT e.id AS employee_id FROM invite i JOIN employee e ON e.id = i.employee_id AND e.org_id = i.org_id
        WHERE i.org_id = $1 AND i.state = 'active' AND e.status = 'invited' AND e.deactivated_at IS NULL
          AND i.reminders_sent >= $2 AND coalesce(i.last_reminder_at, i.created_at + interval '6 days') < $3::timestamptz - interval '1 day'`,
      [orgId, reminders, at],
    );
    return rows.map((r) => r.employee_id);
  }
}
