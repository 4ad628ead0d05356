import type { Job, Queue, QueueEvents } from 'bullmq';

const POLL_MS = 250;

/**
 * A job's return value, or its failure as an Error with the job's reason; rejects after `ttlMs`.
 *
 * BullMQ's own `job.waitUntilFinished` is not enough on its own: QueueEvents reports only what happens
 * after its first read of the event stream, and `waitUntilFinished` looks at the job's state once, when
 * the connection is ready — which can be before that first read. A job finishing in between (a fast job
 * on an idle worker, a loaded machine) is never reported and the caller waits out its whole timeout. So
 * the job's state in Redis is also read every POLL_MS; whichever sees the end first answers.
 */
export async function waitForJob<T = unknown>(queue: Queue, job: Job, events: QueueEvents, ttlMs: number): Promise<T> {
  let settled = false;
  const viaEvents = job.waitUntilFinished(events, ttlMs) as Promise<T>;
  const viaState = (async (): Promise<T> => {
    const deadline = Date.now() + ttlMs;
    while (!settled && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      if (settled) break;
      const state = await job.getState();
      if (state === 'completed' || state === 'failed') {
        const now = await queue.getJob(job.id!);
        if (state === 'failed') throw new Error(now?.failedReason || `Job ${job.name} (id=${job.id}) failed`);
        return now?.returnvalue as T;
      }
    }
    // Only the events' own timeout (or their answer) settles the call from here on.
    return new Promise<T>(() => undefined);
  })();
  try {
    return await Promise.race([viaEvents, viaState]);
  } finally {
    settled = true;
    // The loser must not surface as an unhandled rejection.
    viaEvents.catch(() => undefined);
    viaState.catch(() => undefined);
  }
}
