import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The org's to-do numbers in three indexed queries: cheap enough to poll for the live channel. */
@Injectable()
export class ActivityRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Active employees by status, and when one last changed. */
  async people(orgId: string): Promise<{ employees: number; in_review: number; missing: number; retake: number; approved: number; changed_at: Date | null }> {
    const [people] = await this.db.query(
      `SELECT count(*)::int AS employees,
              count(*) FILTER (WHERE status = 'in_review')::int AS in_review,
              count(*) FILTER (WHERE status = 'invited')::int AS missing,
              count(*) FILTER (WHERE status = 'rejected')::int AS retake,
              count(*) FILTER (WHERE status = 'approved')::int AS approved,
              max(updated_at) AS changed_at
         FROM employee WHERE org_id = $1 AND deactivated_at IS NULL`,
      [orgId],
    );
    return people;
  }

  /** Headshots waiting for a batch, being made, and people whose latest headshot failed; when one last changed. */
  async headshots(orgId: string): Promise<{ waiting: number; processing: number; failed: number; changed_at: Date | null }> {
    // The latest headshot per employee decides "failed"; older failed versions do not count.
    const [shots] = await this.db.query(
      `WITH latest AS (
         SELECT DISTINCT ON (h.employee_id) h.state FROM headshot h JOIN employee e ON e.id = h.employee_id AND e.org_id = h.org_id AND e.deactivated_at IS NULL
          WHERE h.org_id = $1 AND h.state <> 'superseded' ORDER BY h.employee_id, h.created_at DESC
       )
       SELECT (SELECT count(*) FROM headshot WHERE org_id = $1 AND state = 'waiting')::int AS waiting,
              (SELECT count(*) FROM headshot WHERE org_id = $1 AND state IN ('queued', 'processing'))::int AS processing,
              (SELECT count(*) FROM latest WHERE state = 'failed')::int AS failed,
              (SELECT max(updated_at) FROM headshot WHERE org_id = $1) AS changed_at`,
      [orgId],
    );
    return shots;
  }

  /** Kept selfies still owed their check (see UploadCheckQueue), and those among them parked because the org's storage is full. */
  async keptSelfies(orgId: string): Promise<{ waitingForCheck: number; waitingForSpace: number }> {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE waiting_for IS DISTINCT FROM 'storage')::int AS "waitingForCheck",
              count(*) FILTER (WHERE waiting_for = 'storage')::int AS "waitingForSpace"
         FROM upload_check WHERE org_id = $1`,
      [orgId],
    );
    return row;
  }
}
