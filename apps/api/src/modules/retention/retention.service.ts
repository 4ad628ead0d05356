import { Injectable, Logger } from '@nestjs/common';
import { type ErasurePreview, type ErasureResult, MAINTENANCE_JOB, QUEUE, type RetentionRunResult, type ScheduledJobPayload } from '@teamframe/shared-types';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { jobClock, RunsJob } from '../../core/queue/job-handlers';
import { MailService } from '../../core/mail/mail.service';
import { StorageService } from '../../core/storage/storage.service';
import { AuditService } from '../audit/audit.service';
import { type OrgRetention, OrgsRepository } from '../orgs/orgs.repository';
import { RetentionRepository } from './retention.repository';

const noSuchEmployee = () => new DomainError('NOT_FOUND', 'No such employee in your organisation.');

/**
 * The daily job that enforces each org's retention settings, and erasure of one employee. The settings
 * are edited through the orgs module (OrgSettingsController, `/api/org/retention`).
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly db: DataSource,
    private readonly orgs: OrgsRepository,
    private readonly rows: RetentionRepository,
    private readonly storage: StorageService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  @RunsJob(QUEUE.maintenance, MAINTENANCE_JOB.enforceRetention)
  async enforceAllJob(job: Job<ScheduledJobPayload>): Promise<RetentionRunResult> {
    return this.enforceAll(jobClock(job));
  }

  /** Applies every org's settings; each org's deletions are audited with their counts. */
  async enforceAll(now = new Date()): Promise<RetentionRunResult> {
    const orgs = await this.orgs.everyRetention();
    const total: RetentionRunResult = { originalsDeleted: 0, headshotsDeleted: 0 };
    for (const org of orgs) {
      const r = await this.enforce(org, now);
      total.originalsDeleted += r.originalsDeleted;
      total.headshotsDeleted += r.headshotsDeleted;
      if (r.originalsDeleted || r.headshotsDeleted) {
        await this.audit.record({ orgId: org.orgId, actorUserId: null, action: 'retention.deleted', details: { ...r } });
      }
    }
    return total;
  }

  private async enforce(org: OrgRetention, now: Date): Promise<RetentionRunResult> {
    const originals = await this.rows.expiredOriginals(org, now);
    for (const u of originals) {
      await this.storage.delete(u.original_key);
      await this.rows.markOriginalDeleted(u.id, now);
    }
    let headshotsDeleted = 0;
    if (org.deleteUnapprovedAfterDays) {
      const stale = await this.rows.staleHeadshots(org.orgId, org.deleteUnapprovedAfterDays, now);
      await this.rows.deleteHeadshots(org.orgId, stale.map((h) => h.id));
      for (const h of stale) await this.storage.deletePrefix(`org/${org.orgId}/employee/${h.employee_id}/headshot/${h.id}`);
      headshotsDeleted = stale.length;
    }
    return { originalsDeleted: originals.length, headshotsDeleted };
  }

  /** The counts the erase confirmation names, read without changing anything. */
  async erasurePreview(auth: AuthContext, employeeId: string): Promise<ErasurePreview> {
    const preview = await this.rows.erasurePreview(auth.orgId, employeeId);
    if (!preview) throw noSuchEmployee();
    return preview;
  }

  /**
   * Erases an employee: every file under their folder, every export that contains them (its ZIP is
   * deleted and the export marked expired), then the employee row with its uploads, headshots and
   * invites, their address in campaign audience lists, and the outbox mails sent to them. The audit
   * event and the log keep counts and the id, nothing personal.
   */
  async erase(auth: AuthContext, employeeId: string): Promise<ErasureResult> {
    const result = await this.db.transaction(async (m) => {
      const erased = await this.rows.erase(m, auth.orgId, employeeId);
      if (!erased) throw noSuchEmployee();
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'employee.erased', subjectType: 'employee', subjectId: employeeId, details: { uploads: erased.uploads, headshots: erased.headshots, exports: erased.exports.length } }, m);
      return erased;
    });
    // Files go after the commit: a crash in between leaves orphan files, never rows without files.
    await this.storage.deletePrefix(`org/${auth.orgId}/employee/${employeeId}`);
    for (const x of result.exports) if (x.file_key) await this.storage.delete(x.file_key);
    const outboxMails = this.mail.eraseOutboxMailTo([result.email]);
    this.logger.log({ employeeId, uploads: result.uploads, headshots: result.headshots, exports: result.exports.length, outboxMails }, 'employee erased');
    return { uploadsDeleted: result.uploads, headshotsDeleted: result.headshots, exportsDeleted: result.exports.length };
  }
}
