import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, specEnv, type TestDatabase } from './support/test-env';

const OWNER = { email: 'hr@worker-cold-start.test', password: 'worker cold start owner passphrase' };

// Issue 16: a worker process loaded its models only when its first job arrived, after the whole app
// had booted, so the first headshot waited for both in turn (15–23 s). Now its pixel threads start
// with the process, overlap the app's boot, and are warm before any selfie is queued.
describe('a worker process loads its pixel threads while it boots, before any job', () => {
  let db: TestDatabase;
  let smtp: TestSmtp;
  let worker: RunningApi;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
  }, 60_000);
  afterAll(async () => {
    await worker?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  it('has a ready engine with no job queued, and stops cleanly', async () => {
    worker = await startApi({ ...specEnv(db, smtp.url, OWNER), TEAMFRAME_ROLE: 'worker', PIPELINE_THREADS: '1', LOG_LEVEL: 'info' }, { waitFor: /Teamframe worker started/, timeoutMs: 120_000 });
    const deadline = Date.now() + 90_000;
    while (!/headshot engine ready \(started with the process\)/.test(worker.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(worker.output()).toMatch(/"threads":1[,}].*headshot engine ready \(started with the process\)/);
    await worker.stop();
    expect(worker.proc.exitCode).toBe(0);
  }, 180_000);
});
