import { Queue, QueueEvents } from 'bullmq';
import { REDIS_URL } from './test-env';
import { waitForJob } from '../../src/core/queue/job-result';

/**
 * Runs one maintenance job in the API's own worker and waits for its result. `now` is the
 * controllable clock: scheduled jobs read `job.data.now` (ISO time) in place of the wall clock, so a
 * test can ask "what would the scheduler do three months from now" without sleeping.
 */
export async function runMaintenanceJob<T = Record<string, number>>(prefix: string, name: string, now?: Date): Promise<T> {
  const queue = new Queue('maintenance', { connection: { url: REDIS_URL }, prefix });
  const events = new QueueEvents('maintenance', { connection: { url: REDIS_URL }, prefix });
  try {
    await events.waitUntilReady();
    const job = await queue.add(name, now ? { now: now.toISOString() } : {});
    return await waitForJob<T>(queue, job, events, 30_000);
  } finally {
    await events.close();
    await queue.close();
  }
}
