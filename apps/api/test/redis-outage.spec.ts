import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RunningApi, startApi, stopProcess } from './support/api-process';
import { HttpClient } from './support/http-client';
import { inviteEmployee, uploadPhoto } from './support/invite-link';
import { sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from './support/test-env';

const OWNER = { email: 'hr@outage.test', password: 'outage owner passphrase' };
const PHOTOS = ['portraits/obama-official.jpg', 'portraits/biden-official.jpg', 'portraits/astronaut-collins.jpg', 'portraits/p09_max_luciano.png', 'portraits/p16_maxre_face_paint.png'];

/** A Redis of this test's own (append-only, like production), so it can be stopped and started. */
async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d) => /Ready to accept connections/.test((out += d)) && resolve());
    proc.once('exit', (c) => reject(new Error(`redis-server exited ${c}: ${out}`)));
  });
  return proc;
}

// Redis restarts in the middle of a batch: uploads during the outage get a clear 503, nothing already
// accepted is lost, and the batch completes once Redis is back.
describe('Redis restarting mid-batch', () => {
  let db: TestDatabase;
  let smtp: TestSmtp;
  let api: RunningApi;
  let worker: RunningApi;
  let redis: ChildProcess;
  let redisPort: number;
  const redisDir = mkdtempSync(path.join(tmpdir(), 'tf-redis-'));

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    redisPort = await freePort();
    redis = await startRedis(redisPort, redisDir);
    const env = { DATABASE_URL: db.url, SMTP_URL: smtp.url, REDIS_URL: `redis://127.0.0.1:${redisPort}`, QUEUE_PREFIX: 'outage', STORAGE_DIR: `${REPO_ROOT}/var/test-storage-${db.name}`, TEAMFRAME_SECRET: 'outage-secret-outage-secret-outage-0000', TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password };
    api = await startApi({ ...env, TEAMFRAME_ROLE: 'api' });
    worker = await startApi({ ...env, TEAMFRAME_ROLE: 'worker' }, { waitFor: /Teamframe worker started/ });
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await stopProcess(redis);
    await smtp?.stop();
    await db?.drop();
  });

  it('answers 503 during the outage and completes the batch after it', async () => {
    const hr = new HttpClient(api.baseUrl);
    await hr.signIn(OWNER.email, OWNER.password);
    await hr.request('PUT', '/api/org/settings', { processingMode: 'batch' });
    const links: { token: string; client: HttpClient }[] = [];
    for (let i = 0; i < PHOTOS.length + 1; i++) {
      const { token } = await inviteEmployee(hr, smtp, `e${i}@outage.test`);
      const client = new HttpClient(api.baseUrl);
      await client.get(`/api/invite/${token}`);
      await client.post(`/api/invite/${token}/consent`);
      links.push({ token, client });
    }
    for (let i = 0; i < PHOTOS.length; i++) expect((await uploadPhoto(api.baseUrl, links[i].token, PHOTOS[i], 'me.jpg', links[i].client)).status).toBe(201);
    const batch = (await hr.post('/api/batches', {})).json;
    expect(batch.total).toBe(PHOTOS.length);

    const deadline = Date.now() + 60_000;
    while ((await sql(db.url, `SELECT 1 FROM headshot WHERE state = 'in_review'`)).length === 0) {
      if (Date.now() > deadline) throw new Error('nothing finished before the outage');
      await new Promise((r) => setTimeout(r, 200));
    }
    await stopProcess(redis);

    const during = await uploadPhoto(api.baseUrl, links[PHOTOS.length].token, 'portraits/p03_tf_grace_hopper.jpg', 'me.jpg', links[PHOTOS.length].client);
    expect(during.status).toBe(503);
    expect(during.json.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect((await hr.get('/api/health')).json.redis.status).toBe('down');

    redis = await startRedis(redisPort, redisDir);
    let progress = batch;
    const end = Date.now() + 150_000;
    while (!progress.done && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 1000));
      const res = await hr.get(`/api/batches/${batch.id}`);
      if (res.status === 200) progress = res.json;
    }
    expect(progress).toMatchObject({ done: true, counts: { in_review: PHOTOS.length } });
    // The employee who met the outage tries again and gets through.
    const after = await uploadPhoto(api.baseUrl, links[PHOTOS.length].token, 'portraits/p03_tf_grace_hopper.jpg', 'me.jpg', links[PHOTOS.length].client);
    expect(after.status).toBe(201);
    const uploads = await sql<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM upload');
    expect(uploads[0].n).toBe(PHOTOS.length + 1);
  }, 300_000);
});
