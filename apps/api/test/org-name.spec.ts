import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/modules/auth/password-hasher';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { createOrgWithUser, sql } from './support/orgs';
import { createTestDatabase, type TestDatabase } from './support/test-env';

const OWNER = { email: 'owner@rename.test', password: 'rename owner passphrase' };
const HR = { email: 'hr@rename.test', password: 'rename hr passphrase 1' };

/** The org's name belongs to its owner: renamed through the general settings, never by HR, never another org's. */
describe('renaming the organisation', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let owner: HttpClient;
  let hr: HttpClient;
  let other: HttpClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi({ DATABASE_URL: db.url, TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Renamo Ltd' });
    owner = new HttpClient(api.baseUrl);
    expect((await owner.signIn(OWNER.email, OWNER.password)).status).toBe(200);
    const [org] = await sql<{ id: string }>(db.url, `SELECT id FROM org WHERE name = 'Renamo Ltd'`);
    await sql(db.url, `INSERT INTO app_user (org_id, email, display_name, role, password_hash) VALUES ($1, $2, 'HR', 'hr_admin', $3)`, [org.id, HR.email, await hashPassword(HR.password)]);
    hr = new HttpClient(api.baseUrl);
    expect((await hr.signIn(HR.email, HR.password)).status).toBe(200);
    await createOrgWithUser(db.url, { orgName: 'Untouched GmbH', slug: 'untouched', email: 'owner@untouched.test', password: 'untouched passphrase', role: 'owner' });
    other = new HttpClient(api.baseUrl);
    expect((await other.signIn('owner@untouched.test', 'untouched passphrase')).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('an owner renames it: the settings, the session and the audit log say the new name; the address stays', async () => {
    const before = (await owner.get('/api/auth/session')).json.org;
    const res = await owner.request('PUT', '/api/org/settings', { name: '  Renamo Group  ', processingMode: 'on_arrival' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: 'Renamo Group', processingMode: 'on_arrival', defaultLanguage: 'en' });
    expect((await owner.get('/api/auth/session')).json.org).toEqual({ ...before, name: 'Renamo Group' });
    expect((await hr.get('/api/org/settings')).json.name).toBe('Renamo Group');
    const [audit] = await sql<{ details: Record<string, unknown> }>(db.url, `SELECT details FROM audit_event WHERE action = 'org.settings_updated' ORDER BY at DESC LIMIT 1`);
    expect(audit.details).toMatchObject({ renamedFrom: 'Renamo Ltd', name: 'Renamo Group' });
    // The other tenant is untouched.
    expect((await other.get('/api/org/settings')).json.name).toBe('Untouched GmbH');
  });

  it('an HR admin may save the settings with the name as it is, but not rename: 403 with a sentence', async () => {
    const refused = await hr.request('PUT', '/api/org/settings', { name: 'HR Was Here', processingMode: 'on_arrival' });
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toBe('Only an owner can rename the organisation.');
    expect((await hr.request('PUT', '/api/org/settings', { name: 'Renamo Group', processingMode: 'batch' })).status).toBe(200);
    expect((await hr.request('PUT', '/api/org/settings', { processingMode: 'on_arrival' })).json.name).toBe('Renamo Group');
  });

  it('refuses an empty or overlong name with a 400 naming the field, and changes nothing', async () => {
    for (const name of ['', '   ', 'x'.repeat(201), 42]) {
      const res = await owner.request('PUT', '/api/org/settings', { name, processingMode: 'on_arrival' });
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(JSON.stringify(res.json)).toContain('name');
    }
    expect((await owner.get('/api/org/settings')).json.name).toBe('Renamo Group');
  });
});
