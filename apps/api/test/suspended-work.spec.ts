import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { personWithSelfie, waitForHeadshot } from './support/headshot-flow';
import { HttpClient } from './support/http-client';
import { until } from './support/poll';
import { uploadPhoto } from './support/invite-link';
import { sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, specEnv, type TestDatabase, uniquePrefix } from './support/test-env';

const OPERATOR_TOKEN = 'operator-token-suspend-token-suspend-0001';
const OWNER = { email: 'hr@paused.test', password: 'paused org passphrase' };
const PAUSED = 'Paused: this organisation is suspended. It resumes by itself when the suspension is lifted.';

// A suspended org's queued headshots and exports are not processed: a worker puts them back to `queued`
// with a sentence the operator (and HR, once back) can read, they stay there, and they run once the
// suspension is lifted. Another org's work goes on meanwhile.
describe('suspension pauses an org’s queued work, unsuspension resumes it', () => {
  let db: TestDatabase;
  let smtp: TestSmtp;
  let api: RunningApi;
  let worker: RunningApi | undefined;
  let env: Record<string, string>;
  let orgId: string;
  const op = (method: string, p: string) => fetch(`${api.baseUrl}${p}`, { method, headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } }).then(async (r) => ({ status: r.status, json: await r.json() }));
  const startWorker = async () => (worker = await startApi({ ...env, TEAMFRAME_ROLE: 'worker' }, { waitFor: /Teamframe worker started/ }));
  const headshot = async (id: string) => (await sql<{ state: string; failure_reason: string | null }>(db.url, `SELECT state, failure_reason FROM headshot WHERE id = $1`, [id]))[0];
  const exportRow = async (id: string) => (await sql<{ state: string; error: string | null }>(db.url, `SELECT state, error FROM export WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    env = { ...specEnv(db, smtp.url, OWNER), QUEUE_PREFIX: uniquePrefix(), TEAMFRAME_SECRET: 'paused-secret-paused-secret-paused-sec-00', TEAMFRAME_OPERATOR_TOKEN: OPERATOR_TOKEN };
    api = await startApi({ ...env, TEAMFRAME_ROLE: 'api' });
    [{ org_id: orgId }] = await sql<{ org_id: string }>(db.url, 'SELECT org_id FROM app_user LIMIT 1');
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  it('leaves the queued headshot and export of a suspended org waiting with a sentence, then runs them on unsuspend', async () => {
    const hr = new HttpClient(api.baseUrl);
    await hr.signIn(OWNER.email, OWNER.password);
    // One approved headshot to export, made while a worker runs.
    await startWorker();
    const ana = await personWithSelfie(hr, smtp, api.baseUrl, { email: 'ana@paused.test', firstName: 'Ana', lastName: 'Paused', photo: 'portraits/obama-official.jpg' });
    const first = await waitForHeadshot(db.url, ana.employeeId);
    expect((await hr.post('/api/review/approve', { headshotIds: [first] })).json.approved).toBe(1);
    await smtp.waitFor(ana.email, /headshot is ready/, 60_000);

    // Ben is invited (a worker sends the mail); then no worker runs while his selfie and an export queue up.
    const added = await hr.post('/api/employees', { email: 'ben@paused.test', firstName: 'Ben', lastName: 'Paused', department: 'QA' });
    expect(added.status, added.text).toBe(201);
    const invited = await hr.post('/api/invites', { employeeIds: [added.json.id] });
    expect(invited.status, invited.text).toBeLessThan(300);
    const mail = await smtp.waitFor('ben@paused.test', /./, 60_000);
    const ben = { employeeId: added.json.id as string, token: mail.text!.match(/\/u\/([A-Za-z0-9_-]{43})/)![1] };
    // His selfie is checked by the worker (an api process checks none itself) and waits for a batch;
    // the batch is started once no worker runs, so its headshot stays queued.
    await hr.request('PUT', '/api/org/settings', { processingMode: 'batch' });
    const c = new HttpClient(api.baseUrl);
    await c.get(`/api/invite/${ben.token}`);
    await c.post(`/api/invite/${ben.token}/consent`);
    expect((await uploadPhoto(api.baseUrl, ben.token, 'portraits/biden-official.jpg', 'me.jpg', c)).status).toBe(201);
    await worker!.stop();
    expect((await hr.post('/api/batches', { employeeIds: [ben.employeeId] })).json.total).toBe(1);
    const [{ id: second }] = await sql<{ id: string }>(db.url, `SELECT id FROM headshot WHERE employee_id = $1`, [ben.employeeId]);
    const created = await hr.post('/api/exports', { scope: 'all', renditions: ['web'], includeEmail: false });
    expect(created.status, created.text).toBe(201);
    const exportId = created.json.id as string;

    // The operator suspends the org; a worker starts and takes both jobs, processing neither.
    expect((await op('POST', `/api/operator/orgs/${orgId}/suspend`)).status).toBe(200);
    await startWorker();
    expect(await until(() => headshot(second), (h) => h.failure_reason !== null)).toEqual({ state: 'queued', failure_reason: PAUSED });
    expect(await until(() => exportRow(exportId), (e) => e.error !== null)).toEqual({ state: 'queued', error: PAUSED });
    expect((await op('GET', `/api/operator/orgs/${orgId}`)).json.paused).toEqual({ headshots: 1, exports: 1 });
    // And they stay so: nothing is rendered, nothing built, nothing failed.
    await new Promise((r) => setTimeout(r, 4_000));
    expect(await headshot(second)).toEqual({ state: 'queued', failure_reason: PAUSED });
    expect(await exportRow(exportId)).toEqual({ state: 'queued', error: PAUSED });
    expect(await sql(db.url, `SELECT 1 FROM audit_event WHERE action IN ('headshot.processed', 'export.completed') AND subject_id IN ($1, $2)`, [second, exportId])).toHaveLength(0);

    // Lifted: both run, once, without anyone touching them.
    expect((await op('POST', `/api/operator/orgs/${orgId}/unsuspend`)).status).toBe(200);
    expect(await until(() => headshot(second), (h) => h.state === 'in_review')).toEqual({ state: 'in_review', failure_reason: null });
    expect(await until(() => exportRow(exportId), (e) => e.state === 'done')).toEqual({ state: 'done', error: null });
    expect((await op('GET', `/api/operator/orgs/${orgId}`)).json.paused).toEqual({ headshots: 0, exports: 0 });
    expect(await sql(db.url, `SELECT 1 FROM audit_event WHERE action = 'headshot.processed' AND subject_id = $1`, [second])).toHaveLength(1);
  }, 300_000);
});

