import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { inviteEmployee, uploadPhoto } from './support/invite-link';
import { sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, REDIS_URL, specEnv, type TestDatabase, uniquePrefix } from './support/test-env';

const OWNER = { email: 'hr@drain.test', password: 'drain passphrase 1' };

// SIGTERM to a worker in the middle of a headshot: it takes no new job, finishes the one it runs, closes
// and exits 0; the job completes once, in that worker, and the worker started afterwards never runs it.
async function waitForHeadshotState(dbUrl: string, state: string, n: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while ((await sql(dbUrl, `SELECT 1 FROM headshot WHERE state = $1`, [state])).length < n) {
    if (Date.now() > deadline) throw new Error(`fewer than ${n} headshots reached ${state}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('a worker stopped with SIGTERM drains', () => {
  let db: TestDatabase;
  let smtp: TestSmtp;
  let api: RunningApi;
  const workers: RunningApi[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    env = {
      ...specEnv(db, smtp.url, OWNER),
      QUEUE_PREFIX: uniquePrefix(),
      TEAMFRAME_SECRET: 'drain-secret-drain-secret-drain-secret-0',
      SHUTDOWN_TIMEOUT_SECONDS: '120',
    };
    api = await startApi({ ...env, TEAMFRAME_ROLE: 'api' });
  }, 120_000);
  afterAll(async () => {
    for (const w of workers) await w.stop();
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  it('finishes the running headshot in the stopping worker, exactly once', async () => {
    const hr = new HttpClient(api.baseUrl);
    await hr.signIn(OWNER.email, OWNER.password);
    const healthPort = await freePort();
    const health = (p: string) => fetch(`http://127.0.0.1:${healthPort}${p}`).then(async (r) => ({ status: r.status, json: await r.json() }));
    const first = await startApi({ ...env, TEAMFRAME_ROLE: 'worker', LOG_LEVEL: 'info', WORKER_HEALTH_PORT: String(healthPort) }, { waitFor: /Teamframe worker started/ });
    workers.push(first);
    // The worker's own health listener: ready with every queue processor running.
    const ready = await health('/health');
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ status: 'ok', role: 'worker', draining: false, database: { status: 'up' }, redis: { status: 'up' } });
    expect(ready.json.queues.map((q: { name: string }) => q.name).sort()).toEqual(['directory', 'export', 'headshot', 'interactive', 'mail', 'maintenance', 'webhook']);
    const upload = async (email: string, photo: string) => {
      const { token } = await inviteEmployee(hr, smtp, email, 'Sam', 'Drain');
      const c = new HttpClient(api.baseUrl);
      await c.get(`/api/invite/${token}`);
      await c.post(`/api/invite/${token}/consent`);
      expect((await uploadPhoto(api.baseUrl, token, photo, 'me.jpg', c)).status).toBe(201);
    };
    // A first headshot warms the worker's pipeline, so the second is stopped mid-render, not mid-load.
    await upload('warm@drain.test', 'portraits/biden-official.jpg');
    await waitForHeadshotState(db.url, 'in_review', 1);
    await upload('sam@drain.test', 'portraits/obama-official.jpg');

    const deadline = Date.now() + 60_000;
    while ((await sql(db.url, `SELECT 1 FROM headshot WHERE state = 'processing'`)).length === 0) {
      if (Date.now() > deadline) throw new Error('no headshot started processing');
      await new Promise((r) => setTimeout(r, 50));
    }
    const exited = new Promise<number | null>((resolve) => first.proc.once('exit', (code) => resolve(code)));
    first.proc.kill('SIGTERM');
    // While it drains: no longer ready (an orchestrator sends it nothing new), still alive (not killed).
    let draining = await health('/health');
    while (draining.status === 200) draining = await health('/health');
    expect(draining).toMatchObject({ status: 503, json: { draining: true } });
    expect(await health('/live')).toEqual({ status: 200, json: { status: 'ok', draining: true } });
    const code = await exited;
    const stoppedAt = Date.now();

    expect(code).toBe(0);
    expect(first.output()).toMatch(/"msg":"drained"/);
    // Done before the process ended: rendered, in review, its job completed on the first attempt.
    expect(await sql(db.url, `SELECT 1 FROM headshot WHERE state <> 'in_review'`)).toHaveLength(0);
    const queue = new Queue('headshot', { connection: { url: REDIS_URL }, prefix: env.QUEUE_PREFIX });
    try {
      const jobs = await queue.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed', 'wait']);
      expect(jobs).toHaveLength(2);
      const job = jobs.sort((a, b) => b.timestamp - a.timestamp)[0];
      expect(await job.getState()).toBe('completed');
      expect(job.finishedOn).toBeLessThanOrEqual(stoppedAt);
      expect(job.attemptsStarted).toBe(1);

      // A worker started afterwards finds nothing to redo.
      const second = await startApi({ ...env, TEAMFRAME_ROLE: 'worker' }, { waitFor: /Teamframe worker started/ });
      workers.push(second);
      await new Promise((r) => setTimeout(r, 3_000));
      const again = await queue.getJob(job.id!);
      expect(again!.attemptsStarted).toBe(1);
      expect(await sql(db.url, `SELECT 1 FROM audit_event WHERE action = 'headshot.processed'`)).toHaveLength(2);
    } finally {
      await queue.close();
    }
  }, 240_000);
});
