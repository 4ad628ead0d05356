import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { uploadPhoto } from './support/invite-link';
import { createOrgWithUser, sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, type TestDatabase } from './support/test-env';

const OWNER = { email: 'hr@refused.test', password: 'refused owner passphrase' };
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/**
 * An employee's group photo is refused at upload: HR sees the attempt and its reason (never the
 * photo) on the person and in the campaign, it is audited, the erase confirmation counts it, and
 * erasing removes it. Another org sees none of it.
 */
describe('refused selfies are visible to HR', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let hr: HttpClient;
  let other: HttpClient;
  let employeeId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    api = await startApi({ DATABASE_URL: db.url, SMTP_URL: smtp.url, TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Refused Co', RATE_LIMIT_PER_MINUTE: '100000' });
    hr = new HttpClient(api.baseUrl);
    expect((await hr.signIn(OWNER.email, OWNER.password)).status).toBe(200);
    await createOrgWithUser(db.url, { orgName: 'Other', slug: 'other-refused', email: 'hr@other-refused.test', password: 'other org passphrase', role: 'owner' });
    other = new HttpClient(api.baseUrl);
    expect((await other.signIn('hr@other-refused.test', 'other org passphrase')).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  it('records each refusal with its codes and sentences, shows it on the person and in the campaign, and audits it', async () => {
    const e = await hr.post('/api/employees', { email: 'ana@refused.test', firstName: 'Ana', lastName: 'Lima', department: 'Sales' });
    employeeId = e.json.id;
    const campaign = await hr.post('/api/campaigns', { name: 'Sales photos', dueOn: day(10), audience: { kind: 'department', department: 'Sales' }, reminderEveryDays: 3 });
    expect(campaign.status).toBe(201);
    const mail = await smtp.waitFor('ana@refused.test');
    const token = mail.text!.match(/\/u\/([A-Za-z0-9_-]{43})/)![1];
    const c = new HttpClient(api.baseUrl);
    await c.get(`/api/invite/${token}`);
    await c.post(`/api/invite/${token}/consent`);

    expect((await hr.get(`/api/employees/${employeeId}/refused-uploads`)).json).toEqual([]);
    const group = await uploadPhoto(api.baseUrl, token, 'group/two-people.jpg', 'group.jpg', c);
    expect(group.status).toBe(422);
    const coffee = await uploadPhoto(api.baseUrl, token, 'nonface/coffee.jpg', 'coffee.jpg', c);
    expect(coffee.status).toBe(422);

    const refused = await hr.get(`/api/employees/${employeeId}/refused-uploads`);
    expect(refused.status).toBe(200);
    // Newest first, with exactly what the employee was shown.
    expect(refused.json.map((r: { checks: { code: string }[] }) => r.checks[0].code)).toEqual([coffee.json.error.checks[0].code, group.json.error.checks[0].code]);
    expect(refused.json[0].checks[0].sentence).toBe(coffee.json.error.checks[0].sentence);
    expect(Object.keys(refused.json[0]).sort()).toEqual(['at', 'checks']);
    // Nothing of the photos is stored.
    expect((await sql(db.url, 'SELECT count(*)::int AS n FROM upload'))[0].n).toBe(0);

    const audit = await sql<{ details: { codes: string[] } }>(db.url, `SELECT details FROM audit_event WHERE action = 'upload.refused' AND subject_id = $1 ORDER BY at`, [employeeId]);
    expect(audit.map((a) => a.details.codes[0])).toEqual([group.json.error.checks[0].code, coffee.json.error.checks[0].code]);

    // The audit log names the person, not "Employee 2fc1fce5".
    const log = await hr.get('/api/audit?action=upload.refused');
    expect(log.json.items.map((i: { subjectName: string }) => i.subjectName)).toEqual(['Ana Lima', 'Ana Lima']);
    expect((await other.get('/api/audit?action=upload.refused')).json.total).toBe(0);

    const members = await hr.get(`/api/campaigns/${campaign.json.campaign.id}/members`);
    expect(members.json.items[0]).toMatchObject({ employeeId, state: 'invited', refusedAttempts: 2, lastRefusal: coffee.json.error.checks[0].sentence });

    expect((await other.get(`/api/employees/${employeeId}/refused-uploads`)).status).toBe(404);
    expect((await other.get(`/api/employees/${employeeId}/erase`)).status).toBe(404);
  }, 120_000);

  it('counts the attempts in the erase confirmation, and erasing removes them', async () => {
    const preview = await hr.get(`/api/employees/${employeeId}/erase`);
    expect(preview.status).toBe(200);
    expect(preview.json).toEqual({ name: 'Ana Lima', email: 'ana@refused.test', uploads: 0, headshots: 0, exports: 0, invites: 1, refusedAttempts: 2 });
    // The preview changed nothing.
    expect((await sql(db.url, 'SELECT count(*)::int AS n FROM upload_attempt'))[0].n).toBe(2);
    expect((await hr.post(`/api/employees/${employeeId}/erase`)).status).toBe(200);
    expect((await sql(db.url, 'SELECT count(*)::int AS n FROM upload_attempt'))[0].n).toBe(0);
    expect((await hr.get(`/api/employees/${employeeId}/refused-uploads`)).status).toBe(404);
    // Erased means erased: the audit log keeps the events, no longer the name.
    const log = await hr.get('/api/audit?action=employee.erased');
    expect(log.json.items[0]).toMatchObject({ subjectId: employeeId, subjectName: null });
  });
});
