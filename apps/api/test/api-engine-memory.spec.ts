import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { uploadPhoto } from './support/invite-link';
import { sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, specEnv, type TestDatabase } from './support/test-env';

const OWNER = { email: 'hr@engine-memory.test', password: 'engine memory owner passphrase' };
const IDLE_SECONDS = 3;
const SECRET = 'engine-memory-secret-engine-memory-secret-0';

/** Resident set of a process, MB (from /proc). */
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

// Issue 16: an `api` process held a pool of pixel threads, models in each, from its first upload on
// (400–800 MB). Now it checks uploads in one thread and closes it when no photo came for a while.
describe('an api process checks uploads in one pixel thread and lets it go when idle', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let hr: HttpClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    api = await startApi({ ...specEnv(db, smtp.url, OWNER), TEAMFRAME_ROLE: 'api', TEAMFRAME_SECRET: SECRET, PIPELINE_IDLE_SECONDS: String(IDLE_SECONDS), LOG_LEVEL: 'info' });
    hr = new HttpClient(api.baseUrl);
    await hr.signIn(OWNER.email, OWNER.password);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  /** An employee with consent given, and their upload link's client (an `api` process sends no mail: the token is derived as the mail worker does). */
  async function consentedEmployee(email: string): Promise<{ token: string; client: HttpClient }> {
    const created = await hr.post('/api/employees', { email, firstName: 'Test', lastName: 'Person', department: 'QA' });
    expect(created.status).toBe(201);
    await hr.post('/api/invites', { employeeIds: [created.json.id] });
    const [invite] = await sql<{ id: string }>(db.url, `SELECT id FROM invite WHERE employee_id = $1 AND state = 'active'`, [created.json.id]);
    const token = createHmac('sha256', SECRET).update(`invite:${invite.id}`).digest('base64url');
    const client = new HttpClient(api.baseUrl);
    await client.get(`/api/invite/${token}`);
    expect((await client.post(`/api/invite/${token}/consent`)).status).toBe(200);
    return { token, client };
  }

  it('stays under 250 MB before any photo (no models loaded)', async () => {
    await new Promise((r) => setTimeout(r, 1000));
    expect(rssMb(api.proc.pid!)).toBeLessThan(250);
    expect(api.output()).not.toMatch(/headshot engine ready/);
  });

  it('starts one thread for an upload, closes it when idle, starts it again for the next', async () => {
    const photo = 'portraits/obama-official.jpg';
    const first = await consentedEmployee('first@engine-memory.test');
    expect((await uploadPhoto(api.baseUrl, first.token, photo, 'me.jpg', first.client)).status).toBe(201);
    expect(api.output()).toMatch(/"threads":1[,}].*headshot engine ready/);
    // no photo for IDLE_SECONDS: the thread and its models go
    expect(await waitFor(() => /pixel threads closed/.test(api.output()), (IDLE_SECONDS + 10) * 1000)).toBe(true);

    const second = await consentedEmployee('second@engine-memory.test');
    expect((await uploadPhoto(api.baseUrl, second.token, photo, 'me.jpg', second.client)).status).toBe(201);
    expect(api.output().match(/headshot engine ready/g)).toHaveLength(2);
  }, 180_000);
});
