import { Queue, QueueEvents, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForJob } from '../src/core/queue/job-result';
import { REDIS_URL, uniquePrefix } from './support/test-env';

/**
 * waitForJob answers even when the queue's event stream never reports the job's end — what happens to
 * BullMQ's own waitUntilFinished when the job ends before QueueEvents' first read of the stream. Here the
 * events object is never started (autorun off), which makes that miss certain instead of a race.
 */
describe('waitForJob', () => {
  const prefix = uniquePrefix();
  const connection = { url: REDIS_URL };
  let queue: Queue;
  let deaf: QueueEvents;
  let worker: Worker;

  beforeAll(async () => {
    queue = new Queue('job-result', { connection, prefix });
    deaf = new QueueEvents('job-result', { connection, prefix, autorun: false });
    await deaf.waitUntilReady();
    worker = new Worker(
      'job-result',
      async (job) => {
        if (job.name === 'fail') throw new Error('the reason HR reads');
        return { doubled: (job.data as { n: number }).n * 2 };
      },
      { connection, prefix, autorun: false },
    );
  });
  afterAll(async () => {
    await worker?.close();
    await deaf?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
  });

  it('returns the value of a job that finished without a word from the event stream', async () => {
    const job = await queue.add('double', { n: 21 });
    const waiting = waitForJob<{ doubled: number }>(queue, job, deaf, 20_000);
    void worker.run();
    expect(await waiting).toEqual({ doubled: 42 });
  });

  it('rejects with the failure reason of such a job', async () => {
    const job = await queue.add('fail', {}, { attempts: 1 });
    await expect(waitForJob(queue, job, deaf, 20_000)).rejects.toThrow('the reason HR reads');
  });

  it('still gives up after its time', async () => {
    await worker.pause();
    const job = await queue.add('double', { n: 1 });
    await expect(waitForJob(queue, job, deaf, 1_000)).rejects.toThrow(/timed out/);
    worker.resume();
  });
});
