import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, type TestDatabase } from './support/test-env';
import { formulaCells, readAsSpreadsheet } from './support/spreadsheet';

const OWNER = { email: 'hr@acme.test', password: 'campaign owner passphrase' };

describe('invite settings: automatic invites, domain restriction, follow-up and status CSV', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let hr: HttpClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    api = await startApi({ DATABASE_URL: db.url, SMTP_URL: smtp.url, TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Acme' });
    hr = new HttpClient(api.baseUrl);
    await hr.signIn(OWNER.email, OWNER.password);
  });
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  it('invites new employees automatically, but only inside the allowed domains', async () => {
    expect((await hr.get('/api/invites/settings')).json).toEqual({ autoInvite: false, allowedDomains: [] });
    expect((await hr.request('PUT', '/api/invites/settings', { autoInvite: true, allowedDomains: ['not a domain'] })).status).toBe(400);
    expect((await hr.request('PUT', '/api/invites/settings', { autoInvite: true, allowedDomains: ['Acme.test'] })).json).toEqual({ autoInvite: true, allowedDomains: ['acme.test'] });

    const added = await hr.post('/api/employees', { email: 'new@acme.test', firstName: 'New', lastName: 'Hire' });
    expect(added.json.status).toBe('invited');
    await smtp.waitFor('new@acme.test', /Acme/);
    const sub = await hr.post('/api/employees', { email: 'ops@eu.acme.test', firstName: 'Sub', lastName: 'Domain' });
    expect(sub.json.status).toBe('invited');

    const outsider = await hr.post('/api/employees', { email: 'friend@gmail.test', firstName: 'Out', lastName: 'Sider' });
    expect(outsider.json.status).toBe('not_invited');
    const refused = await hr.post('/api/invites', { employeeIds: [outsider.json.id] });
    expect(refused.json).toEqual({ invited: 0, skipped: [{ employeeId: outsider.json.id, reason: expect.stringMatching(/outside your organisation's email domains \(acme\.test\)/) }] });

    const csv = 'email,first name,last name\nbulk1@acme.test,Bulk,One\nbulk2@acme.test,Bulk,Two\n';
    const imported = await hr.request('POST', '/api/employees/import?dryRun=false', undefined, { raw: csv, headers: { 'content-type': 'text/csv' } });
    expect(imported.json.created).toBe(2);
    await smtp.waitFor('bulk2@acme.test', /Acme/);
    expect((await hr.get('/api/employees?status=invited')).json.total).toBe(4);
  });

  it('lists people who did not answer after every reminder, and gives HR a fresh link to send by chat', async () => {
    const [e] = await sql<{ id: string }>(db.url, `SELECT id FROM employee WHERE email = 'bulk1@acme.test'`);
    expect((await hr.get('/api/invites/needs-attention')).json).toEqual([]);
    await sql(db.url, `UPDATE invite SET reminders_sent = 2, last_reminder_at = now() - interval '2 days', created_at = now() - interval '9 days' WHERE employee_id = $1 AND state = 'active'`, [e.id]);
    const list = (await hr.get('/api/invites/needs-attention')).json;
    expect(list).toEqual([expect.objectContaining({ employeeId: e.id, email: 'bulk1@acme.test', remindersSent: 2 })]);

    const oldLink = smtp.messages.filter((m) => m.text?.includes('/u/') && (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address === 'bulk1@acme.test').pop()!.text!.match(/\/u\/([A-Za-z0-9_-]{43})/)![1];
    const fresh = await hr.post(`/api/invites/${e.id}/link`);
    expect(fresh.status).toBe(201);
    const token = fresh.json.link.match(/\/u\/([A-Za-z0-9_-]{43})$/)[1];
    const anon = new HttpClient(api.baseUrl);
    expect((await anon.get(`/api/invite/${token}`)).status).toBe(200);
    expect((await anon.get(`/api/invite/${oldLink}`)).status).toBe(404);
    const audit = await sql<{ action: string }>(db.url, `SELECT action FROM audit_event WHERE subject_id = $1`, [e.id]);
    expect(audit.map((a) => a.action)).toContain('invite.link_copied');
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('exports every employee’s state as CSV that a spreadsheet cannot execute', async () => {
    await hr.post('/api/employees', { email: 'evil@acme.test', firstName: '=HYPERLINK("http://x.test")', lastName: '@SUM(A1)', department: '+Sales' });
    const res = await fetch(`${api.baseUrl}/api/employees/status.csv`, { headers: { cookie: [...hr.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    // Names and addresses: no shared cache keeps them, no browser reads them as anything but CSV.
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await res.arrayBuffer());
    // A UTF-8 byte-order mark, so spreadsheets read accents right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const rows = readAsSpreadsheet(text, ',');
    expect(rows[0]).toEqual(['first name', 'last name', 'email', 'title', 'department', 'status', 'invited', 'uploaded', 'approved']);
    const evil = rows.find((r) => r.includes('evil@acme.test'))!;
    expect(evil.slice(0, 5)).toEqual([`'=HYPERLINK("http://x.test")`, "'@SUM(A1)", 'evil@acme.test', '', "'+Sales"]);
    expect(rows).toContainEqual(['Out', 'Sider', 'friend@gmail.test', '', '', 'not_invited', '', '', '']);
    for (const separator of [',', ';'] as const) expect(formulaCells(readAsSpreadsheet(text, separator))).toEqual([]);
  });
});
