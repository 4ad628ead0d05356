import { Queue, QueueEvents, Worker } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { drainWorkers } from './queue-workers';

const connection = { url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' };

/** A real queue and worker on the machine's Redis, whose one job holds until `release` is called. */
async function busyWorker(prefix: string) {
  const queue = new Queue('drain', { connection, prefix });
  const events = new QueueEvents('drain', { connection, prefix });
  await events.waitUntilReady();
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let started!: () => void;
  const running = new Promise<void>((r) => (started = r));
  const runs: string[] = [];
  const worker = new Worker(
    'drain',
    async (job) => {
      runs.push(job.id!);
      started();
      await held;
      return 'done';
    },
    { connection, prefix, lockDuration: 5_000 },
  );
  return { queue, events, worker, runs, release, running };
}

describe('drainWorkers', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  });

  it('lets the running job finish, takes no new one, and reports drained', async () => {
    const b = await busyWorker(`tfdrain_${Date.now()}_a`);
    cleanups.push(() => b.queue.obliterate({ force: true }), () => b.queue.close(), () => b.events.close(), () => b.worker.close(true));
    const first = await b.queue.add('x', {});
    await b.running;
    const draining = drainWorkers([b.worker], 30_000);
    const second = await b.queue.add('x', {});
    setTimeout(b.release, 300);
    const outcome = await draining;
    expect(outcome).toMatchObject({ drained: true, abandoned: 0 });
    expect(await (await b.queue.getJob(first.id!))!.getState()).toBe('completed');
    // The job added during the drain waits for another worker.
    expect(await (await b.queue.getJob(second.id!))!.getState()).toBe('waiting');
    expect(b.runs).toEqual([first.id]);
  });

  it('gives up at the bound and reports the job still running as abandoned', async () => {
    const b = await busyWorker(`tfdrain_${Date.now()}_b`);
    cleanups.push(() => b.queue.obliterate({ force: true }), () => b.queue.close(), () => b.events.close());
    await b.queue.add('x', {});
    await b.running;
    const outcome = await drainWorkers([b.worker], 200);
    expect(outcome).toMatchObject({ drained: false, abandoned: 1 });
    b.release();
    await b.worker.close();
  });
});
