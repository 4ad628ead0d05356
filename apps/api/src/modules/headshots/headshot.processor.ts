import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HEADSHOT_JOB, type HeadshotJobPayload, QUEUE } from '@teamframe/shared-types';
import { type Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import type { Generator } from '@teamframe/pipeline';
import { GENERATOR } from '../../core/pipeline/generator.token';
import { isUnrecoverable, ParksJob, RunsJob } from '../../core/queue/job-handlers';
import { StorageService } from '../../core/storage/storage.service';
import { AuditService } from '../audit/audit.service';
import { orgIsSuspended, PAUSED_WHILE_SUSPENDED } from '../orgs/suspended-work';
import { BatchNotifier } from '../notifications/batch-notifier.service';
import { applyAdjustments } from '../review/adjustments';
import { StylesService } from '../styles/styles.service';
import type { Headshot, StoredRendition } from './entities/headshot.entity';
import { HeadshotLifecycle } from './headshot-lifecycle';
import { HeadshotsRepository } from './headshots.repository';

/**
 * Runs the pipeline for one headshot. Idempotent: renditions go to keys fixed by the headshot id (a
 * re-run overwrites them), and the move to `in_review` is a conditional UPDATE that happens once.
 * A photo the pipeline refuses fails at once (no retries); anything else is retried with backoff and,
 * after the last attempt, parked as `failed` with a sentence HR can act on.
 */
@Injectable()
export class HeadshotProcessor {
  private readonly logger = new Logger(HeadshotProcessor.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: HeadshotsRepository,
    private readonly storage: StorageService,
    private readonly styles: StylesService,
    private readonly audit: AuditService,
    private readonly notifier: BatchNotifier,
    private readonly lifecycle: HeadshotLifecycle,
    @Inject(GENERATOR) private readonly generator: Generator,
  ) {}

  @RunsJob(QUEUE.headshot, HEADSHOT_JOB.render)
  async render(job: Job<HeadshotJobPayload>): Promise<'rendered' | 'skipped' | 'paused'> {
    const h = await this.repo.find(job.data.headshotId);
    if (!h) return 'skipped';
    if (await orgIsSuspended(this.db, h.orgId)) {
      // Not processed while the org is suspended: back to `queued` with a sentence; resumed on unsuspend.
      return (await this.lifecycle.pause(h, PAUSED_WHILE_SUSPENDED)) ? 'paused' : 'skipped';
    }
    if (!(await this.lifecycle.startProcessing(h))) return 'skipped';

    const upload = await this.repo.upload(h.orgId, h.uploadId);
    const style = applyAdjustments(await this.styles.document(h.orgId, h.styleVersionId), h.adjustments);
    const original = await this.storage.read(upload.originalKey);
    const background = style.background.type === 'image' ? await this.storage.read(style.background.ref) : undefined;
    const out = await this.generator.render(original, style, background);
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
      if (!(await this.lifecycle.finishProcessing(m, h, { renditions, report: out.report as Headshot['report'], qualityScore: out.qualityScore }))) return false;
      await this.audit.record({ orgId: h.orgId, actorUserId: null, action: 'headshot.processed', subjectType: 'headshot', subjectId: h.id, details: { employeeId: h.employeeId, quality: out.qualityScore } }, m);
      return true;
    });
    if (!moved) return 'skipped';
    // After the commit, so the batch's last headshot is seen as finished.
    await this.notifier.headshotFinished({ ...h, state: 'in_review' });
    return 'rendered';
  }

  @ParksJob(QUEUE.headshot, HEADSHOT_JOB.render)
  async park(job: Job<HeadshotJobPayload>, reason: string, err: Error): Promise<void> {
    // A refused photo's sentence is for HR as it is; anything else gets what HR can do about it.
    const sentence = isUnrecoverable(err) ? reason : `${reason} Retry it from the batch page; if it fails again, ask the employee for a new selfie.`;
    const h = await this.repo.find(job.data.headshotId);
    if (!h || !(await this.lifecycle.park(h, sentence))) return;
    await this.audit.record({ orgId: h.orgId, actorUserId: null, action: 'headshot.failed', subjectType: 'headshot', subjectId: h.id, details: { reason: sentence } });
    this.logger.warn({ headshotId: h.id, reason: sentence }, 'headshot failed');
    await this.notifier.headshotFinished({ ...h, state: 'failed' });
  }
}
