import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EXPORT_JOB, type ExportJobPayload, QUEUE } from '@teamframe/shared-types';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { DomainError } from '../../core/http/domain-error';
import { ParksJob, RunsJob } from '../../core/queue/job-handlers';
import { StorageService } from '../../core/storage/storage.service';
import { AuditService } from '../audit/audit.service';
import { BrandService } from '../brand/brand.service';
import { CustomFieldsService } from '../custom-fields/custom-fields.service';
import { OrgsRepository } from '../orgs/orgs.repository';
import { orgIsSuspended, PAUSED_WHILE_SUSPENDED } from '../orgs/suspended-work';
import { writeArchive } from './export-archive';
import { EXPORT_FAILED_MESSAGE, ExportFileMissing } from './exports.errors';
import { ExportsRepository } from './exports.repository';
import { ExportsService } from './exports.service';

const PROGRESS_EVERY_MS = 500;
const HOUR_MS = 3_600_000;

/**
 * Builds export ZIPs on the `export` queue, and deletes the expired ones (hourly, see JOB_SCHEDULES). Idempotent: the
 * ZIP goes to a key fixed by the export id, written to a temp file and renamed when complete, so a
 * retry after a crash simply builds it again.
 */
@Injectable()
export class ExportProcessor {
  private readonly logger = new Logger(ExportProcessor.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: ExportsRepository,
    private readonly orgs: OrgsRepository,
    private readonly storage: StorageService,
    private readonly exports: ExportsService,
    private readonly audit: AuditService,
    private readonly brand: BrandService,
    private readonly customFields: CustomFieldsService,
  ) {}

  @RunsJob(QUEUE.export, EXPORT_JOB.purgeExpired)
  async purgeExpired(): Promise<{ expired: number }> {
    return { expired: await this.exports.purgeExpired() };
  }

  @RunsJob(QUEUE.export, EXPORT_JOB.build)
  async build(job: Job<ExportJobPayload>): Promise<Record<string, number> | 'skipped' | 'paused'> {
    const e = await this.repo.find(job.data.exportId);
    if (!e || !['queued', 'running'].includes(e.state)) return 'skipped';
    if (await orgIsSuspended(this.db, e.orgId)) {
      // Not built while the org is suspended: back to `queued` with a sentence; resumed on unsuspend.
      await this.repo.move(e.id, ['queued', 'running'], { state: 'queued', progress: 0, error: PAUSED_WHILE_SUSPENDED });
      return 'paused';
    }
    const started = Date.now();
    const people = await this.exports.approvedPeople(e.orgId, e.filter);
    await this.repo.move(e.id, ['queued', 'running'], { state: 'running', progress: 0, people: people.length, employeeIds: people.map((p) => p.employeeId), error: null });
    const key = `org/${e.orgId}/export/${e.id}.zip`;
    const options = { orgName: await this.orgs.name(e.orgId), logoKey: await this.brand.logoKey(e.orgId), customFields: await this.customFields.definitions(e.orgId), renditions: e.renditions, naming: e.naming, includeEmail: e.includeEmail, generatedAt: new Date() };
    // Nothing awaited between opening the file and writeArchive, which listens for its errors at once.
    const file = await this.storage.openWrite(key);
    let lastWrite = 0;
    let result: Awaited<ReturnType<typeof writeArchive>>;
    try {
      result = await writeArchive(file.stream, people, options, (k, entryName) => this.openSource(k, entryName), async (done, total) => {
        if (Date.now() - lastWrite < PROGRESS_EVERY_MS && done < total) return;
        lastWrite = Date.now();
        // Just under 1 until the file is complete and recorded.
        await this.repo.move(e.id, 'running', { progress: Math.min(0.99, done / Math.max(1, total)) });
        await job.updateProgress(Math.round((done / Math.max(1, total)) * 100));
      });
      await file.commit();
    } catch (err) {
      await file.abort();
      throw err;
    }
    const size = (await this.storage.size(key)) ?? 0;
    const hours = (await this.orgs.retention(e.orgId)).exportExpiryHours;
    const moved = await this.repo.move(e.id, 'running', { state: 'done', progress: 1, fileKey: key, size: String(size), expiresAt: new Date(Date.now() + hours * HOUR_MS) });
    if (!moved) {
      await this.storage.delete(key);
      return 'skipped';
    }
    const ms = Date.now() - started;
    await this.audit.record({ orgId: e.orgId, actorUserId: null, action: 'export.completed', subjectType: 'export', subjectId: e.id, details: { people: people.length, entries: result.entries, size, ms } });
    this.logger.log({ exportId: e.id, people: people.length, size, ms }, 'export built');
    return { people: people.length, entries: result.entries, size, ms };
  }

  private openSource(key: string, entryName: string) {
    return this.storage.openStream(key).catch((e: unknown) => {
      throw e instanceof DomainError && e.code === 'NOT_FOUND' ? new ExportFileMissing(entryName) : e;
    });
  }

  @ParksJob(QUEUE.export, EXPORT_JOB.build)
  async park(job: Job<ExportJobPayload>, _reason: string, err: Error): Promise<void> {
    // Other exception texts name internals: they go to the log, the user gets a sentence. A missing file's
    // message is itself a sentence naming the export entry (never a storage path).
    const error = err instanceof ExportFileMissing ? err.message : EXPORT_FAILED_MESSAGE;
    if (!(await this.repo.move(job.data.exportId, ['queued', 'running'], { state: 'failed', error }))) return;
    const e = await this.repo.find(job.data.exportId);
    if (e) await this.audit.record({ orgId: e.orgId, actorUserId: null, action: 'export.failed', subjectType: 'export', subjectId: e.id, details: { jobId: job.id } });
    this.logger.warn({ exportId: job.data.exportId, jobId: job.id, err }, 'export failed');
  }
}
