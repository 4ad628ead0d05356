import { existsSync } from 'node:fs';
import path from 'node:path';
import { HEADSHOT_JOB, INTERACTIVE_JOB, QUEUE } from '@teamframe/shared-types';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { inviteEmployee, uploadPhoto } from './support/invite-link';
import { sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, REDIS_URL, REPO_ROOT, type TestDatabase, uniquePrefix } from './support/test-env';
import { waitForJob } from '../src/core/queue/job-result';

const OWNER = { email: 'hr@reliable.test', password: 'reliability passphrase' };
const PHOTOS = ['portraits/obama-official.jpg', 'portraits/biden-official.jpg', 'portraits/astronaut-collins.jpg', 'portraits/p16_maxre_face_paint.png', 'portraits/p09_max_luciano.png', 'hard/large-16mp.jpg'];

// A worker killed with SIGKILL in the middle of a batch: another worker picks the work up and every
// upload ends with exactly one headshot and one "processed" audit event.
describe('a worker killed mid-batch loses nothing', () => {
  let db: TestDatabase;
  let smtp: TestSmtp;
  let api: RunningApi;
  const workers: RunningApi[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    env = {
      DATABASE_URL: db.url,
      SMTP_URL: smtp.url,
      QUEUE_PREFIX: uniquePrefix(),
      STORAGE_DIR: `${REPO_ROOT}/var/test-storage-${db.name}`,
      TEAMFRAME_SECRET: 'reliability-secret-reliability-secret-0',
      TEAMFRAME_ADMIN_EMAIL: OWNER.email,
      TEAMFRAME_ADMIN_PASSWORD: OWNER.password,
    };
    // The API process runs no processors; separate worker processes do.
    api = await startApi({ ...env, TEAMFRAME_ROLE: 'api' });
  }, 120_000);
  afterAll(async () => {
    for (const w of workers) await w.stop();
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  it('finishes every headshot exactly once after kill -9 of the busy worker', async () => {
    const hr = new HttpClient(api.baseUrl);
    await hr.signIn(OWNER.email, OWNER.password);
    // Mail goes out from the worker queue too, so a first worker must run for the invites.
    workers.push(await startApi({ ...env, TEAMFRAME_ROLE: 'worker' }, { waitFor: /Teamframe worker started/ }));
    await hr.request('PUT', '/api/org/settings', { processingMode: 'batch' });
    for (let i = 0; i < PHOTOS.length; i++) {
      const { token } = await inviteEmployee(hr, smtp, `p${i}@reliable.test`, `P${i}`, 'Test');
      const c = new HttpClient(api.baseUrl);
      await c.get(`/api/invite/${token}`);
      await c.post(`/api/invite/${token}/consent`);
      const res = await uploadPhoto(api.baseUrl, token, PHOTOS[i], 'me.jpg', c);
      expect(res.status).toBe(201);
    }
    const batch = await hr.post('/api/batches', {});
    expect(batch.json.total).toBe(PHOTOS.length);

    // Kill the worker while it is in the middle of a headshot.
    const deadline = Date.now() + 60_000;
    while ((await sql(db.url, `SELECT 1 FROM headshot WHERE state = 'processing'`)).length === 0) {
      if (Date.now() > deadline) throw new Error('no headshot started processing');
      await new Promise((r) => setTimeout(r, 50));
    }
    workers[0].proc.kill('SIGKILL');
    await new Promise((r) => workers[0].proc.once('exit', r));
    workers.push(await startApi({ ...env, TEAMFRAME_ROLE: 'worker' }, { waitFor: /Teamframe worker started/ }));

    let progress = batch.json;
    const end = Date.now() + 150_000;
    while (!progress.done && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 1000));
      progress = (await hr.get(`/api/batches/${batch.json.id}`)).json;
    }
    expect(progress).toMatchObject({ done: true, counts: { in_review: PHOTOS.length }, failures: [] });
    const perUpload = await sql<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM headshot WHERE state = 'in_review' GROUP BY upload_id`);
    expect(perUpload.map((r) => r.n)).toEqual(PHOTOS.map(() => 1));
    const processed = await sql<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'headshot.processed' GROUP BY subject_id`);
    expect(processed.map((r) => r.n)).toEqual(PHOTOS.map(() => 1));
    console.log(`kill -9 mid-batch: ${PHOTOS.length} uploads, ${perUpload.length} headshots in review, ${processed.length} processed events`);
  }, 300_000);

  // The same job delivered twice at once (a lock that lapsed under a busy worker, or the sweep's copy
  // beside a late original): both run the pipeline, the result is written once.
  it('writes the result of a job delivered twice once', async () => {
    while (workers.filter((w) => w.proc.exitCode === null && w.proc.signalCode === null).length < 2) {
      workers.push(await startApi({ ...env, TEAMFRAME_ROLE: 'worker' }, { waitFor: /Teamframe worker started/ }));
    }
    const hr = new HttpClient(api.baseUrl);
    await hr.signIn(OWNER.email, OWNER.password);
    await hr.request('PUT', '/api/org/settings', { processingMode: 'batch' });
    const { token, employeeId } = await inviteEmployee(hr, smtp, 'twice@reliable.test', 'Twice', 'Test');
    const c = new HttpClient(api.baseUrl);
    await c.get(`/api/invite/${token}`);
    await c.post(`/api/invite/${token}/consent`);
    expect((await uploadPhoto(api.baseUrl, token, 'portraits/obama-official.jpg', 'me.jpg', c)).status).toBe(201);
    const batch = await hr.post('/api/batches', { employeeIds: [employeeId] });
    expect(batch.json.total).toBe(1);
    const [h] = await sql<{ id: string }>(db.url, `SELECT id FROM headshot WHERE employee_id = $1`, [employeeId]);

    const queue = new Queue(QUEUE.headshot, { connection: { url: REDIS_URL }, prefix: env.QUEUE_PREFIX });
    const events = new QueueEvents(QUEUE.headshot, { connection: { url: REDIS_URL }, prefix: env.QUEUE_PREFIX });
    try {
      await events.waitUntilReady();
      const deadline = Date.now() + 60_000;
      while ((await sql(db.url, `SELECT 1 FROM headshot WHERE id = $1 AND state = 'processing'`, [h.id])).length === 0) {
        if (Date.now() > deadline) throw new Error('the headshot did not start processing');
        await new Promise((r) => setTimeout(r, 50));
      }
      // The second delivery goes to the other, idle worker while the first renders.
      const second = await queue.add(HEADSHOT_JOB.render, { headshotId: h.id }, { jobId: `twice-${h.id}` });
      const first = (await queue.getJobs(['active', 'completed', 'waiting'])).find((j) => j.data.headshotId === h.id && j.id !== second.id)!;
      const results = await Promise.all([waitForJob<string>(queue, first, events, 120_000), waitForJob<string>(queue, second, events, 120_000)]);
      expect(results.sort()).toEqual(['rendered', 'skipped']);
    } finally {
      await events.close();
      await queue.close();
    }
    expect(await sql(db.url, `SELECT state FROM headshot WHERE employee_id = $1`, [employeeId])).toEqual([{ state: 'in_review' }]);
    expect(await sql(db.url, `SELECT action FROM audit_event WHERE action = 'headshot.processed' AND subject_id = $1`, [h.id])).toHaveLength(1);
  }, 300_000);

  // Issue 16: the `api` process has its uploads checked by the workers. Every worker dies (SIGKILL) in
  // the middle of a check: the employee is told the photo is kept, the photo is, and a new worker
  // checks it (BullMQ hands the stalled job on) and records it exactly once.
  it('loses no selfie when every worker is killed in the middle of its check', async () => {
    const alive = () => workers.filter((w) => w.proc.exitCode === null && w.proc.signalCode === null);
    if (alive().length === 0) workers.push(await startApi({ ...env, TEAMFRAME_ROLE: 'worker' }, { waitFor: /Teamframe worker started/ }));
    const hr = new HttpClient(api.baseUrl);
    await hr.signIn(OWNER.email, OWNER.password);
    await hr.request('PUT', '/api/org/settings', { processingMode: 'batch' });
    const { token, employeeId } = await inviteEmployee(hr, smtp, 'checked@reliable.test', 'Checked', 'Test');
    const c = new HttpClient(api.baseUrl);
    await c.get(`/api/invite/${token}`);
    await c.post(`/api/invite/${token}/consent`);

    const queue = new Queue(QUEUE.interactive, { connection: { url: REDIS_URL }, prefix: env.QUEUE_PREFIX });
    let answer: Awaited<ReturnType<typeof uploadPhoto>>;
    try {
      // The largest photo, for the longest check to kill the workers in.
      const answered = uploadPhoto(api.baseUrl, token, 'hard/large-16mp.jpg', 'me.jpg', c);
      const deadline = Date.now() + 60_000;
      while (!(await queue.getActive()).some((j) => j.name === INTERACTIVE_JOB.uploadCheck)) {
        if (Date.now() > deadline) throw new Error('no upload check started');
        await new Promise((r) => setTimeout(r, 20));
      }
      for (const w of alive()) {
        w.proc.kill('SIGKILL');
        await new Promise((r) => w.proc.once('exit', r));
      }
      answer = await answered;
    } finally {
      await queue.close();
    }
    expect(answer.status).toBe(202);
    expect(answer.json).toMatchObject({ status: 'checking', uploadId: null });
    const [owed] = await sql<{ incoming_key: string }>(db.url, `SELECT incoming_key FROM upload_check WHERE employee_id = $1`, [employeeId]);
    const file = path.join(env.STORAGE_DIR, owed.incoming_key);
    expect(existsSync(file)).toBe(true);

    workers.push(await startApi({ ...env, TEAMFRAME_ROLE: 'worker' }, { waitFor: /Teamframe worker started/ }));
    // The killed worker's lock lapses (the interactive queue's lock duration), then the new worker runs the check.
    const end = Date.now() + 180_000;
    while ((await sql(db.url, `SELECT 1 FROM upload WHERE employee_id = $1`, [employeeId])).length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 1000));
    expect(await sql(db.url, `SELECT 1 FROM upload WHERE employee_id = $1`, [employeeId])).toHaveLength(1);
    expect((await hr.get(`/api/employees/${employeeId}`)).json.status).toBe('uploaded');
    expect(await sql(db.url, `SELECT 1 FROM upload_check WHERE employee_id = $1`, [employeeId])).toHaveLength(0);
    expect(existsSync(file)).toBe(false);
    expect(await sql(db.url, `SELECT 1 FROM audit_event WHERE action = 'upload.accepted' AND subject_id = $1`, [employeeId])).toHaveLength(1);
  }, 300_000);
});
