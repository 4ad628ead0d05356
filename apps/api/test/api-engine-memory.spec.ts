import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { consentedEmployee as consentedLinkFor, uploadPhoto } from './support/invite-link';
import { sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, REPO_ROOT, specEnv, TESTDATA, type TestDatabase, uniquePrefix } from './support/test-env';

const OWNER = { email: 'hr@engine-memory.test', password: 'engine memory owner passphrase' };
const SECRET = 'engine-memory-secret-engine-memory-secret-0';

/** Resident set of a process, MB (from /proc). */
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
/** Threads of a process (from /proc): each pixel worker thread of the engine adds at least one. */
const threadCount = (pid: number) => readdirSync(`/proc/${pid}/task`).length;

async function waitFor<T>(probe: () => Promise<T | undefined>, ms: number): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  return undefined;
}

// Issue 16: an `api` process held pixel threads with models in each (341–369 MB under 20 uploads).
// Now its uploads are checked by the workers, on the interactive queue: the api loads no pixel
// thread and no model, ever, and a selfie no worker could check yet is kept and checked later.
describe('an api process has its uploads checked by the workers and holds no pixel threads', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningApi | undefined;
  let smtp: TestSmtp;
  let hr: HttpClient;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    env = { ...specEnv(db, smtp.url, OWNER), QUEUE_PREFIX: uniquePrefix(), TEAMFRAME_SECRET: SECRET, LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '100000' };
    api = await startApi({ ...env, TEAMFRAME_ROLE: 'api' });
    hr = new HttpClient(api.baseUrl);
    await hr.signIn(OWNER.email, OWNER.password);
    await hr.request('PUT', '/api/org/settings', { processingMode: 'batch' });
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  /** An employee with consent given, and their upload link's client. */
  const consentedEmployee = (email: string) => consentedLinkFor(hr, { baseUrl: api.baseUrl, dbUrl: db.url, secret: SECRET }, email);

  it('stays under 250 MB before any photo (no models loaded)', async () => {
    await new Promise((r) => setTimeout(r, 1000));
    expect(rssMb(api.proc.pid!)).toBeLessThan(250);
    expect(api.output()).not.toMatch(/headshot engine ready/);
    // No worker yet: the API is healthy, and says none takes jobs.
    const health = await new HttpClient(api.baseUrl).get('/api/health');
    expect([health.status, health.json.workers]).toEqual([200, 0]);
  });

  it('keeps a selfie no worker could check (202, with a sentence), and a worker checks it once one runs', async () => {
    const ana = await consentedEmployee('ana@engine-memory.test');
    const kept = await uploadPhoto(api.baseUrl, ana.token, 'portraits/obama-official.jpg', 'me.jpg', ana.client);
    expect(kept.status).toBe(202);
    expect(kept.json).toMatchObject({ uploadId: null, status: 'checking', checks: [] });
    expect(kept.json.message).toMatch(/could not be checked just now\. It is checked automatically in the next few minutes/);
    // Nothing lost: the selfie is in storage and the check it is owed is on record.
    const [pending] = await sql<{ incoming_key: string }>(db.url, `SELECT incoming_key FROM upload_check WHERE employee_id = $1`, [ana.employeeId]);
    const file = path.join(env.STORAGE_DIR, pending.incoming_key);
    expect(existsSync(file)).toBe(true);
    // Dee's photo is no selfie; it too waits for a worker.
    const dee = await consentedEmployee('dee@engine-memory.test');
    expect((await uploadPhoto(api.baseUrl, dee.token, 'nonface/coffee.jpg', 'coffee.jpg', dee.client)).status).toBe(202);
    // Back on their pages, both are told their selfie is kept and still being checked.
    const page = async (who: { token: string; client: HttpClient }) => (await who.client.request('GET', `/api/invite/${who.token}`, undefined, { headers: { 'accept-language': 'de-DE,de;q=0.9' } })).json;
    for (const who of [ana, dee]) expect(await page(who)).toMatchObject({ status: 'invited', checking: true, lastRefusal: null });
    // HR's dashboard counts them.
    expect((await hr.get('/api/activity')).json.waitingForCheck).toBe(2);

    worker = await startApi({ ...env, TEAMFRAME_ROLE: 'worker' }, { waitFor: /Teamframe worker started/ });
    const upload = await waitFor(async () => (await sql<{ id: string }>(db.url, `SELECT id FROM upload WHERE employee_id = $1`, [ana.employeeId]))[0], 90_000);
    expect(upload).toBeDefined();
    expect((await hr.get(`/api/employees/${ana.employeeId}`)).json.status).toBe('uploaded');
    expect(await sql(db.url, `SELECT 1 FROM upload_check WHERE employee_id = $1`, [ana.employeeId])).toHaveLength(0);
    expect(existsSync(file)).toBe(false);
    expect(await page(ana)).toMatchObject({ status: 'uploaded', checking: false, lastRefusal: null });
    // Dee comes back and reads why, in the page's language, though nobody was there when it was refused.
    await waitFor(async () => ((await sql(db.url, `SELECT 1 FROM upload_check WHERE employee_id = $1`, [dee.employeeId])).length ? undefined : true), 90_000);
    const [attempt] = await sql<{ checks: { code: string }[] }>(db.url, `SELECT checks FROM upload_attempt WHERE employee_id = $1`, [dee.employeeId]);
    const german = JSON.parse(readFileSync(path.join(REPO_ROOT, 'libs/shared-types/src/i18n/messages/de.json'), 'utf8')) as Record<string, string>;
    const deePage = await page(dee);
    expect(deePage).toMatchObject({ status: 'invited', checking: false });
    expect(deePage.lastRefusal.map((c: { code: string }) => c.code)).toEqual(attempt.checks.map((c) => c.code));
    expect(deePage.lastRefusal[0].sentence).toBe(german[`check.${attempt.checks[0].code}.sentence`]);
    // A usable selfie afterwards ends the explanation.
    expect((await uploadPhoto(api.baseUrl, dee.token, 'portraits/biden-official.jpg', 'me.jpg', dee.client)).status).toBe(201);
    expect((await page(dee)).lastRefusal).toBeNull();
    expect((await hr.get('/api/activity')).json.waitingForCheck).toBe(0);
  }, 240_000);

  it('answers the check from a worker (accepted or refused with its reasons) without starting a pixel thread of its own', async () => {
    worker ??= await startApi({ ...env, TEAMFRAME_ROLE: 'worker' }, { waitFor: /Teamframe worker started/ });
    const threadsBefore = threadCount(api.proc.pid!);
    const ben = await consentedEmployee('ben@engine-memory.test');
    const accepted = await uploadPhoto(api.baseUrl, ben.token, 'portraits/biden-official.jpg', 'me.jpg', ben.client);
    expect(accepted.status).toBe(201);
    expect(accepted.json).toMatchObject({ status: 'uploaded', uploadId: expect.any(String) });
    const cy = await consentedEmployee('cy@engine-memory.test');
    const refused = await uploadPhoto(api.baseUrl, cy.token, 'nonface/coffee.jpg', 'coffee.jpg', cy.client);
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe('PHOTO_REJECTED');
    expect(refused.json.error.checks.length).toBeGreaterThan(0);
    // A refused selfie is not kept, as when the api checked it itself; HR sees why.
    expect(await sql(db.url, `SELECT 1 FROM upload_check WHERE employee_id = $1`, [cy.employeeId])).toHaveLength(0);
    expect(await sql(db.url, `SELECT 1 FROM upload_attempt WHERE employee_id = $1`, [cy.employeeId])).toHaveLength(1);

    // The pixel work ran in the worker; the api process loaded no engine and started no thread for it.
    expect(worker.output()).toMatch(/headshot engine ready/);
    expect(threadCount(api.proc.pid!)).toBeLessThanOrEqual(threadsBefore);
    expect(api.output()).not.toMatch(/headshot engine ready/);
    expect(rssMb(api.proc.pid!)).toBeLessThan(250);
  }, 180_000);

  it('gives up on a kept selfie whose check failed on every re-queue: refused as CHECK_FAILED for HR and the employee, the file deleted', async () => {
    worker ??= await startApi({ ...env, TEAMFRAME_ROLE: 'worker' }, { waitFor: /Teamframe worker started/ });
    const eve = await consentedEmployee('eve@engine-memory.test');
    const [{ id: inviteId }] = await sql<{ id: string }>(db.url, `SELECT id FROM invite WHERE employee_id = $1 AND state = 'active'`, [eve.employeeId]);
    const [{ org_id: orgId }] = await sql<{ org_id: string }>(db.url, `SELECT org_id FROM employee WHERE id = $1`, [eve.employeeId]);
    // As the sweep leaves it after the fifth re-queue failed too: no job, the last try long ago.
    const key = `org/${orgId}/employee/${eve.employeeId}/incoming/exhausted.jpg`;
    mkdirSync(path.dirname(path.join(env.STORAGE_DIR, key)), { recursive: true });
    writeFileSync(path.join(env.STORAGE_DIR, key), readFileSync(path.join(TESTDATA, 'portraits/obama-official.jpg')));
    await sql(db.url, `INSERT INTO upload_check (org_id, employee_id, invite_id, incoming_key, requeued, queued_at) VALUES ($1, $2, $3, $4, 5, now() - interval '10 minutes')`, [orgId, eve.employeeId, inviteId, key]);
    const given = await waitFor(async () => ((await sql(db.url, `SELECT 1 FROM upload_check WHERE employee_id = $1`, [eve.employeeId])).length ? undefined : true), 60_000);
    expect(given).toBe(true);
    const attempts = await sql<{ checks: { code: string }[] }>(db.url, `SELECT checks FROM upload_attempt WHERE employee_id = $1`, [eve.employeeId]);
    expect(attempts.map((a) => a.checks.map((c) => c.code))).toEqual([['CHECK_FAILED']]);
    expect(existsSync(path.join(env.STORAGE_DIR, key))).toBe(false);
    const page = (await eve.client.get(`/api/invite/${eve.token}`)).json;
    expect(page).toMatchObject({ checking: false, lastRefusal: [{ code: 'CHECK_FAILED', sentence: 'This photo could not be checked, even after several tries.' }] });
  }, 120_000);
});
