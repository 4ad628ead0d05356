import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { QueueName } from '@teamframe/shared-types';
import { type Job, UnrecoverableError } from 'bullmq';
import { declarationProblems, type FoundDeclaration, isFinalFailure, isUnrecoverable, type JobDeclaration, PARKS_JOB, RUNS_JOB } from './job-handlers';

type Runner = (job: Job) => Promise<unknown>;
type Parker = (job: Job, reason: string, err: Error) => Promise<void>;

/**
 * The job handlers of this process, found by their @RunsJob / @ParksJob declarations. Checked once at
 * start: a worker whose handlers do not cover its queues' job names exactly does not start.
 */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly logger = new Logger(JobRegistry.name);
  private readonly runners = new Map<string, Runner>();
  private readonly parkers = new Map<string, Parker>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const runs: (FoundDeclaration & { fn: Runner })[] = [];
    const parks: (FoundDeclaration & { fn: Parker })[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = instance[method] as (...args: unknown[]) => Promise<unknown>;
        const where = `${instance.constructor.name}.${method}`;
        const run = this.reflector.get<JobDeclaration | undefined>(RUNS_JOB, fn);
        if (run) runs.push({ ...run, where, fn: fn.bind(instance) as Runner });
        const park = this.reflector.get<JobDeclaration | undefined>(PARKS_JOB, fn);
        if (park) parks.push({ ...park, where, fn: fn.bind(instance) as Parker });
      }
    }
    const problems = declarationProblems(runs, parks);
    // One line: the start-up error is printed as a single line.
    if (problems.length) throw new Error(`job handlers do not match the declared jobs: ${problems.join('; ')}`);
    for (const d of runs) for (const name of d.names) this.runners.set(`${d.queue}/${name}`, d.fn);
    for (const d of parks) for (const name of d.names) this.parkers.set(`${d.queue}/${name}`, d.fn);
  }

  /** Runs a job; a name no handler declares (queued by another version) fails for good instead of retrying. */
  run(queue: QueueName, job: Job): Promise<unknown> {
    const runner = this.runners.get(`${queue}/${job.name}`);
    if (!runner) return Promise.reject(new UnrecoverableError(`No handler for job "${job.name}" on queue "${queue}" in this version; it was not retried.`));
    return runner(job);
  }

  /**
   * After a failed attempt: when it was the last, the job's parker records why, in a sentence. An
   * unrecoverable error's message is that sentence; other errors name internals, so the parker gets a
   * generic sentence with the attempt count and the error for its log.
   */
  async failed(queue: QueueName, job: Job, err: Error): Promise<void> {
    if (!isFinalFailure(job, err)) return;
    const parker = this.parkers.get(`${queue}/${job.name}`);
    if (!parker) return;
    const reason = isUnrecoverable(err) ? err.message : `Processing failed after ${job.attemptsMade} attempts (${err.message}).`;
    try {
      await parker(job, reason, err);
    } catch (e) {
      // The job stays failed in Redis; the row is retried by the stranded-job sweep or by hand.
      this.logger.error({ err: e, queue, job: job.name, jobId: job.id }, 'could not record a final job failure');
    }
  }
}
