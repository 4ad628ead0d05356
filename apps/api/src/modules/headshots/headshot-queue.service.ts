import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { HEADSHOT_JOB, type HeadshotJobPayload, QUEUE } from '@teamframe/shared-types';
import type { Queue } from 'bullmq';
import type { Headshot } from './entities/headshot.entity';
import { HeadshotsRepository } from './headshots.repository';

const REDIS_TIMEOUT_MS = 5_000;

function withTimeout<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

/** Puts headshots on the `headshot` queue: ids only, deterministic job ids, state `queued` first. */
@Injectable()
export class HeadshotQueueService {
  constructor(
    @InjectQueue(QUEUE.headshot) private readonly queue: Queue<HeadshotJobPayload>,
    private readonly repo: HeadshotsRepository,
  ) {}

  /** `<upload>-<style version>` (plus `-v<n>` for HR's regenerations, `-retry<n>` for retries). */
  static jobId(h: Pick<Headshot, 'uploadId' | 'styleVersionId' | 'variant'>, attempt = 0): string {
    const base = `${h.uploadId}-${h.styleVersionId}${h.variant ? `-v${h.variant}` : ''}`;
    return attempt ? `${base}-retry${attempt}` : base;
  }

  /**
   * Adds the jobs. Only after the rows say `queued` are committed: a worker that picks a job up at
   * once must see that state. If Redis is down here the rows stay `queued` and the maintenance
   * sweep adds them later.
   */
  async addJobs(headshots: Headshot[], opts: { priority?: number; attempt?: number } = {}): Promise<void> {
    // With Redis away, BullMQ would hold the command until Redis returns (the request waiting for the
    // time-out below) and then send it, perhaps after the sweep re-added the job under its own id, so
    // the job would run twice: refuse at once and leave it to the sweep. The message reads as a 503.
    const client = await this.queue.getBackend().connection.client;
    if (client.status !== 'ready') throw new Error(`Redis did not answer: the connection is ${client.status}`);
    const priority = opts.priority ? { priority: opts.priority } : {};
    for (let i = 0; i < headshots.length; i += 500) {
      // BullMQ waits for Redis forever; a request must not. The rows are `queued` already, so on a
      // time-out the sweep adds whatever did not get through (a late duplicate is skipped by the worker).
      await withTimeout(REDIS_TIMEOUT_MS, this.queue.addBulk(
        headshots.slice(i, i + 500).map((h) => ({
          name: HEADSHOT_JOB.render,
          data: { headshotId: h.id },
          opts: { jobId: HeadshotQueueService.jobId(h, opts.attempt), ...priority },
        })),
      ));
    }
  }

  /**
   * Re-adds jobs for headshots that say `queued` but have no live job: queued while Redis was down,
   * or lost with Redis' data. Such a headshot gets a job under a second fixed id (`…-sweep`); a
   * finished job under that id is removed first, since BullMQ treats a known id as a duplicate.
   */
  async requeueStranded(olderThanMs = 120_000, orgId?: string): Promise<number> {
    const stale = await this.repo.stranded(olderThanMs, orgId);
    let requeued = 0;
    for (const h of stale) {
      const base = HeadshotQueueService.jobId(h);
      const jobs = await Promise.all([base, `${base}-sweep`].map((id) => this.queue.getJob(id)));
      const states = await Promise.all(jobs.map((j) => j?.getState()));
      if (states.some((s) => s && !['completed', 'failed', 'unknown'].includes(s))) continue;
      await jobs[1]?.remove();
      await this.queue.add(HEADSHOT_JOB.render, { headshotId: h.id }, { jobId: `${base}-sweep` });
      await this.repo.touchQueued(h.id);
      requeued++;
    }
    return requeued;
  }
}
