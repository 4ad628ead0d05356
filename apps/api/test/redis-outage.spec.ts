import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RunningApi, startApi, stopProcess } from './support/api-process';
import { HttpClient } from './support/http-client';
import { waitForHeadshot } from './support/headshot-flow';
import { inviteEmployee, uploadPhoto } from './support/invite-link';
import { sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from './support/test-env';

const OWNER = { email: 'hr@outage.test', password: 'outage owner passphrase' };

/**
 * A Redis of this test's own that keeps nothing on disk (no RDB, no append-only file): killed with
 * SIGKILL and started again, it comes back empty, as after a crash of an unpersisted Redis or a
 * failover to an empty replica.
 */
async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d) => /Ready to accept connections/.test((out += d)) && resolve());
    proc.once('exit', (c) => reject(new Error(`redis-server exited ${c}: ${out}`)));
  });
  return proc;
}

function killHard(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

// Redis dies hard and comes back empty while a selfie arrives on arrival. The `api` process has its
// uploads checked by the workers (issue 16), and cannot queue the check: the selfie is kept (202, a
// sentence saying it will be checked) with its owed check on record in PostgreSQL, and the workers'
// sweep queues the check once Redis is back; the checked selfie then becomes a headshot. Without the
// sweep the photo would wait for ever.
describe('Redis killed and back empty', () => {
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

  it('keeps an on-arrival selfie during the outage, and the sweep checks and processes it after', async () => {
    const hr = new HttpClient(api.baseUrl);
    await hr.signIn(OWNER.email, OWNER.password);
    expect((await hr.get('/api/org/settings')).json).toMatchObject({ processingMode: 'on_arrival', defaultLanguage: 'en' });
    const { token, employeeId } = await inviteEmployee(hr, smtp, 'e@outage.test');
    const employee = new HttpClient(api.baseUrl);
    await employee.get(`/api/invite/${token}`);
    await employee.post(`/api/invite/${token}/consent`);

    await killHard(redis);
    const during = await uploadPhoto(api.baseUrl, token, 'portraits/obama-official.jpg', 'me.jpg', employee);
    expect(during.status).toBe(202);
    expect(during.json).toMatchObject({ status: 'checking', uploadId: null });
    expect((await hr.get('/api/health')).json.redis.status).toBe('down');
    const [owed] = await sql<{ id: string }>(db.url, `SELECT id FROM upload_check WHERE employee_id = $1`, [employeeId]);
    expect(owed).toBeDefined();
    // The sweep takes checks queued over two minutes ago; age this one instead of waiting.
    await sql(db.url, `UPDATE upload_check SET queued_at = now() - interval '10 minutes' WHERE id = $1`, [owed.id]);

    redis = await startRedis(redisPort, redisDir);
    await waitForHeadshot(db.url, employeeId, ['in_review'], 180_000);
    expect(await sql(db.url, `SELECT 1 FROM upload WHERE employee_id = $1`, [employeeId])).toHaveLength(1);
    expect(await sql(db.url, `SELECT 1 FROM upload_check WHERE employee_id = $1`, [employeeId])).toHaveLength(0);
    expect((await hr.get(`/api/employees/${employeeId}`)).json.status).toBe('in_review');
    expect(api.output() + worker.output()).not.toMatch(/uncaught|unhandled/i);
  }, 300_000);
});
