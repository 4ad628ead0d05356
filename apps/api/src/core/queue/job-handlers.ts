import { SetMetadata } from '@nestjs/common';
import { JOBS, type QueueName, type ScheduledJobPayload } from '@teamframe/shared-types';
import { type Job, UnrecoverableError } from 'bullmq';

export const RUNS_JOB = 'teamframe:runs-job';
export const PARKS_JOB = 'teamframe:parks-job';

export interface JobDeclaration {
  queue: QueueName;
  names: readonly string[];
}

/**
 * Declares the method that runs jobs `names` of `queue`: it is called with the BullMQ job and its return
 * value is the job's result. Worker processes find these declarations at start (JobRegistry); a job name
 * with no handler, or with two, stops the process before it takes a job.
 */
export const RunsJob = (queue: QueueName, ...names: string[]): MethodDecorator => SetMetadata<string, JobDeclaration>(RUNS_JOB, { queue, names });

/**
 * Declares the method that records a job's final failure (its last attempt failed, or it failed for
 * good): called with the job and the sentence to show. At most one per job name.
 */
export const ParksJob = (queue: QueueName, ...names: string[]): MethodDecorator => SetMetadata<string, JobDeclaration>(PARKS_JOB, { queue, names });

/** A declaration found on a provider, named for messages: `Class.method`. */
export interface FoundDeclaration extends JobDeclaration {
  where: string;
}

/**
 * Problems with the declared handlers, as sentences; none means every job name of every queue this
 * process works on has exactly one runner, and every declaration names a real job.
 * A queue with no runner at all is not checked: the `api` role runs no queue.
 */
export function declarationProblems(runners: readonly FoundDeclaration[], parkers: readonly FoundDeclaration[], jobs: typeof JOBS = JOBS): string[] {
  const problems: string[] = [];
  const queues = new Set(runners.map((r) => r.queue));
  for (const [kind, found] of [['runs', runners], ['parks', parkers]] as const) {
    const seen = new Map<string, string>();
    for (const d of found) {
      for (const name of d.names) {
        if (!Object.values(jobs[d.queue] ?? {}).includes(name)) problems.push(`${d.where} ${kind} job "${name}", which queue "${d.queue}" does not declare`);
        const key = `${d.queue}/${name}`;
        const earlier = seen.get(key);
        if (earlier) problems.push(`job "${name}" on queue "${d.queue}" has two methods that ${kind === 'runs' ? 'run' : 'park'} it: ${earlier} and ${d.where}`);
        seen.set(key, d.where);
      }
    }
    if (kind === 'runs') {
      for (const queue of queues) {
        for (const name of Object.values(jobs[queue])) if (!seen.has(`${queue}/${name}`)) problems.push(`job "${name}" on queue "${queue}" has no method that runs it`);
      }
    }
  }
  return problems;
}

/**
 * Whether a failure is the job's last: it was marked unrecoverable, or it used its last attempt.
 * One decision for every queue, so "parked" means the same everywhere.
 */
export function isFinalFailure(job: Job, err: Error): boolean {
  return isUnrecoverable(err) || job.attemptsMade >= (job.opts.attempts ?? 1);
}

/** BullMQ marks a failure final by class; across module copies the name is what survives. */
export function isUnrecoverable(err: Error): boolean {
  return err instanceof UnrecoverableError || err.name === 'UnrecoverableError';
}

/** Inside an attempt: whether a retryable error thrown now would be the job's last try (so handle it instead). */
export function isLastAttempt(job: Job, attempts: number): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? attempts);
}

/** The job's clock: `data.now` when given and valid, else the wall clock. */
export function jobClock(job: Job<ScheduledJobPayload>): Date {
  const t = job.data?.now ? new Date(job.data.now) : new Date();
  return Number.isNaN(t.getTime()) ? new Date() : t;
}
