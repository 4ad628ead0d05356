import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ErasurePreview } from '@teamframe/shared-types';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrgRetention } from '../orgs/orgs.repository';

/** What erasing one employee removed, counted inside the erasing transaction. */
export interface ErasedRows {
  email: string;
  uploads: number;
  headshots: number;
  /** Exports that contained them: marked expired; their files are the caller's to delete. */
  exports: { id: string; file_key: string | null }[];
}

/**
 * The SQL of retention: finding what an org's settings say must go (selfies, never-approved
 * headshots), and erasing one employee with everything that names them. The settings themselves are
 * org columns (OrgsRepository).
 */
@Injectable()
export class RetentionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Selfies whose time is up: approved and no longer needed, older than the limit, or never approved within theirs. */
  expiredOriginals(org: OrgRetention, now: Date): Promise<{ id: string; original_key: string }[]> {
    return this.db.query(
      `SELECT u.id, u.original_key FROM upload u
        WHERE u.org_id = $1 AND u.original_deleted_at IS NULL AND (
          ($2 AND EXISTS (SELECT 1 FROM employee e WHERE e.id = u.employee_id AND e.org_id = u.org_id AND e.status = 'approved')
              AND NOT EXISTS (SELECT 1 FROM headshot h WHERE h.upload_id = u.id AND h.state IN ('waiting', 'queued', 'processing', 'in_review')))
          OR ($3::int IS NOT NULL AND u.created_at < $5::timestamptz - make_interval(days => $3::int))
          OR ($4::int IS NOT NULL AND u.created_at < $5::timestamptz - make_interval(days => $4::int)
              AND NOT EXISTS (SELECT 1 FROM headshot h WHERE h.upload_id = u.id AND h.state = 'approved')))`,
      [org.orgId, org.deleteOriginalsAfterApproval, org.deleteOriginalsAfterDays, org.deleteUnapprovedAfterDays, now],
    );
  }

  async markOriginalDeleted(uploadId: string, now: Date): Promise<void> {
    await this.db.query(`UPDATE upload SET original_deleted_at = $2 WHERE id = $1`, [uploadId, now]);
  }

  /** Finished, never-approved headshots older than `days`. */
  staleHeadshots(orgId: string, days: number, now: Date): Promise<{ id: string; employee_id: string }[]> {
    return this.db.query(
      `SELECT id, employee_id FROM headshot WHERE org_id = $1 AND state NOT IN ('approved', 'queued', 'processing')
         AND created_at < $3::timestamptz - make_interval(days => $2::int)`,
      [orgId, days, now],
    );
  }

  async deleteHeadshots(orgId: string, ids: string[]): Promise<void> {
    await this.db.query(`DELETE FROM headshot WHERE org_id = $1 AND id = ANY($2)`, [orgId, ids]);
  }

  /** The counts the erase confirmation names; null when the employee is not the org's. */
  async erasurePreview(orgId: string, employeeId: string): Promise<ErasurePreview | null> {
    const [row] = await this.db.query(
      `SELECT e.first_name || ' ' || e.last_name AS name, e.email,
              (SELECT count(*) FROM upload WHERE employee_id = e.id AND org_id = e.org_id)::int AS uploads,
              (SELECT count(*) FROM headshot WHERE employee_id = e.id AND org_id = e.org_id)::int AS headshots,
              (SELECT count(*) FROM export WHERE org_id = e.org_id AND e.id = ANY(employee_ids) AND state <> 'expired')::int AS exports,
              (SELECT count(*) FROM invite WHERE employee_id = e.id AND org_id = e.org_id)::int AS invites,
              (SELECT count(*) FROM upload_attempt WHERE employee_id = e.id AND org_id = e.org_id)::int AS refused
         FROM employee e WHERE e.id = $1 AND e.org_id = $2`,
      [employeeId, orgId],
    );
    if (!row) return null;
    return { name: row.name.trim(), email: row.email, uploads: row.uploads, headshots: row.headshots, exports: row.exports, invites: row.invites, refusedAttempts: row.refused };
  }

  /**
   * Inside the caller's transaction: every export that contains the employee is expired (its file is
   * the caller's to delete after the commit), then the employee row goes with its uploads, headshots
   * and invites (cascade), and their address leaves campaign audience lists. Null when not the org's.
   */
  async erase(m: EntityManager, orgId: string, employeeId: string): Promise<ErasedRows | null> {
    const [e] = await m.query(`SELECT id, email FROM employee WHERE id = $1 AND org_id = $2 FOR UPDATE`, [employeeId, orgId]);
    if (!e) return null;
    const [{ uploads }] = await m.query(`SELECT count(*)::int AS uploads FROM upload WHERE employee_id = $1 AND org_id = $2`, [employeeId, orgId]);
    const [{ headshots }] = await m.query(`SELECT count(*)::int AS headshots FROM headshot WHERE employee_id = $1 AND org_id = $2`, [employeeId, orgId]);
    const exports: { id: string; file_key: string | null }[] = await m.query(`SELECT id, file_key FROM export WHERE org_id = $1 AND $2 = ANY(employee_ids) FOR UPDATE`, [orgId, employeeId]);
    await m.query(`UPDATE export SET state = 'expired', file_key = NULL, error = 'Deleted because it contained an erased employee.' WHERE id = ANY($1)`, [exports.map((x) => x.id)]);
    await m.query(`DELETE FROM employee WHERE id = $1 AND org_id = $2`, [employeeId, orgId]);
    // A campaign started from a list of addresses keeps that list; the erased address leaves it.
    await m.query(
      `UPDATE campaign SET audience = jsonb_set(audience, '{emails}', (SELECT coalesce(jsonb_agg(x), '[]'::jsonb) FROM jsonb_array_elements(audience->'emails') x WHERE x #>> '{}' <> $2))
        WHERE org_id = $1 AND audience->>'kind' = 'list' AND audience->'emails' ? $2`,
      [orgId, e.email],
    );
    return { email: e.email, uploads, headshots, exports };
  }
}
