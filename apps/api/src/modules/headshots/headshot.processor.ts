import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HEADSHOT_JOB, type HeadshotJobPayload, QUEUE } from '@teamframe/shared-types';
import { type Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { HEADSHOT_ENGINE, type HeadshotEngine } from '../../core/pipeline/headshot-engine';
import { workerOptions } from '../../core/queue/queue.module';
import { StorageService } from '../../core/storage/storage.service';
import { AuditService } from '../audit/audit.service';
import { Employee } from '../employees/entities/employee.entity';
import { Upload } from '../intake/entities/upload.entity';
import { BatchNotifier } from '../notifications/batch-notifier.service';
import { applyAdjustments } from '../review/adjustments';
import { StylesService } from '../styles/styles.service';
import { Headshot, type StoredRendition } from './entities/headshot.entity';

/**
 * Runs the pipeline for one headshot. Idempotent: renditions go to keys fixed by the headshot id (a
 * re-run overwrites them), and the move to `in_review` is a conditional UPDATE that happens once.
 * A photo the pipeline refuses fails at once (no retries); anything else is retried with backoff and,
 * after the last attempt, parked as `failed` with a sentence HR can act on.
 */
@Processor(QUEUE.headshot, workerOptions(QUEUE.headshot))
export class HeadshotProcessor extends WorkerHost {
  private readonly logger = new Logger(HeadshotProcessor.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly storage: StorageService,
    private readonly styles: StylesService,
    private readonly audit: AuditService,
    private readonly notifier: BatchNotifier,
    @Inject(HEADSHOT_ENGINE) private readonly engine: HeadshotEngine,
  ) {
    super();
  }

  async process(job: Job<HeadshotJobPayload>): Promise<'rendered' | 'skipped'> {
    if (job.name !== HEADSHOT_JOB.render) throw new UnrecoverableError(`unknown headshot job ${job.name}`);
    const repo = this.db.getRepository(Headshot);
    const h = await repo.findOneBy({ id: job.data.headshotId });
    if (!h || !['queued', 'processing'].includes(h.state)) return 'skipped';
    await repo.update({ id: h.id, state: 'queued' }, { state: 'processing' });
    await this.db.getRepository(Employee).update({ id: h.employeeId, orgId: h.orgId, status: 'uploaded' }, { status: 'processing' });

    const upload = await this.db.getRepository(Upload).findOneByOrFail({ id: h.uploadId, orgId: h.orgId });
    const style = applyAdjustments(await this.styles.document(h.orgId, h.styleVersionId), h.adjustments);
    const original = await this.storage.read(upload.originalKey);
    const background = style.background.type === 'image' ? await this.storage.read(style.background.ref) : undefined;
    const out = await this.engine.render(original, style, background);
    if (!out.ok) {
      throw new UnrecoverableError(out.checks.map((c) => c.sentence).join(' ') || 'The photo could not be turned into a headshot.');
    }
    const renditions: StoredRendition[] = [];
    for (const r of out.renditions) {
      const key = `org/${h.orgId}/employee/${h.employeeId}/headshot/${h.id}/${r.name.replace(/[^A-Za-z0-9_-]/g, '_')}.${r.extension}`;
      await this.storage.put(key, r.bytes);
      renditions.push({ name: r.name, key, format: r.format, mime: r.mime, width: r.width, height: r.height, bytes: r.bytes.length, colourSpace: r.colourSpace, dpi: r.dpi });
    }
    const moved = await this.db.transaction(async (m) => {
      const result = await m
        .createQueryBuilder()
        .update(Headshot)
        // TypeORM's deep-partial type cannot express an open JSON object; the column is jsonb.
        .set({ state: 'in_review', renditions, report: out.report as Headshot['report'] & object, qualityScore: out.qualityScore, failureReason: null })
        .where('id = :id AND state = :state', { id: h.id, state: 'processing' })
        .execute();
      if (!result.affected) return false;
      await m.getRepository(Employee).update({ id: h.employeeId, orgId: h.orgId }, { status: 'in_review' });
      await this.audit.record({ orgId: h.orgId, actorUserId: null, action: 'headshot.processed', subjectType: 'headshot', subjectId: h.id, details: { employeeId: h.employeeId, quality: out.qualityScore } }, m);
      return true;
    });
    if (!moved) return 'skipped';
    // After the commit, so the batch's last headshot is seen as finished.
    await this.notifier.headshotFinished({ ...h, state: 'in_review' });
    return 'rendered';
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<HeadshotJobPayload> | undefined, err: Error): Promise<void> {
    if (!job) return;
    const final = err instanceof UnrecoverableError || err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) return;
    const reason = err instanceof UnrecoverableError || err.name === 'UnrecoverableError' ? err.message : `Processing failed after ${job.attemptsMade} attempts (${err.message}). Retry it from the batch page; if it fails again, ask the employee for a new selfie.`;
    const h = await this.db.getRepository(Headshot).findOneBy({ id: job.data.headshotId });
    if (!h || !['queued', 'processing'].includes(h.state)) return;
    await this.db.getRepository(Headshot).update({ id: h.id }, { state: 'failed', failureReason: reason.slice(0, 1000) });
    await this.audit.record({ orgId: h.orgId, actorUserId: null, action: 'headshot.failed', subjectType: 'headshot', subjectId: h.id, details: { reason } });
    this.logger.warn({ headshotId: h.id, reason }, 'headshot failed');
    await this.notifier.headshotFinished({ ...h, state: 'failed' });
  }
}
