import { existsSync } from 'node:fs';
import path from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { personWithSelfie, waitForHeadshot } from './support/headshot-flow';
import { HttpClient } from './support/http-client';
import { createOrgWithUser, sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, REDIS_URL, REPO_ROOT, type TestDatabase, uniquePrefix } from './support/test-env';
import { waitForJob } from '../src/core/queue/job-result';

const OWNER = { email: 'owner@retention.test', password: 'retention owner passphrase' };

describe('privacy: retention settings, the daily enforcement, and erasure', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let hr: HttpClient;
  let storage: string;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    storage = path.join(REPO_ROOT, 'var', `test-storage-${db.name}`);
    api = await startApi({ DATABASE_URL: db.url, SMTP_URL: smtp.url, STORAGE_DIR: storage, QUEUE_PREFIX: prefix, TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password });
    hr = new HttpClient(api.baseUrl);
    await hr.signIn(OWNER.email, OWNER.password);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  async function runMaintenance(name: string) {
    const queue = new Queue('maintenance', { connection: { url: REDIS_URL }, prefix });
    const events = new QueueEvents('maintenance', { connection: { url: REDIS_URL }, prefix });
    try {
      await events.waitUntilReady();
      return await waitForJob<Record<string, number>>(queue, await queue.add(name, {}), events, 30_000);
    } finally {
      await queue.close();
      await events.close();
    }
  }

  it('defaults to deleting selfies after approval, validates changes, and only the owner changes them', async () => {
    expect((await hr.get('/api/org/retention')).json).toEqual({ deleteOriginalsAfterApproval: true, deleteOriginalsAfterDays: null, deleteUnapprovedAfterDays: null, exportExpiryHours: 72 });
    const bad = await hr.request('PUT', '/api/org/retention', { deleteOriginalsAfterApproval: true, deleteOriginalsAfterDays: 0, deleteUnapprovedAfterDays: null, exportExpiryHours: 72 });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe('deleteOriginalsAfterDays');
    const ok = await hr.request('PUT', '/api/org/retention', { deleteOriginalsAfterApproval: true, deleteOriginalsAfterDays: null, deleteUnapprovedAfterDays: 30, exportExpiryHours: 48 });
    expect(ok.status).toBe(200);
  });

  it('deletes the selfie of an approved headshot and unapproved work past its days, and says so in the audit log', async () => {
    const ana = await personWithSelfie(hr, smtp, api.baseUrl, { email: 'ana@retention.test', firstName: 'Ana', lastName: 'Lima', photo: 'portraits/obama-official.jpg' });
    const bo = await personWithSelfie(hr, smtp, api.baseUrl, { email: 'bo@retention.test', firstName: 'Bo', lastName: 'Ek', photo: 'portraits/biden-official.jpg' });
    const anaShot = await waitForHeadshot(db.url, ana.employeeId);
    const boShot = await waitForHeadshot(db.url, bo.employeeId);
    expect((await hr.post(`/api/headshots/${anaShot}/approve`)).status).toBe(200);
    await sql(db.url, `UPDATE headshot SET created_at = now() - interval '31 days' WHERE id = $1`, [boShot]);
    await sql(db.url, `UPDATE upload SET created_at = now() - interval '31 days' WHERE employee_id = $1`, [bo.employeeId]);
    const [anaUpload] = await sql<{ original_key: string }>(db.url, 'SELECT original_key FROM upload WHERE employee_id = $1', [ana.employeeId]);
    expect(existsSync(path.join(storage, anaUpload.original_key))).toBe(true);

    const result = await runMaintenance('enforce-retention');
    expect(result).toMatchObject({ originalsDeleted: 2, headshotsDeleted: 1 });
    expect(existsSync(path.join(storage, anaUpload.original_key))).toBe(false);
    const [u] = await sql<{ original_deleted_at: Date | null }>(db.url, 'SELECT original_deleted_at FROM upload WHERE employee_id = $1', [ana.employeeId]);
    expect(u.original_deleted_at).not.toBeNull();
    // The approved headshot stays.
    const [kept] = await sql<{ state: string }>(db.url, 'SELECT state FROM headshot WHERE id = $1', [anaShot]);
    expect(kept.state).toBe('approved');
    expect(await sql(db.url, 'SELECT id FROM headshot WHERE id = $1', [boShot])).toEqual([]);
    const audit = await sql<{ details: Record<string, number> }>(db.url, `SELECT details FROM audit_event WHERE action = 'retention.deleted'`);
    expect(audit[0].details).toEqual({ originalsDeleted: 2, headshotsDeleted: 1 });
    expect((await runMaintenance('enforce-retention'))).toMatchObject({ originalsDeleted: 0, headshotsDeleted: 0 });
  }, 180_000);

  it('erases an employee with their files and every export that contains them; other orgs cannot', async () => {
    const [ana] = await sql<{ id: string }>(db.url, `SELECT id FROM employee WHERE email = 'ana@retention.test'`);
    const exp = await hr.post('/api/exports', { scope: 'all', renditions: ['linkedin'], includeEmail: false });
    expect(exp.status).toBe(201);
    const end = Date.now() + 60_000;
    let state = exp.json.state;
    while (state !== 'done' && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 300));
      state = (await hr.get(`/api/exports/${exp.json.id}`)).json.state;
    }
    expect(state).toBe('done');
    const [{ file_key }] = await sql<{ file_key: string }>(db.url, 'SELECT file_key FROM export WHERE id = $1', [exp.json.id]);
    expect(existsSync(path.join(storage, file_key))).toBe(true);

    await createOrgWithUser(db.url, { orgName: 'Other', slug: 'other-r', email: 'hr@other-r.test', password: 'other org passphrase', role: 'hr_admin' });
    const other = new HttpClient(api.baseUrl);
    await other.signIn('hr@other-r.test', 'other org passphrase');
    expect((await other.post(`/api/employees/${ana.id}/erase`)).status).toBe(404);

    const erased = await hr.post(`/api/employees/${ana.id}/erase`);
    expect(erased.status).toBe(200);
    expect(erased.json).toMatchObject({ uploadsDeleted: 1, headshotsDeleted: 1, exportsDeleted: 1 });
    expect((await hr.get(`/api/employees/${ana.id}`)).status).toBe(404);
    expect(existsSync(path.join(storage, file_key))).toBe(false);
    const [orgRow] = await sql<{ org_id: string }>(db.url, `SELECT org_id FROM app_user WHERE email = $1`, [OWNER.email]);
    expect(existsSync(path.join(storage, 'org', orgRow.org_id, 'employee', ana.id))).toBe(false);
    expect((await hr.get(`/api/exports/${exp.json.id}/download`)).status).toBe(410);
    const [audit] = await sql<{ details: Record<string, number> }>(db.url, `SELECT details FROM audit_event WHERE action = 'employee.erased'`);
    expect(audit.details).toEqual({ uploads: 1, headshots: 1, exports: 1 });
    expect(JSON.stringify(audit)).not.toContain('ana@retention.test');
  }, 120_000);
});
