import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ApplyStyleCountDto, BatchProgressDto, HeadshotStateName, StartBatchRequest } from '@teamframe/shared-types';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { AuditService } from '../audit/audit.service';
import { StylesService } from '../styles/styles.service';
import { HeadshotLifecycle } from './headshot-lifecycle';
import { HeadshotQueueService } from './headshot-queue.service';
import { HeadshotsRepository } from './headshots.repository';

const UNFINISHED: HeadshotStateName[] = ['waiting', 'queued', 'processing'];
const FINISHED: HeadshotStateName[] = ['in_review', 'failed', 'approved', 'rejected'];

@Injectable()
export class BatchesService {
  private readonly logger = new Logger(BatchesService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: HeadshotsRepository,
    private readonly styles: StylesService,
    private readonly queue: HeadshotQueueService,
    private readonly audit: AuditService,
    private readonly lifecycle: HeadshotLifecycle,
  ) {}

  /**
   * Starts a batch over the selfies waiting for processing (all, or those of the given employees),
   * pinned to the org's current style version: editing the style later does not change it.
   */
  async start(auth: AuthContext, req: StartBatchRequest): Promise<BatchProgressDto> {
    const { batch, waiting } = await this.db.transaction(async (m) => {
      const style = await this.styles.current(auth.orgId, m);
      const waiting = await this.repo.waiting(m, auth.orgId, req.employeeIds);
      if (waiting.length === 0) throw new DomainError('CONFLICT', 'No selfies are waiting for processing.');
      const batch = await this.repo.insertBatch(m, { orgId: auth.orgId, styleVersionId: style.id, createdBy: auth.userId, total: waiting.length });
      // Waiting headshots have not started, so re-pinning them to the batch's style is safe.
      const queued = await this.lifecycle.queueForBatch(m, auth.orgId, waiting, { id: batch.id, styleVersionId: style.id });
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'batch.started', subjectType: 'batch', subjectId: batch.id, details: { total: waiting.length, styleVersionId: style.id } }, m);
      return { batch, waiting: queued };
    });
    // Large batches get a priority so single re-renders and on-arrival selfies do not wait behind them.
    // If Redis is away the headshots stay `queued` and the maintenance sweep adds them when it is back.
    await this.queue.addJobs(waiting, { priority: waiting.length > 20 ? 10 : undefined }).catch((e: Error) => this.logger.warn({ err: e, batchId: batch.id }, 'batch queued in the database; jobs will be added by the sweep'));
    return this.progress(auth, batch.id);
  }

  /**
   * "Apply to existing": renders again, with the current style, the latest headshot of everyone
   * whose headshot is in the given states and not already on that style, as a normal batch pinned
   * to it. A dry run only counts. People whose selfie was deleted after approval cannot be redone.
   */
  async applyCurrentStyle(auth: AuthContext, states: ('approved' | 'in_review')[], dryRun: boolean): Promise<ApplyStyleCountDto | BatchProgressDto> {
    const style = await this.styles.current(auth.orgId);
    const rows = await this.repo.restyleCandidates(auth.orgId, states, style.id);
    const redo = rows.filter((r) => r.has_selfie);
    if (dryRun) return { affected: redo.length, withoutSelfie: rows.length - redo.length };
    if (redo.length === 0) throw new DomainError('CONFLICT', 'Nobody in those states needs re-rendering with the current style.');
    const { batch, created } = await this.db.transaction(async (m) => {
      const batch = await this.repo.insertBatch(m, { orgId: auth.orgId, styleVersionId: style.id, createdBy: auth.userId, total: redo.length });
      // An upload may have met this style before (a restored version): its versions count on.
      const created = await this.lifecycle.addVersions(m, redo.map((r) => ({ orgId: auth.orgId, employeeId: r.employee_id, uploadId: r.upload_id, styleVersionId: style.id, batchId: batch.id })), { employeesProcessing: false });
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'style.applied_to_existing', subjectType: 'batch', subjectId: batch.id, details: { total: redo.length, states, styleVersionId: style.id } }, m);
      return { batch, created };
    });
    await this.queue.addJobs(created, { priority: created.length > 20 ? 10 : undefined }).catch((e: Error) => this.logger.warn({ err: e, batchId: batch.id }, 'jobs will be added by the sweep'));
    return this.progress(auth, batch.id);
  }

  async list(auth: AuthContext): Promise<BatchProgressDto[]> {
    const batches = await this.repo.latestBatches(auth.orgId);
    return Promise.all(batches.map((b) => this.progress(auth, b.id)));
  }

  async progress(auth: AuthContext, batchId: string): Promise<BatchProgressDto> {
    const batch = await this.repo.batch(auth.orgId, batchId);
    if (!batch) throw new DomainError('NOT_FOUND', 'No such batch in your organisation.');
    const rows = await this.repo.batchStates(auth.orgId, batchId);
    const counts = Object.fromEntries(rows.map((r) => [r.state, r.n])) as BatchProgressDto['counts'];
    const finished = FINISHED.reduce((s, k) => s + (counts[k] ?? 0), 0);
    const unfinished = UNFINISHED.reduce((s, k) => s + (counts[k] ?? 0), 0);
    const elapsed = (Date.now() - batch.createdAt.getTime()) / 1000;
    const failures = await this.repo.batchFailures(auth.orgId, batchId);
    return {
      id: batch.id,
      styleVersionId: batch.styleVersionId,
      total: batch.total,
      counts,
      done: unfinished === 0,
      etaSeconds: finished > 0 && unfinished > 0 ? Math.round((elapsed / finished) * unfinished) : unfinished === 0 ? 0 : null,
      createdAt: batch.createdAt.toISOString(),
      failures: failures.map((f) => ({ headshotId: f.headshot_id, employeeId: f.employee_id, name: f.name, reason: f.reason })),
    };
  }

  /** HR retries a failed headshot: a fresh job (its own id, so the failed one in Redis does not block it). */
  async retry(auth: AuthContext, headshotId: string): Promise<void> {
    const { h, attempt } = await this.db.transaction(async (m) => {
      const h = await this.repo.find(headshotId, auth.orgId, m);
      if (!h) throw new DomainError('NOT_FOUND', 'No such headshot in your organisation.');
      if (!(await this.lifecycle.retry(m, h))) throw new DomainError('CONFLICT', 'Only a failed headshot can be retried.');
      const attempt = (await this.repo.retries(m, auth.orgId, h.id)) + 1;
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'headshot.retried', subjectType: 'headshot', subjectId: h.id }, m);
      return { h, attempt };
    });
    await this.queue.addJobs([h], { attempt }).catch((e: Error) => this.logger.warn({ err: e, headshotId: h.id }, 'retry queued in the database; the sweep adds the job'));
  }
}
