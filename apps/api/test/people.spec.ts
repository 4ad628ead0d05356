import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { createOrgWithUser, sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, REDIS_URL, type TestDatabase, uniquePrefix } from './support/test-env';
import { waitForJob } from '../src/core/queue/job-result';

const OWNER = { email: 'owner@alpha.test', password: 'alpha owner passphrase' };
const OTHER = { email: 'hr@beta.test', password: 'beta hr passphrase!' };

describe('employee directory, CSV import and invites', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let owner: HttpClient;
  let other: HttpClient;
  let prefix: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    prefix = uniquePrefix();
    api = await startApi({
      DATABASE_URL: db.url,
      SMTP_URL: smtp.url,
      QUEUE_PREFIX: prefix,
      TEAMFRAME_ADMIN_EMAIL: OWNER.email,
      TEAMFRAME_ADMIN_PASSWORD: OWNER.password,
      TEAMFRAME_ORG_NAME: 'Alpha Inc',
      TEAMFRAME_SECRET: 'test-secret-test-secret-test-secret-0123',
    });
    owner = new HttpClient(api.baseUrl);
    expect((await owner.signIn(OWNER.email, OWNER.password)).status).toBe(200);
    await createOrgWithUser(db.url, { orgName: 'Beta GmbH', slug: 'beta', email: OTHER.email, password: OTHER.password, role: 'hr_admin' });
    other = new HttpClient(api.baseUrl);
    expect((await other.signIn(OTHER.email, OTHER.password)).status).toBe(200);
  });
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  it('adds, edits, lists, searches, filters and deactivates', async () => {
    const ana = await owner.post('/api/employees', { email: 'Ana.Lima@alpha.test', firstName: 'Ana', lastName: 'Lima', title: 'Engineer', department: 'R&D' });
    expect(ana.status).toBe(201);
    expect(ana.json).toMatchObject({ email: 'ana.lima@alpha.test', status: 'not_invited', deactivated: false });
    const dup = await owner.post('/api/employees', { email: 'ana.lima@alpha.test', firstName: 'A', lastName: 'L' });
    expect(dup.status).toBe(409);
    const bad = await owner.post('/api/employees', { email: 'two@a.test, three@a.test', firstName: '', lastName: 'X' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'firstName']);

    await owner.post('/api/employees', { email: 'bo@alpha.test', firstName: 'Bo', lastName: 'Ek', department: 'Sales' });
    const edited = await owner.request('PATCH', `/api/employees/${ana.json.id}`, { title: 'Lead Engineer' });
    expect(edited.json.title).toBe('Lead Engineer');

    const search = await owner.get('/api/employees?q=lima');
    expect(search.json.items.map((e: { email: string }) => e.email)).toEqual(['ana.lima@alpha.test']);
    const sales = await owner.get('/api/employees?department=Sales');
    expect(sales.json.total).toBe(1);
    const sorted = await owner.get('/api/employees?sort=lastName&order=desc');
    expect(sorted.json.items.map((e: { lastName: string }) => e.lastName)).toEqual(['Lima', 'Ek']);
    expect((await owner.get('/api/employees?sort=password')).status).toBe(400);
    expect((await owner.get('/api/employees/departments')).json).toEqual(['R&D', 'Sales']);

    const off = await owner.post(`/api/employees/${ana.json.id}/deactivate`);
    expect(off.json.deactivated).toBe(true);
    expect((await owner.get('/api/employees')).json.total).toBe(1);
    expect((await owner.get('/api/employees?includeDeactivated=true')).json.total).toBe(2);
    await owner.post(`/api/employees/${ana.json.id}/reactivate`);
  });

  it("never shows or changes another org's employees", async () => {
    const mine = (await owner.get('/api/employees?q=bo')).json.items[0];
    expect((await other.get('/api/employees')).json.total).toBe(0);
    expect((await other.get(`/api/employees/${mine.id}`)).status).toBe(404);
    expect((await other.request('PATCH', `/api/employees/${mine.id}`, { title: 'Pwned' })).status).toBe(404);
    expect((await other.post(`/api/employees/${mine.id}/deactivate`)).status).toBe(404);
    const inv = await other.post('/api/invites', { employeeIds: [mine.id] });
    expect(inv.json).toMatchObject({ invited: 0, skipped: [{ employeeId: mine.id }] });
    expect((await owner.get(`/api/employees/${mine.id}`)).json.title).toBe('');
    // The same email may exist in two orgs.
    expect((await other.post('/api/employees', { email: 'bo@alpha.test', firstName: 'Bo', lastName: 'Other' })).status).toBe(201);
    expect((await owner.get('/api/employees?q=bo')).json.items[0].lastName).toBe('Ek');
  });

  it('imports CSV: dry run lists row errors and writes nothing; re-import updates, never duplicates', async () => {
    const csv = '\ufeffE-Mail;Vorname;Nachname;Job title;Dept\ncy@alpha.test;Cy;Zed;CFO;Finance\nnot-an-email;X;Y;;\ncy@alpha.test;Cy;Again;;\n';
    const dry = await owner.request('POST', '/api/employees/import?dryRun=true', undefined, { raw: csv, headers: { 'content-type': 'text/csv' } });
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ dryRun: true, rows: 3, created: 1, updated: 0 });
    expect(dry.json.errors).toEqual([
      { line: 3, field: 'email', message: 'is not a valid email address' },
      { line: 4, field: 'email', message: 'duplicates line 2' },
    ]);
    expect((await owner.get('/api/employees?q=cy@')).json.total).toBe(0);
    const refused = await owner.request('POST', '/api/employees/import?dryRun=false', undefined, { raw: csv, headers: { 'content-type': 'text/csv' } });
    expect(refused.status).toBe(400);
    expect((await owner.get('/api/employees?q=cy@')).json.total).toBe(0);

    const good = 'email,first name,last name,title,department\ncy@alpha.test,Cy,Zed,CFO,Finance\nbo@alpha.test,Bo,Ek,,Sales\n';
    const first = await owner.request('POST', '/api/employees/import?dryRun=false', undefined, { raw: good, headers: { 'content-type': 'text/csv' } });
    expect(first.json).toMatchObject({ created: 1, updated: 0, unchanged: 1 });
    const again = await owner.request('POST', '/api/employees/import?dryRun=false', undefined, { raw: good.replace('CFO', 'Chief Financial Officer'), headers: { 'content-type': 'text/csv' } });
    expect(again.json).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect((await owner.get('/api/employees?q=cy@')).json.items[0].title).toBe('Chief Financial Officer');
    const json = await owner.post('/api/employees/import?dryRun=false', { not: 'csv' });
    expect(json.status).toBe(415);
  });

  it('imports 5,000 rows in seconds', async () => {
    const lines = ['email,first name,last name,title,department'];
    for (let i = 0; i < 5000; i++) lines.push(`person${i}@bulk.test,First${i},Last${i},Title ${i % 40},Dept ${i % 12}`);
    const started = performance.now();
    const res = await owner.request('POST', '/api/employees/import?dryRun=false', undefined, { raw: lines.join('\n'), headers: { 'content-type': 'text/csv' } });
    const ms = performance.now() - started;
    console.log(`5,000-row CSV import took ${Math.round(ms)} ms`);
    expect(res.status).toBe(200);
    expect(res.json.created).toBe(5000);
    const page = await owner.get('/api/employees?department=Dept%203&pageSize=50&page=2');
    expect(page.json.total).toBe(417);
    expect(page.json.items).toHaveLength(50);
  });

  it('invites by email: the link opens the landing, resending rotates it, bad links get one 404, expired a 410', async () => {
    const cy = (await owner.get('/api/employees?q=cy@')).json.items[0];
    const res = await owner.post('/api/invites', { employeeIds: [cy.id] });
    expect(res.json).toEqual({ invited: 1, skipped: [] });
    const mail = await smtp.waitFor('cy@alpha.test', /Alpha Inc/);
    expect(mail.html).toContain('Take my selfie');
    const link = mail.text!.match(/https?:\/\/\S+\/u\/([A-Za-z0-9_-]{43})/)!;
    expect(link).not.toBeNull();
    const token = link[1];
    const anon = new HttpClient(api.baseUrl);
    const landing = await anon.get(`/api/invite/${token}`);
    expect(landing.status).toBe(200);
    expect(landing.json).toMatchObject({ firstName: 'Cy', orgName: 'Alpha Inc' });
    // Opening it again (a mail scanner, a second click) changes nothing.
    expect((await anon.get(`/api/invite/${token}`)).status).toBe(200);
    expect((await owner.get(`/api/employees/${cy.id}`)).json.status).toBe('invited');
    // Only the hash is stored.
    const stored = await sql<{ token_hash: string }>(db.url, 'SELECT token_hash FROM invite WHERE employee_id = $1', [cy.id]);
    expect(stored[0].token_hash).not.toContain(token);

    await owner.post('/api/invites', { employeeIds: [cy.id] });
    await waitUntil(() => smtp.count('cy@alpha.test', /Alpha Inc/) === 2);
    const newToken = smtp.messages.filter((m) => m.text?.includes('/u/')).pop()!.text!.match(/\/u\/([A-Za-z0-9_-]{43})/)![1];
    expect(newToken).not.toBe(token);
    const old = await anon.get(`/api/invite/${token}`);
    const malformed = await anon.get('/api/invite/abc');
    const unknown = await anon.get(`/api/invite/${'A'.repeat(43)}`);
    expect([old.status, malformed.status, unknown.status]).toEqual([404, 404, 404]);
    expect(new Set([old.json.error.message, malformed.json.error.message, unknown.json.error.message]).size).toBe(1);

    await sql(db.url, `UPDATE invite SET expires_at = now() - interval '1 minute' WHERE employee_id = $1 AND state = 'active'`, [cy.id]);
    const expired = await anon.get(`/api/invite/${newToken}`);
    expect(expired.status).toBe(410);
    expect(expired.json.error.message).toMatch(/Ask HR/);
  });

  it('invites everyone not yet invited and sends reminders once per configured day', async () => {
    for (const n of ['dan', 'eve', 'fay']) await other.post('/api/employees', { email: `${n}@beta.test`, firstName: n, lastName: 'Beta' });
    const res = await other.post('/api/invites', { allNotInvited: true });
    expect(res.json.invited).toBe(4); // dan, eve, fay and the earlier bo@alpha.test of Beta
    await waitUntil(() => smtp.count('dan@beta.test') === 1);
    await sql(db.url, `UPDATE invite SET created_at = now() - interval '4 days' WHERE state = 'active' AND employee_id IN (SELECT id FROM employee WHERE email = 'dan@beta.test')`);
    const queue = new Queue('maintenance', { connection: { url: REDIS_URL }, prefix });
    const events = new QueueEvents('maintenance', { connection: { url: REDIS_URL }, prefix });
    try {
      await events.waitUntilReady();
      const first = await waitForJob<{ queued: number }>(queue, await queue.add('send-invite-reminders', {}), events, 30_000);
      expect(first.queued).toBe(1);
      const reminder = await smtp.waitFor('dan@beta.test', /Reminder/);
      expect(reminder.subject).toBe('Reminder: your Beta GmbH headshot');
      const second = await waitForJob<{ queued: number }>(queue, await queue.add('send-invite-reminders', {}), events, 30_000);
      expect(second.queued).toBe(0);
    } finally {
      await queue.close();
      await events.close();
    }
  });
});

async function waitUntil(cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
