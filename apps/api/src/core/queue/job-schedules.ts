import type { LoggerService } from '@nestjs/common';
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
