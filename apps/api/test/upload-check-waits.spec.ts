import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { until } from './support/poll';
import { consentedEmployee as consentedLinkFor, uploadPhoto } from './support/invite-link';
import { sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, specEnv, type TestDatabase, uniquePrefix } from './support/test-env';

const OWNER = { email: 'hr@check-waits.test', password: 'check waits owner passphrase' };
const SECRET = 'check-waits-secret-check-waits-secret-000';
const OPERATOR_TOKEN = 'operator-token-check-waits-token-00000001';
/** Each worker sweeps upload_check every 15 s: waiting this long sees at least two sweeps. */
const TWO_SWEEPS_MS = 35_000;

interface CheckRow {
  incoming_key: string;
  waiting_for: string | null;
  requeued: number;
}

// A selfie an `api` process answered 202 `checking` ("your selfie is safe with us") must never be
// dropped afterwards: when the worker finds the org suspended or its storage full, the check is
// parked, everybody is told what it waits for, and it is checked once the reason is gone.
describe('a kept selfie waits out a suspension or a full storage, and is checked after', () => {
  let db: TestDatabase;
  let smtp: TestSmtp;
  let api: RunningApi;
  let worker: RunningApi | undefined;
  let env: Record<string, string>;
  let orgId: string;
  let hr: HttpClient;
  const op = (method: string, p: string, body?: unknown) =>
    fetch(`${api.baseUrl}${p}`, { method, headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then(async (r) => ({
      status: r.status,
      json: await r.json(),
    }));
  const startWorker = async () => (worker = await startApi({ ...env, TEAMFRAME_ROLE: 'worker' }, { waitFor: /Teamframe worker started/ }));
  const stopWorker = async () => {
    await worker?.stop();
    worker = undefined;
  };
  const checkOf = async (employeeId: string) => (await sql<CheckRow>(db.url, `SELECT incoming_key, waiting_for, requeued FROM upload_check WHERE employee_id = $1`, [employeeId]))[0];
  const uploadsOf = async (employeeId: string) => sql(db.url, `SELECT 1 FROM upload WHERE employee_id = $1`, [employeeId]);
  const attemptsOf = async (employeeId: string) => sql<{ checks: { code: string }[] }>(db.url, `SELECT checks FROM upload_attempt WHERE employee_id = $1`, [employeeId]);
  /** As a sweep finds a check whose job is long done after it used up its re-queues: a failed check would be given up on now. */
  const ageCheck = (employeeId: string) => sql(db.url, `UPDATE upload_check SET queued_at = now() - interval '10 minutes', requeued = 5 WHERE employee_id = $1`, [employeeId]);

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    env = { ...specEnv(db, smtp.url, OWNER), QUEUE_PREFIX: uniquePrefix(), TEAMFRAME_SECRET: SECRET, TEAMFRAME_OPERATOR_TOKEN: OPERATOR_TOKEN, LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '100000' };
    api = await startApi({ ...env, TEAMFRAME_ROLE: 'api' });
    hr = new HttpClient(api.baseUrl);
    await hr.signIn(OWNER.email, OWNER.password);
    await hr.request('PUT', '/api/org/settings', { processingMode: 'batch' });
    [{ org_id: orgId }] = await sql<{ org_id: string }>(db.url, 'SELECT org_id FROM app_user LIMIT 1');
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  /** An employee with consent given, and their upload link's client. */
  const consentedEmployee = (email: string) => consentedLinkFor(hr, { baseUrl: api.baseUrl, dbUrl: db.url, secret: SECRET }, email);

  /** A selfie sent while no worker runs: answered 202 `checking`, kept in storage with its owed check. */
  async function keptSelfie(who: { token: string; client: HttpClient; employeeId: string }): Promise<string> {
    const kept = await uploadPhoto(api.baseUrl, who.token, 'portraits/obama-official.jpg', 'me.jpg', who.client);
    expect(kept.status).toBe(202);
    expect(kept.json).toMatchObject({ uploadId: null, status: 'checking' });
    return path.join(env.STORAGE_DIR, (await checkOf(who.employeeId)).incoming_key);
  }

  it('leaves a kept selfie of an org suspended after its upload unchecked and on file while suspended, and checks it on unsuspend', async () => {
    const ana = await consentedEmployee('ana@check-waits.test');
    const file = await keptSelfie(ana);
    expect((await op('POST', `/api/operator/orgs/${orgId}/suspend`)).status).toBe(200);

    // The worker takes the job the api queued and parks it: no check runs for a suspended org.
    await startWorker();
    await until(() => checkOf(ana.employeeId), (c) => c?.waiting_for === 'suspension');
    expect(await uploadsOf(ana.employeeId)).toHaveLength(0);
    expect(existsSync(file)).toBe(true);
    // However long the suspension, and however many re-queues the check used before, it is not given up on.
    await ageCheck(ana.employeeId);
    await new Promise((r) => setTimeout(r, TWO_SWEEPS_MS));
    expect(await checkOf(ana.employeeId)).toMatchObject({ waiting_for: 'suspension', requeued: 5 });
    expect(await attemptsOf(ana.employeeId)).toHaveLength(0);
    expect(await uploadsOf(ana.employeeId)).toHaveLength(0);
    expect(existsSync(file)).toBe(true);

    // Lifted: the sweep queues it again at once (not two minutes after it was parked, as a lost job), and it is checked.
    await sql(db.url, `UPDATE upload_check SET queued_at = now() WHERE employee_id = $1`, [ana.employeeId]);
    expect((await op('POST', `/api/operator/orgs/${orgId}/unsuspend`)).status).toBe(200);
    await hr.signIn(OWNER.email, OWNER.password); // the suspension ended every session
    await until(() => uploadsOf(ana.employeeId), (u) => u.length === 1, 60_000);
    expect(await checkOf(ana.employeeId)).toBeUndefined();
    expect(await attemptsOf(ana.employeeId)).toHaveLength(0);
    expect(existsSync(file)).toBe(false);
    expect((await hr.get(`/api/employees/${ana.employeeId}`)).json.status).toBe('uploaded');
    await stopWorker();
  }, 240_000);

  it('keeps a selfie the storage has no room for, says so to HR and the employee, and checks it once the quota is raised', async () => {
    // Whatever the test before left (a failure mid-way): no worker, the org active, HR signed in.
    await stopWorker();
    await op('POST', `/api/operator/orgs/${orgId}/unsuspend`);
    await hr.signIn(OWNER.email, OWNER.password);
    const bo = await consentedEmployee('bo@check-waits.test');
    const file = await keptSelfie(bo);
    // Full: not a byte to spare.
    const used = Number((await op('GET', `/api/operator/orgs/${orgId}`)).json.usage.storageBytes);
    expect((await op('PATCH', `/api/operator/orgs/${orgId}`, { quotas: { maxStorageBytes: Math.max(used, 1) } })).status).toBe(200);

    await startWorker();
    await until(() => checkOf(bo.employeeId), (c) => c?.waiting_for === 'storage');
    expect(await uploadsOf(bo.employeeId)).toHaveLength(0);
    expect(await attemptsOf(bo.employeeId)).toHaveLength(0);
    expect(existsSync(file)).toBe(true);
    // HR reads how many wait for space, apart from those waiting for a worker.
    expect((await hr.get('/api/activity')).json).toMatchObject({ waitingForSpace: 1, waitingForCheck: 0 });
    // The employee's page says it is kept and waits for space, in their language; it asks for no other photo.
    const page = async (lang: string) => (await bo.client.request('GET', `/api/invite/${bo.token}`, undefined, { headers: { 'accept-language': lang } })).json;
    expect(await page('nl-NL,nl;q=0.9')).toMatchObject({ language: 'nl-NL', status: 'invited', checking: true, waitingForSpace: true, lastRefusal: null });

    // A selfie sent while a worker runs and the storage is full is kept too, and the answer says why.
    const cy = await consentedEmployee('cy@check-waits.test');
    const answered = await uploadPhoto(api.baseUrl, cy.token, 'portraits/biden-official.jpg', 'me.jpg', cy.client);
    expect(answered.status).toBe(202);
    expect(answered.json).toMatchObject({ uploadId: null, status: 'checking' });
    expect(answered.json.message).toMatch(/your company’s storage is full just now\. It is processed automatically once the company frees space/);
    expect(await checkOf(cy.employeeId)).toMatchObject({ waiting_for: 'storage' });
    expect((await hr.get('/api/activity')).json).toMatchObject({ waitingForSpace: 2, waitingForCheck: 0 });

    // Some room, not enough for the photo: checked again, parked again; a wait is never a failed try.
    expect((await op('PATCH', `/api/operator/orgs/${orgId}`, { quotas: { maxStorageBytes: used + 1000 } })).status).toBe(200);
    const parkedBefore = worker!.output().match(/upload check parked/g)?.length ?? 0;
    await ageCheck(bo.employeeId);
    await until(
      async () => worker!.output().match(/upload check parked/g)?.length ?? 0,
      (n) => n > parkedBefore,
      60_000,
    );
    await new Promise((r) => setTimeout(r, TWO_SWEEPS_MS));
    expect(await checkOf(bo.employeeId)).toMatchObject({ waiting_for: 'storage', requeued: 5 });
    expect(await attemptsOf(bo.employeeId)).toHaveLength(0);
    expect(existsSync(file)).toBe(true);

    // The quota raised: both are checked on the next sweeps and go on as any selfie does.
    expect((await op('PATCH', `/api/operator/orgs/${orgId}`, { quotas: { maxStorageBytes: null } })).status).toBe(200);
    await sql(db.url, `UPDATE upload_check SET queued_at = now() - interval '10 minutes' WHERE org_id = $1`, [orgId]);
    for (const who of [bo, cy]) await until(() => uploadsOf(who.employeeId), (u) => u.length === 1, 90_000);
    expect(await checkOf(bo.employeeId)).toBeUndefined();
    expect(existsSync(file)).toBe(false);
    expect(await attemptsOf(bo.employeeId)).toHaveLength(0);
    expect(await page('nl-NL,nl;q=0.9')).toMatchObject({ status: 'uploaded', checking: false, waitingForSpace: false, lastRefusal: null });
    expect((await hr.get('/api/activity')).json).toMatchObject({ waitingForSpace: 0, waitingForCheck: 0 });
  }, 300_000);
});
