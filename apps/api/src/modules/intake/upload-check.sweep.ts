import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { INTERACTIVE_JOB, QUEUE, type UploadCheckJobPayload } from '@teamframe/shared-types';
import type { Queue } from 'bullmq';
import { IntakeRepository } from './intake.repository';
import { checkJobId } from './upload-check.queue';

/** How often each worker looks for checks whose job is gone, and how old a queued job must be to count as lost. */
export const SWEEP_EVERY_MS = 15_000;
export const LOST_AFTER_MS = 120_000;
/** A selfie whose check failed this many re-queues (say, it kills the worker) waits for an operator instead of killing more. */
export const MAX_REQUEUES = 5;

/**
 * Puts a pending upload check back on the queue when its job is gone: queued while Redis was down,
 * lost when Redis came back empty, or failed for good after a worker died twice during it. Runs in
 * every worker; a job still waiting or running is left alone, and BullMQ's job ids keep two workers
 * sweeping at once from adding it twice.
 */
@Injectable()
export class UploadCheckSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UploadCheckSweep.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly repo: IntakeRepository,
    @InjectQueue(QUEUE.interactive) private readonly queue: Queue<UploadCheckJobPayload>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), SWEEP_EVERY_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const requeued = await this.sweep();
      if (requeued) this.logger.log({ requeued }, 'upload checks queued again');
    } catch (e) {
      this.logger.warn({ err: (e as Error).message }, 'upload check sweep failed; retrying on the next tick');
    } finally {
      this.running = false;
    }
  }

  /** Re-queues the lost checks; returns how many. */
  async sweep(olderThanMs = LOST_AFTER_MS): Promise<number> {
    let requeued = 0;
    for (const c of await this.repo.staleChecks(olderThanMs, MAX_REQUEUES)) {
      const id = checkJobId(c.id);
      const job = await this.queue.getJob(id);
      const state = await job?.getState();
      if (state && !['completed', 'failed', 'unknown'].includes(state)) {
        await this.repo.touchCheck(c.id, false);
        continue;
      }
      // BullMQ treats a known id as a duplicate: a finished job under it goes first.
      await job?.remove();
      await this.queue.add(INTERACTIVE_JOB.uploadCheck, { checkId: c.id }, { jobId: id, removeOnComplete: { age: 300 } });
      await this.repo.touchCheck(c.id, true);
      requeued++;
    }
    return requeued;
  }
}
