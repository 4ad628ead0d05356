import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { createOrgWithUser } from './support/orgs';
import { createTestDatabase, type TestDatabase } from './support/test-env';

const OWNER = { email: 'owner@members.test', password: 'members owner passphrase' };

describe('members: the org’s accounts and roles', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let owner: HttpClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi({ DATABASE_URL: db.url, TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password });
    owner = new HttpClient(api.baseUrl);
    await owner.signIn(OWNER.email, OWNER.password);
  });
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('adds a marketing member who can sign in, changes the role, and disabling signs them out', async () => {
    const added = await owner.post('/api/members', { email: 'Mia@members.test', displayName: 'Mia', role: 'marketing', password: 'marketing passphrase' });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ email: 'mia@members.test', role: 'marketing', signsInWith: ['password'], disabled: false });
    expect((await owner.post('/api/members', { email: 'mia@members.test', displayName: 'Mia', role: 'marketing' })).status).toBe(409);

    const mia = new HttpClient(api.baseUrl);
    expect((await mia.signIn('mia@members.test', 'marketing passphrase')).status).toBe(200);
    expect((await mia.get('/api/employees')).status).toBe(403);
    expect((await owner.request('PATCH', `/api/members/${added.json.id}`, { role: 'hr_admin' })).json.role).toBe('hr_admin');
    expect((await mia.get('/api/employees')).status).toBe(200);
    expect((await owner.request('PATCH', `/api/members/${added.json.id}`, { disabled: true })).json.disabled).toBe(true);
    expect((await mia.get('/api/auth/session')).status).toBe(401);
    expect((await mia.signIn('mia@members.test', 'marketing passphrase')).status).toBe(401);
  });

  it('never leaves the org without an active owner', async () => {
    const me = (await owner.get('/api/members')).json.find((m: { email: string }) => m.email === OWNER.email);
    const res = await owner.request('PATCH', `/api/members/${me.id}`, { role: 'hr_admin' });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toMatch(/at least one active owner/);
  });

  it('lists the audit log by action prefix, newest first, with the actor', async () => {
    const log = await owner.get('/api/audit?action=member.');
    expect(log.status).toBe(200);
    expect(log.json.items.map((e: { action: string }) => e.action)).toEqual(['member.updated', 'member.updated', 'member.created']);
    expect(log.json.items[2].actor.email).toBe(OWNER.email);
    const signIns = await owner.get('/api/audit?action=auth.&pageSize=1');
    expect(signIns.json.total).toBeGreaterThanOrEqual(2);
    expect(signIns.json.items).toHaveLength(1);
    expect((await owner.get('/api/audit?action=DROP%20TABLE')).status).toBe(400);
  });

  it("does not show or change another org's members", async () => {
    const { userId } = await createOrgWithUser(db.url, { orgName: 'Else', slug: 'else', email: 'owner@else.test', password: 'else owner passphrase', role: 'owner' });
    expect((await owner.get('/api/members')).json.map((m: { email: string }) => m.email)).not.toContain('owner@else.test');
    expect((await owner.request('PATCH', `/api/members/${userId}`, { disabled: true })).status).toBe(404);
    const other = new HttpClient(api.baseUrl);
    await other.signIn('owner@else.test', 'else owner passphrase');
    expect((await other.get('/api/audit?action=member.')).json.total).toBe(0);
  });
});
