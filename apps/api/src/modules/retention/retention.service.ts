import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type ErasurePreview, type ErasureResult, MAINTENANCE_JOB, QUEUE, type RetentionRunResult, type RetentionSettings, type ScheduledJobPayload } from '@teamframe/shared-types';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { jobClock, RunsJob } from '../../core/queue/job-handlers';
import { MailService } from '../../core/mail/mail.service';
import { StorageService } from '../../core/storage/storage.service';
import { AuditService } from '../audit/audit.service';

interface OrgRetentionRow {
  id: string;
  delete_originals_after_approval: boolean;
  delete_originals_after_days: number | null;
  delete_unapproved_after_days: number | null;
  export_expiry_hours: number;
}

/** The org's retention settings, the daily job that enforces them, and erasure of one employee. */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly storage: StorageService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  async settings(auth: AuthContext): Promise<RetentionSettings> {
    const [r] = await this.db.query<OrgRetentionRow[]>(`SELECT * FROM org WHERE id = $1`, [auth.orgId]);
    return toSettings(r);
  }

  async update(auth: AuthContext, s: RetentionSettings): Promise<RetentionSettings> {
    await this.db.query(
      `UPDATE org SET delete_originals_after_approval = $2, delete_originals_after_days = $3, delete_unapproved_after_days = $4, export_expiry_hours = $5 WHERE id = $1`,
      [auth.orgId, s.deleteOriginalsAfterApproval, s.deleteOriginalsAfterDays, s.deleteUnapprovedAfterDays, s.exportExpiryHours],
    );
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'retention.settings_updated', details: { ...s } });
    return s;
  }

  @RunsJob(QUEUE.maintenance, MAINTENANCE_JOB.enforceRetention)
  async enforceAllJob(job: Job<ScheduledJobPayload>): Promise<RetentionRunResult> {
    return this.enforceAll(jobClock(job));
  }

  /** Applies every org's settings; each org's deletions are audited with their counts. */
  async enforceAll(now = new Date()): Promise<RetentionRunResult> {
    const orgs = await this.db.query<OrgRetentionRow[]>(`SELECT * FROM org`);
    const total: RetentionRunResult = { originalsDeleted: 0, headshotsDeleted: 0 };
    for (const org of orgs) {
      const r = await this.enforce(org, now);
      total.originalsDeleted += r.originalsDeleted;
      total.headshotsDeleted += r.headshotsDeleted;
      if (r.originalsDeleted || r.headshotsDeleted) {
        await this.audit.record({ orgId: org.id, actorUserId: null, action: 'retention.deleted', details: { ...r } });
      }
    }
    return total;
  }

  private async enforce(org: OrgRetentionRow, now: Date): Promise<RetentionRunResult> {
    const originals: { id: string; original_key: string }[] = await this.db.query(
      `SELECT u.id, u.original_key FROM upload u
        WHERE u.org_id = $1 AND u.original_deleted_at IS NULL AND (
          ($2 AND EXISTS (SELECT 1 FROM employee e WHERE e.id = u.employee_id AND e.org_id = u.org_id AND e.status = 'approved')
              AND NOT EXISTS (SELECT 1 FROM headshot h WHERE h.upload_id = u.id AND h.state IN ('waiting', 'queued', 'processing', 'in_review')))
          OR ($3::int IS NOT NULL AND u.created_at < $5::timestamptz - make_interval(days => $3::int))
          OR ($4::int IS NOT NULL AND u.created_at < $5::timestamptz - make_interval(days => $4::int)
              AND NOT EXISTS (SELECT 1 FROM headshot h WHERE h.upload_id = u.id AND h.state = 'approved')))`,
      [org.id, org.delete_originals_after_approval, org.delete_originals_after_days, org.delete_unapproved_after_days, now],
    );
    for (const u of originals) {
      await this.storage.delete(u.original_key);
      await this.db.query(`UPDATE upload SET original_deleted_at = $2 WHERE id = $1`, [u.id, now]);
    }
    let headshotsDeleted = 0;
    if (org.delete_unapproved_after_days) {
      const stale: { id: string; employee_id: string }[] = await this.db.query(
        `SELECT id, employee_id FROM headshot WHERE org_id = $1 AND state NOT IN ('approved', 'queued', 'processing')
           AND created_at < $3::timestamptz - make_interval(days => $2::int)`,
        [org.id, org.delete_unapproved_after_days, now],
      );
      await this.db.query(`DELETE FROM headshot WHERE org_id = $1 AND id = ANY($2)`, [org.id, stale.map((h) => h.id)]);
      for (const h of stale) await this.storage.deletePrefix(`org/${org.id}/employee/${h.employee_id}/headshot/${h.id}`);
      headshotsDeleted = stale.length;
    }
    return { originalsDeleted: originals.length, headshotsDeleted };
  }

  /**
   * Erases an employee: every file under their folder, every export that contains them (its ZIP is
   * deleted and the export marked expired), then the employee row with its uploads, headshots and
   * invites, their address in campaign audience lists, and the outbox mails sent to them. The audit
   * event and the log keep counts and the id, nothing personal.
   */
  /** The counts the erase confirmation names, read without changing anything. */
  async erasurePreview(auth: AuthContext, employeeId: string): Promise<ErasurePreview> {
    const [row] = await this.db.query(
      `SELECT e.first_name || ' ' || e.last_name AS name, e.email,
              (SELECT count(*) FROM upload WHERE employee_id = e.id AND org_id = e.org_id)::int AS uploads,
              (SELECT count(*) FROM headshot WHERE employee_id = e.id AND org_id = e.org_id)::int AS headshots,
              (SELECT count(*) FROM export WHERE org_id = e.org_id AND e.id = ANY(employee_ids) AND state <> 'expired')::int AS exports,
              (SELECT count(*) FROM invite WHERE employee_id = e.id AND org_id = e.org_id)::int AS invites,
              (SELECT count(*) FROM upload_attempt WHERE employee_id = e.id AND org_id = e.org_id)::int AS refused
         FROM employee e WHERE e.id = $1 AND e.org_id = $2`,
      [employeeId, auth.orgId],
    );
    if (!row) throw new DomainError('NOT_FOUND', 'No such employee in your organisation.');
    return { name: row.name.trim(), email: row.email, uploads: row.uploads, headshots: row.headshots, exports: row.exports, invites: row.invites, refusedAttempts: row.refused };
  }

  async erase(auth: AuthContext, employeeId: string): Promise<ErasureResult> {
    const result = await this.db.transaction(async (m) => {
      const [e] = await m.query(`SELECT id, email FROM employee WHERE id = $1 AND org_id = $2 FOR UPDATE`, [employeeId, auth.orgId]);
      if (!e) throw new DomainError('NOT_FOUND', 'No such employee in your organisation.');
      const [{ uploads }] = await m.query(`SELECT count(*)::int AS uploads FROM upload WHERE employee_id = $1 AND org_id = $2`, [employeeId, auth.orgId]);
      const [{ headshots }] = await m.query(`SELECT count(*)::int AS headshots FROM headshot WHERE employee_id = $1 AND org_id = $2`, [employeeId, auth.orgId]);
      const exports: { id: string; file_key: string | null }[] = await m.query(`SELECT id, file_key FROM export WHERE org_id = $1 AND $2 = ANY(employee_ids) FOR UPDATE`, [auth.orgId, employeeId]);
      await m.query(`UPDATE export SET state = 'expired', file_key = NULL, error = 'Deleted because it contained an erased employee.' WHERE id = ANY($1)`, [exports.map((x) => x.id)]);
      await m.query(`DELETE FROM employee WHERE id = $1 AND org_id = $2`, [employeeId, auth.orgId]);
      // A campaign started from a list of addresses keeps that list; the erased address leaves it.
      await m.query(
        `UPDATE campaign SET audience = jsonb_set(audience, '{emails}', (SELECT coalesce(jsonb_agg(x), '[]'::jsonb) FROM jsonb_array_elements(audience->'emails') x WHERE x #>> '{}' <> $2))
          WHERE org_id = $1 AND audience->>'kind' = 'list' AND audience->'emails' ? $2`,
        [auth.orgId, e.email],
      );
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'employee.erased', subjectType: 'employee', subjectId: employeeId, details: { uploads, headshots, exports: exports.length } }, m);
      return { uploads, headshots, exports, email: e.email as string };
    });
    // Files go after the commit: a crash in between leaves orphan files, never rows without files.
    await this.storage.deletePrefix(`org/${auth.orgId}/employee/${employeeId}`);
    for (const x of result.exports) if (x.file_key) await this.storage.delete(x.file_key);
    const outboxMails = this.mail.eraseOutboxMailTo([result.email]);
    this.logger.log({ employeeId, uploads: result.uploads, headshots: result.headshots, exports: result.exports.length, outboxMails }, 'employee erased');
    return { uploadsDeleted: result.uploads, headshotsDeleted: result.headshots, exportsDeleted: result.exports.length };
  }
}

function toSettings(r: OrgRetentionRow): RetentionSettings {
  return {
    deleteOriginalsAfterApproval: r.delete_originals_after_approval,
    deleteOriginalsAfterDays: r.delete_originals_after_days,
    deleteUnapprovedAfterDays: r.delete_unapproved_after_days,
    exportExpiryHours: r.export_expiry_hours,
  };
}
