import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Worker } from 'bullmq';

export interface DrainOutcome {
  /** true when every running job finished within the bound. */
  drained: boolean;
  /** jobs still running when the bound ran out (their locks lapse and another worker retries them). */
  abandoned: number;
  ms: number;
}

/**
 * Stops every worker from fetching new jobs at once and waits, at most `timeoutMs`, for the jobs they
 * are running to finish. Meanwhile their locks are still renewed, so no other worker takes them over.
 */
export async function drainWorkers(workers: Worker[], timeoutMs: number): Promise<DrainOutcome> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  // close() without force: the worker stops fetching and resolves once its running jobs are done.
  const finished = Promise.all(workers.map((w) => w.close())).then(() => 'finished' as const);
  const result = await Promise.race([finished, bound]);
  clearTimeout(timer);
  // Past the bound BullMQ cannot force a close that is already waiting; the process exits anyway and
  // the abandoned jobs are retried elsewhere when their locks lapse: at least once, never lost.
  return { drained: result === 'finished', abandoned: result === 'finished' ? 0 : activeJobs(workers), ms: Date.now() - started };
}

/** Jobs the workers are processing right now (BullMQ's lock manager tracks them; no public counter). */
export function activeJobs(workers: Worker[]): number {
  return workers.reduce((n, w) => n + ((w as unknown as { lockManager?: { getActiveJobCount?: () => number } }).lockManager?.getActiveJobCount?.() ?? 0), 0);
}

/** The BullMQ workers of this process (one per @Processor), and their drain on shutdown. */
@Injectable()
export class QueueWorkers {
  private readonly logger = new Logger(QueueWorkers.name);
  private draining?: Promise<DrainOutcome>;

  constructor(private readonly discovery: DiscoveryService) {}

  all(): Worker[] {
    return this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .flatMap((host) => {
        try {
          return [host.worker];
        } catch {
          return []; // a processor whose worker has not started: nothing to drain
        }
      });
  }

  isDraining(): boolean {
    return this.draining !== undefined;
  }

  drain(timeoutMs: number): Promise<DrainOutcome> {
    this.draining ??= (async () => {
      const workers = this.all();
      this.logger.log({ workers: workers.length, activeJobs: activeJobs(workers), timeoutMs }, 'draining: taking no new jobs, waiting for running ones');
      const outcome = await drainWorkers(workers, timeoutMs);
      if (outcome.drained) this.logger.log(outcome, 'drained');
      else this.logger.warn(outcome, 'shutdown bound reached with jobs still running: another worker retries them when their locks lapse');
      return outcome;
    })();
    return this.draining;
  }
}
