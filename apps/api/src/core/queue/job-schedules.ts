import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, type LoggerService, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { JOB_SCHEDULES, type JobSchedule, type QueueName } from '@teamframe/shared-types';
import type { Queue } from 'bullmq';

/**
 * Upserts a queue's job schedulers now, and again each time its Redis connection comes back. The
 * schedules live in Redis: one that lost its data (no persistence, a failover to an empty replica)
 * would otherwise run no sweep, purge or reminder until a process restarts. An upsert is idempotent,
 * so every worker may do it on every reconnect.
 */
export async function keepSchedules(queue: Queue, upsert: () => Promise<unknown>, logger: LoggerService): Promise<void> {
  await upsert();
  // BullMQ's connection re-emits its client's 'ready', which ioredis emits after every reconnect.
  queue.getBackend().connection.on('ready', () => {
    upsert().catch((err: unknown) => logger.warn({ err, queue: queue.name }, 'could not restore the job schedules; the next reconnect tries again'));
  });
}

/** Keeps every row of JOB_SCHEDULES scheduled in Redis (worker processes only). */
@Injectable()
export class JobSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobSchedules.name);

  constructor(private readonly moduleRef: ModuleRef) {}

  async onApplicationBootstrap(): Promise<void> {
    const byQueue = new Map<QueueName, JobSchedule[]>();
    for (const s of JOB_SCHEDULES) byQueue.set(s.queue, [...(byQueue.get(s.queue) ?? []), s]);
    for (const [name, rows] of byQueue) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      await keepSchedules(queue, () => Promise.all(rows.map((r) => queue.upsertJobScheduler(r.job, r.repeat, { name: r.job }))), this.logger);
    }
  }
}
