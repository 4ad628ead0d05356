import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { HEADSHOT_JOB, type HeadshotJobPayload, QUEUE } from '@teamframe/shared-types';
import type { Queue } from 'bullmq';
import type { EntityManager } from 'typeorm';
import { Headshot } from './entities/headshot.entity';

/** Puts headshots on the `headshot` queue: ids only, deterministic job ids, state `queued` first. */
@Injectable()
export class HeadshotQueueService {
  constructor(@InjectQueue(QUEUE.headshot) private readonly queue: Queue<HeadshotJobPayload>) {}

  static jobId(h: Pick<Headshot, 'uploadId' | 'styleVersionId'>, attempt = 0): string {
    return attempt ? `${h.uploadId}-${h.styleVersionId}-retry${attempt}` : `${h.uploadId}-${h.styleVersionId}`;
  }

  /** Marks headshots queued, in the caller's transaction; call `addJobs` after it commits. */
  async markQueued(headshots: Headshot[], manager: EntityManager): Promise<void> {
    if (headshots.length === 0) return;
    await manager.getRepository(Headshot).update(
      headshots.map((h) => h.id),
      { state: 'queued', failureReason: null },
    );
  }

  /**
   * Adds the jobs. Only after the rows say `queued` are committed: a worker that picks a job up at
   * once must see that state. If Redis is down here the rows stay `queued` and the maintenance
   * sweep adds them later.
   */
  async addJobs(headshots: Headshot[], opts: { priority?: number; attempt?: number } = {}): Promise<void> {
    const priority = opts.priority ? { priority: opts.priority } : {};
    for (let i = 0; i < headshots.length; i += 500) {
      await this.queue.addBulk(
        headshots.slice(i, i + 500).map((h) => ({
          name: HEADSHOT_JOB.render,
          data: { headshotId: h.id },
          opts: { jobId: HeadshotQueueService.jobId(h, opts.attempt), ...priority },
        })),
      );
    }
  }
}
