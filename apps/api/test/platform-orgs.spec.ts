import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { uploadPhoto } from './support/invite-link';
import { sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, REPO_ROOT, type TestDatabase, uniquePrefix } from './support/test-env';

const OPERATOR_TOKEN = 'operator-token-operator-token-operator-0001';
const FIRST = { email: 'owner@first.test', password: 'first org passphrase' };
const bearer = { authorization: `Bearer ${OPERATOR_TOKEN}` };
const CLI = path.join(REPO_ROOT, 'apps/api/dist/cli.js');

/** The operator API, called as a script would: bearer token, no cookies. */
function operator(base: string) {
  const c = new HttpClient(base);
  return {
    get: (p: string) => c.request('GET', p, undefined, { headers: bearer }),
    post: (p: string, body?: unknown) => c.request('POST', p, body, { headers: bearer }),
    patch: (p: string, body: unknown) => c.request('PATCH', p, body, { headers: bearer }),
    delete: (p: string) => c.request('DELETE', p, undefined, { headers: bearer }),
  };
}

function cli(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.once('exit', (code) => resolve({ code, out, err }));
  });
}

// The platform operator runs orgs: creates them with a first owner (API and CLI), lists them with usage,
// sets quotas the orgs run into with clear errors, suspends (nobody signs in, no selfie is accepted) and
// deletes them. Every path is checked against a second org that must stay untouched.
describe('orgs as a platform', () => {
  let db: TestDatabase;
  let smtp: TestSmtp;
  let api: RunningApi;
  let env: Record<string, string>;
  let first: HttpClient;
  let firstOrgId: string;
  let op: ReturnType<typeof operator>;
  let b: { id: string; password: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    env = {
      DATABASE_URL: db.url,
      SMTP_URL: smtp.url,
      QUEUE_PREFIX: uniquePrefix(),
      STORAGE_DIR: `${REPO_ROOT}/var/test-storage-${db.name}`,
      TEAMFRAME_SECRET: 'platform-secret-platform-secret-platform-0',
      TEAMFRAME_OPERATOR_TOKEN: OPERATOR_TOKEN,
      TEAMFRAME_ADMIN_EMAIL: FIRST.email,
      TEAMFRAME_ADMIN_PASSWORD: FIRST.password,
    };
    api = await startApi(env);
    op = operator(api.baseUrl);
    first = new HttpClient(api.baseUrl);
    expect((await first.signIn(FIRST.email, FIRST.password)).status).toBe(200);
    [{ id: firstOrgId }] = await sql<{ id: string }>(db.url, `SELECT org_id AS id FROM app_user WHERE email = $1`, [FIRST.email]);
    expect((await first.post('/api/employees', { email: 'keep@first.test', firstName: 'Keep', lastName: 'Me' })).status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  it('answers only the operator token: not a missing or wrong token, not an owner session', async () => {
    expect((await new HttpClient(api.baseUrl).get('/api/operator/orgs')).status).toBe(401);
    expect((await new HttpClient(api.baseUrl).request('GET', '/api/operator/orgs', undefined, { headers: { authorization: 'Bearer not-the-operator-token-not-the-operator' } })).status).toBe(401);
    expect((await first.get('/api/operator/orgs')).status).toBe(401);
    expect((await first.post('/api/operator/orgs', { name: 'Sneaky', owner: { email: 'x@sneaky.test' } })).status).toBe(401);
    expect(await sql(db.url, `SELECT 1 FROM org WHERE name = 'Sneaky'`)).toHaveLength(0);
  });

  it('creates an org with its first owner, who signs in with the one-time password and sees only their org', async () => {
    const created = await op.post('/api/operator/orgs', { name: 'Globex Subsidiary', owner: { email: 'Boss@Globex.test' }, quotas: { maxEmployees: 2 } });
    expect(created.status, created.text).toBe(201);
    expect(created.json.org).toMatchObject({ name: 'Globex Subsidiary', slug: 'globex-subsidiary', suspendedAt: null, quotas: { maxEmployees: 2, maxStorageBytes: null }, usage: { employees: 0, members: 1 } });
    expect(created.json.owner.email).toBe('boss@globex.test');
    expect(created.json.owner.oneTimePassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    b = { id: created.json.org.id, password: created.json.owner.oneTimePassword };

    const boss = new HttpClient(api.baseUrl);
    expect((await boss.signIn('boss@globex.test', b.password)).status).toBe(200);
    expect((await boss.get('/api/auth/session')).json.org.name).toBe('Globex Subsidiary');
    expect((await boss.get('/api/employees')).json.items).toEqual([]);
    expect((await boss.get('/api/members')).json.map((m: { email: string }) => m.email)).toEqual(['boss@globex.test']);
    const audit = await sql<{ org_id: string; details: { by: string } }>(db.url, `SELECT org_id, details FROM audit_event WHERE action = 'org.created'`);
    expect(audit).toEqual([{ org_id: b.id, details: expect.objectContaining({ by: 'operator', via: 'api' }) }]);
  });

  it('refuses a taken slug and bad input with 4xx, creating nothing', async () => {
    const taken = await op.post('/api/operator/orgs', { name: 'Globex Subsidiary', owner: { email: 'other@globex.test' } });
    expect(taken.status).toBe(409);
    expect(taken.json.error.details[0].path).toBe('slug');
    const bad = await op.post('/api/operator/orgs', { name: '', owner: { email: 'not-an-email' }, quotas: { maxEmployees: -1 } });
    expect(bad.status).toBe(400);
    expect((await op.post('/api/operator/orgs', { name: 'Weak', owner: { email: 'w@weak.test', password: 'short' } })).status).toBe(400);
    expect(await sql(db.url, `SELECT 1 FROM app_user WHERE email IN ('other@globex.test', 'w@weak.test')`)).toHaveLength(0);
  });

  it('lists every org with usage, and finds one by id', async () => {
    const list = await op.get('/api/operator/orgs');
    expect(list.status).toBe(200);
    expect(list.json.map((o: { id: string }) => o.id)).toEqual([firstOrgId, b.id]);
    expect(list.json[0].usage.employees).toBe(1);
    expect((await op.get(`/api/operator/orgs/${b.id}`)).json.slug).toBe('globex-subsidiary');
    expect((await op.get('/api/operator/orgs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await op.get('/api/operator/orgs/not-a-uuid')).status).toBe(404);
  });

  it("enforces the employee quota on adds and imports, with the numbers in the error, and only in that org", async () => {
    const boss = new HttpClient(api.baseUrl);
    await boss.signIn('boss@globex.test', b.password);
    for (const n of [1, 2]) expect((await boss.post('/api/employees', { email: `e${n}@globex.test`, firstName: 'E', lastName: `${n}` })).status).toBe(201);
    const third = await boss.post('/api/employees', { email: 'e3@globex.test', firstName: 'E', lastName: '3' });
    expect(third.status).toBe(409);
    expect(third.json.error).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(third.json.error.message).toContain('at most 2 employees; it has 2');
    // An import that adds people over the quota writes nothing; one that only updates existing people passes.
    const over = await boss.request('POST', '/api/employees/import?dryRun=false', undefined, { raw: 'email,first name,last name\ne1@globex.test,E,One\ne4@globex.test,E,Four\n', headers: { 'content-type': 'text/csv' } });
    expect(over.status).toBe(409);
    expect(over.json.error.code).toBe('QUOTA_EXCEEDED');
    expect(await sql(db.url, `SELECT last_name FROM employee WHERE email = 'e1@globex.test'`)).toEqual([{ last_name: '1' }]);
    const updateOnly = await boss.request('POST', '/api/employees/import?dryRun=false', undefined, { raw: 'email,first name,last name\ne1@globex.test,E,One\n', headers: { 'content-type': 'text/csv' } });
    expect(updateOnly.status, updateOnly.text).toBe(200);
    // The first org has no quota: it keeps adding.
    expect((await first.post('/api/employees', { email: 'more@first.test', firstName: 'More', lastName: 'People' })).status).toBe(201);
    // Raising the quota lets the next one in.
    expect((await op.patch(`/api/operator/orgs/${b.id}`, { quotas: { maxEmployees: 3 } })).json.quotas.maxEmployees).toBe(3);
    expect((await boss.post('/api/employees', { email: 'e3@globex.test', firstName: 'E', lastName: '3' })).status).toBe(201);
  });

  it('enforces the storage quota on selfies, with a clear error, and keeps no file or record', async () => {
    expect((await op.patch(`/api/operator/orgs/${b.id}`, { quotas: { maxStorageBytes: 1000 } })).status).toBe(200);
    const boss = new HttpClient(api.baseUrl);
    await boss.signIn('boss@globex.test', b.password);
    const [{ id: employeeId }] = await sql<{ id: string }>(db.url, `SELECT id FROM employee WHERE email = 'e2@globex.test'`);
    await boss.post('/api/invites', { employeeIds: [employeeId] });
    const token = (await smtp.waitFor('e2@globex.test')).text!.match(/\/u\/([A-Za-z0-9_-]{43})/)![1];
    const c = new HttpClient(api.baseUrl);
    await c.get(`/api/invite/${token}`);
    await c.post(`/api/invite/${token}/consent`);
    const res = await uploadPhoto(api.baseUrl, token, 'portraits/obama-official.jpg', 'me.jpg', c);
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('QUOTA_EXCEEDED');
    expect(res.json.error.message).toMatch(/storage is full \(0\.0 MB of 0\.0 MB used\)/);
    expect(await sql(db.url, `SELECT 1 FROM upload WHERE org_id = $1`, [b.id])).toHaveLength(0);
    expect((await op.patch(`/api/operator/orgs/${b.id}`, { quotas: { maxStorageBytes: null } })).json.quotas.maxStorageBytes).toBeNull();
  }, 60_000);

  it('suspends an org: its sessions end, nobody signs in, no selfie is accepted; the other org works on', async () => {
    const boss = new HttpClient(api.baseUrl);
    await boss.signIn('boss@globex.test', b.password);
    const [{ id: employeeId }] = await sql<{ id: string }>(db.url, `SELECT id FROM employee WHERE email = 'e3@globex.test'`);
    await boss.post('/api/invites', { employeeIds: [employeeId] });
    const token = (await smtp.waitFor('e3@globex.test')).text!.match(/\/u\/([A-Za-z0-9_-]{43})/)![1];
    const link = new HttpClient(api.baseUrl);
    await link.get(`/api/invite/${token}`);
    await link.post(`/api/invite/${token}/consent`);

    const suspended = await op.post(`/api/operator/orgs/${b.id}/suspend`);
    expect(suspended.status).toBe(200);
    expect(suspended.json.suspendedAt).not.toBeNull();
    expect((await boss.get('/api/employees')).status).toBe(401);
    const login = await new HttpClient(api.baseUrl).signIn('boss@globex.test', b.password);
    expect(login.status).toBe(403);
    expect(login.json.error.code).toBe('ORG_SUSPENDED');
    const upload = await uploadPhoto(api.baseUrl, token, 'portraits/obama-official.jpg', 'me.jpg', link);
    expect(upload.status).toBe(403);
    expect(upload.json.error.code).toBe('ORG_SUSPENDED');
    // The first org is not touched.
    expect((await first.get('/api/employees')).status).toBe(200);
    expect((await new HttpClient(api.baseUrl).signIn(FIRST.email, FIRST.password)).status).toBe(200);

    expect((await op.post(`/api/operator/orgs/${b.id}/unsuspend`)).json.suspendedAt).toBeNull();
    expect((await new HttpClient(api.baseUrl).signIn('boss@globex.test', b.password)).status).toBe(200);
  }, 60_000);

  it('deletes only a suspended org, with all its rows, leaving the other org whole', async () => {
    expect((await op.delete(`/api/operator/orgs/${b.id}`)).status).toBe(409);
    await op.post(`/api/operator/orgs/${b.id}/suspend`);
    const deleted = await op.delete(`/api/operator/orgs/${b.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({ deleted: true, id: b.id });
    for (const table of ['org', 'app_user', 'employee', 'invite', 'audit_event', 'session']) {
      expect(await sql(db.url, `SELECT 1 FROM ${table} WHERE ${table === 'org' ? 'id' : 'org_id'} = $1`, [b.id]), table).toHaveLength(0);
    }
    expect((await op.get(`/api/operator/orgs/${b.id}`)).status).toBe(404);
    expect((await op.get('/api/operator/orgs')).json.map((o: { id: string }) => o.id)).toEqual([firstOrgId]);
    expect((await first.get('/api/employees')).json.total).toBe(2);
  });

  it('does the same from the `teamframe org` CLI against the database', async () => {
    const cliEnv = { DATABASE_URL: db.url, STORAGE_DIR: env.STORAGE_DIR };
    const created = await cli(cliEnv, 'org', 'create', '--name', 'Initech', '--owner', 'peter@initech.test', '--max-employees', '5', '--max-storage-mb', '200');
    expect(created.code, created.err).toBe(0);
    const out = JSON.parse(created.out);
    expect(out.org).toMatchObject({ slug: 'initech', quotas: { maxEmployees: 5, maxStorageBytes: 200_000_000 } });
    const peter = new HttpClient(api.baseUrl);
    expect((await peter.signIn('peter@initech.test', out.owner.oneTimePassword)).status).toBe(200);
    expect((await sql(db.url, `SELECT details FROM audit_event WHERE action = 'org.created' AND org_id = $1`, [out.org.id]))[0]).toMatchObject({ details: { by: 'operator', via: 'cli' } });

    const list = await cli(cliEnv, 'org', 'list');
    expect(JSON.parse(list.out).map((o: { slug: string }) => o.slug)).toEqual([expect.any(String), 'initech']);
    expect((await cli(cliEnv, 'org', 'suspend', 'initech')).code).toBe(0);
    expect((await new HttpClient(api.baseUrl).signIn('peter@initech.test', out.owner.oneTimePassword)).status).toBe(403);
    expect((await cli(cliEnv, 'org', 'set', 'initech', '--max-employees', 'none')).code).toBe(0);
    expect(JSON.parse((await cli(cliEnv, 'org', 'show', 'initech')).out).quotas.maxEmployees).toBeNull();

    const unknown = await cli(cliEnv, 'org', 'suspend', 'no-such-org');
    expect(unknown).toMatchObject({ code: 1, err: 'teamframe: No such organisation.\n' });
    const noYes = await cli(cliEnv, 'org', 'delete', 'initech');
    expect(noYes.code).toBe(2);
    expect(noYes.err).toContain('--yes');
    const badLimit = await cli(cliEnv, 'org', 'create', '--name', 'X', '--owner', 'x@x.test', '--max-employees', 'lots');
    expect(badLimit.code).toBe(2);
    const badEmail = await cli(cliEnv, 'org', 'create', '--name', 'X', '--owner', 'nope');
    expect(badEmail).toMatchObject({ code: 2 });
    expect(badEmail.err).toContain('owner.email');
    expect((await cli(cliEnv, 'org', 'delete', 'initech', '--yes')).code).toBe(0);
    expect(await sql(db.url, `SELECT 1 FROM org WHERE slug = 'initech'`)).toHaveLength(0);
  }, 60_000);
});
