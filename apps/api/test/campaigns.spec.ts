import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { waitForHeadshot } from './support/headshot-flow';
import { HttpClient } from './support/http-client';
import { uploadPhoto } from './support/invite-link';
import { runMaintenanceJob } from './support/maintenance';
import { createOrgWithUser, sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, type TestDatabase, uniquePrefix } from './support/test-env';
import { formulaCells, readAsSpreadsheet } from './support/spreadsheet';

const OWNER = { email: 'hr@acme.test', password: 'campaign owner passphrase' };
const OTHER = { email: 'hr@beta.test', password: 'other org passphrase' };
const DAY = 86_400_000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

describe('campaigns: membership, reminders until the due day, follow-up, summary, schedulers', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let hr: HttpClient;
  let other: HttpClient;
  let storage: string;
  const prefix = uniquePrefix();
  const ids: Record<string, string> = {};
  let salesCampaign: string;

  const runCampaigns = (now: Date) => runMaintenanceJob<{ reminded: number; onboarded: number; refreshInvited: number; ended: number }>(prefix, 'run-campaigns', now);
  const tokenFrom = (text: string) => text.match(/\/u\/([A-Za-z0-9_-]{43})/)![1];
  const mailsTo = (email: string, subject: RegExp) => smtp.messages.filter((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address === email && subject.test(m.subject ?? ''));

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    storage = mkdtempSync(path.join(tmpdir(), 'tf-campaigns-'));
    api = await startApi({ DATABASE_URL: db.url, SMTP_URL: smtp.url, STORAGE_DIR: storage, QUEUE_PREFIX: prefix, TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Acme' });
    hr = new HttpClient(api.baseUrl);
    await hr.signIn(OWNER.email, OWNER.password);
    await createOrgWithUser(db.url, { orgName: 'Beta GmbH', slug: 'beta', email: OTHER.email, password: OTHER.password, role: 'hr_admin' });
    other = new HttpClient(api.baseUrl);
    await other.signIn(OTHER.email, OTHER.password);
    const people = [
      ['ana@acme.test', 'Ana', 'Alves', 'Sales'],
      ['ben@acme.test', 'Ben', 'Berg', 'sales'],
      ['cy@acme.test', 'Cy', 'Chen', 'Engineering'],
      ['dee@partner.test', 'Dee', 'Doe', 'Sales'],
      ['eve@acme.test', '=HYPERLINK("http://x.test")', 'Evans', 'Sales'],
    ];
    for (const [email, firstName, lastName, department] of people) {
      const res = await hr.post('/api/employees', { email, firstName, lastName, department });
      expect(res.status).toBe(201);
      ids[email] = res.json.id;
    }
    await other.post('/api/employees', { email: 'zed@beta.test', firstName: 'Zed', lastName: 'Beta', department: 'Sales' });
  });
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
    rmSync(storage, { recursive: true, force: true });
  });

  it('previews each kind of audience inside the caller’s org only', async () => {
    // Nobody is invited yet here, so no one holds a live link (campaign-live-invites.spec covers those).
    const count = async (audience: unknown) => {
      const { liveInvites, ...rest } = (await hr.post('/api/campaigns/audience', { audience })).json;
      expect(liveInvites).toEqual({ count: 0, names: [] });
      return rest;
    };
    expect(await count({ kind: 'everyone' })).toEqual({ count: 5, unknownEmails: [] });
    expect(await count({ kind: 'department', department: 'SALES' })).toEqual({ count: 4, unknownEmails: [] });
    expect(await count({ kind: 'list', emails: ['Cy@Acme.test', 'zed@beta.test', 'nobody@acme.test'] })).toEqual({ count: 1, unknownEmails: ['zed@beta.test', 'nobody@acme.test'] });
    expect(await count({ kind: 'new_since', since: day(1) })).toEqual({ count: 0, unknownEmails: [] });
    expect(await count({ kind: 'new_since', since: day(0) })).toEqual({ count: 5, unknownEmails: [] });
    const bad = await hr.post('/api/campaigns/audience', { audience: { kind: 'department' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details).toEqual([expect.objectContaining({ path: 'audience.department' })]);
  });

  it('refuses a campaign without a name, with a past or impossible due date, or matching nobody', async () => {
    const post = (body: unknown) => hr.post('/api/campaigns', body);
    expect((await post({ name: '', dueOn: day(7), audience: { kind: 'everyone' } })).json.error.details[0].path).toBe('name');
    expect((await post({ name: 'X', dueOn: '2026-02-30', audience: { kind: 'everyone' } })).json.error.details[0].path).toBe('dueOn');
    const past = await post({ name: 'X', dueOn: day(-1), audience: { kind: 'everyone' } });
    expect(past.status).toBe(400);
    expect(past.json.error.details).toEqual([{ path: 'dueOn', message: 'must be today or later' }]);
    const nobody = await post({ name: 'X', dueOn: day(7), audience: { kind: 'department', department: 'Legal' } });
    expect(nobody.status).toBe(400);
    expect((await post({ name: 'X', dueOn: day(7), audience: { kind: 'everyone' }, reminderEveryDays: 0 })).status).toBe(400);
    expect((await hr.get('/api/campaigns')).json).toEqual([]);
  });

  it('starts a department campaign: members fixed, invites sent, an address outside the domains skipped with the reason', async () => {
    await hr.request('PUT', '/api/invites/settings', { autoInvite: false, allowedDomains: ['acme.test'] });
    const res = await hr.post('/api/campaigns', { name: 'Sales photos', dueOn: day(10), audience: { kind: 'department', department: 'Sales' }, reminderEveryDays: 3 });
    expect(res.status).toBe(201);
    salesCampaign = res.json.campaign.id;
    expect(res.json.campaign).toMatchObject({ name: 'Sales photos', kind: 'manual', state: 'active', dueOn: day(10), reminderEveryDays: 3, createdBy: expect.any(String) });
    expect(res.json.campaign.counts).toEqual({ members: 4, invited: 3, uploaded: 0, inReview: 0, approved: 0, rejected: 0, missing: 3, skipped: 1, needsAttention: 0 });
    expect(res.json.skipped).toEqual([{ email: 'dee@partner.test', reason: expect.stringMatching(/outside your organisation's email domains/) }]);
    const mail = await smtp.waitFor('ana@acme.test', /would like your headshot/);
    expect(mail.text).toMatch(/Please send it by/);
    await smtp.waitFor('ben@acme.test');
    expect(mailsTo('cy@acme.test', /./)).toHaveLength(0);

    const members = (await hr.get(`/api/campaigns/${salesCampaign}/members`)).json;
    expect(members.total).toBe(4);
    expect(members.items.map((m: { email: string; state: string }) => [m.email, m.state])).toEqual([
      ['ana@acme.test', 'invited'],
      ['ben@acme.test', 'invited'],
      ['dee@partner.test', 'skipped'],
      ['eve@acme.test', 'invited'],
    ]);
    expect((await hr.get(`/api/campaigns/${salesCampaign}/members?state=skipped`)).json.items[0].skipReason).toMatch(/partner\.test/);
    expect((await hr.get(`/api/campaigns/${salesCampaign}/members?q=ben`)).json.total).toBe(1);
  });

  it('keeps another org out of the campaign entirely', async () => {
    expect((await other.get('/api/campaigns')).json).toEqual([]);
    for (const [method, url] of [
      ['GET', `/api/campaigns/${salesCampaign}`],
      ['GET', `/api/campaigns/${salesCampaign}/members`],
      ['GET', `/api/campaigns/${salesCampaign}/status.csv`],
      ['POST', `/api/campaigns/${salesCampaign}/remind`],
      ['POST', `/api/campaigns/${salesCampaign}/end`],
    ]) {
      const res = await other.request(method, url, method === 'POST' && url.endsWith('remind') ? { allMissing: true } : undefined);
      expect(res.status, url).toBe(404);
    }
    expect((await hr.get('/api/campaigns/not-a-uuid')).status).toBe(404);
  });

  it('reminds on the schedule until the due day, and stops for whoever uploaded', async () => {
    const token = tokenFrom((await smtp.waitFor('ana@acme.test')).text!);
    const anon = new HttpClient(api.baseUrl);
    await anon.get(`/api/invite/${token}`);
    expect((await anon.post(`/api/invite/${token}/consent`)).status).toBe(200);
    expect((await uploadPhoto(api.baseUrl, token, 'portraits/obama-official.jpg', 'me.jpg', anon)).status).toBe(201);

    // Day 2: nothing due yet.
    expect((await runCampaigns(new Date(Date.now() + 2 * DAY))).reminded).toBe(0);
    // Day 3 and a bit: Ben and Eve are reminded, Ana (uploaded) is not. A second run is a no-op.
    expect((await runCampaigns(new Date(Date.now() + 3 * DAY + 3_600_000))).reminded).toBe(2);
    expect((await runCampaigns(new Date(Date.now() + 3 * DAY + 7_200_000))).reminded).toBe(0);
    await smtp.waitFor('ben@acme.test', /Reminder/);
    await smtp.waitFor('eve@acme.test', /Reminder/);
    // Every three days after the last reminder (day 6.5), then the last call on the day before the due day (day 9.2).
    expect((await runCampaigns(new Date(Date.now() + 6.5 * DAY))).reminded).toBe(2);
    expect((await runCampaigns(new Date(Date.now() + 9.2 * DAY))).reminded).toBe(2);
    // After the due day: no more reminders.
    expect((await runCampaigns(new Date(Date.now() + 11.5 * DAY))).reminded).toBe(0);
    await expect.poll(() => mailsTo('ben@acme.test', /Reminder/).length, { timeout: 15_000 }).toBe(3);
    expect(mailsTo('ana@acme.test', /Reminder/)).toHaveLength(0);
    const [ben] = (await hr.get(`/api/campaigns/${salesCampaign}/members?q=ben`)).json.items;
    expect(ben).toMatchObject({ state: 'invited', remindersSent: 3 });
    const [ana] = (await hr.get(`/api/campaigns/${salesCampaign}/members?q=ana`)).json.items;
    expect(ana.state).not.toBe('invited');
    expect(ana.uploadedAt).toEqual(expect.any(String));
  });

  it('lists who still has not answered after the last reminder, resends in one click, and ends with a frozen summary', async () => {
    expect((await hr.get(`/api/campaigns/${salesCampaign}/members?state=needs_attention`)).json.total).toBe(0);
    // The last reminder went out over a day ago (the scheduler ran with a future clock; the list uses the real one).
    await sql(db.url, `UPDATE campaign_member SET last_reminder_at = now() - interval '2 days' WHERE campaign_id = $1 AND reminders_sent > 0`, [salesCampaign]);
    const attention = (await hr.get(`/api/campaigns/${salesCampaign}/members?state=needs_attention`)).json;
    expect(attention.items.map((m: { email: string }) => m.email).sort()).toEqual(['ben@acme.test', 'eve@acme.test']);
    expect((await hr.get(`/api/campaigns/${salesCampaign}`)).json.counts.needsAttention).toBe(2);

    const before = mailsTo('ben@acme.test', /Reminder/).length;
    expect((await hr.post(`/api/campaigns/${salesCampaign}/remind`, { employeeIds: [ids['ben@acme.test'], ids['ana@acme.test']] })).json).toEqual({ reminded: 1 });
    await expect.poll(() => mailsTo('ben@acme.test', /Reminder/).length, { timeout: 15_000 }).toBe(before + 1);
    // The reminder carries the same link as the invite: nothing was rotated.
    const links = mailsTo('ben@acme.test', /./).map((m) => tokenFrom(m.text!));
    expect(new Set(links).size).toBe(1);
    expect((await hr.post(`/api/campaigns/${salesCampaign}/remind`, { allMissing: true })).json).toEqual({ reminded: 2 });

    // A link copied for chat replaces Eve's link but keeps her in the campaign: its reminders carry the new link.
    const copied = await hr.post(`/api/invites/${ids['eve@acme.test']}/link`);
    const fresh = tokenFrom(copied.json.link);
    expect((await hr.post(`/api/campaigns/${salesCampaign}/remind`, { employeeIds: [ids['eve@acme.test']] })).json).toEqual({ reminded: 1 });
    await expect.poll(() => mailsTo('eve@acme.test', /Reminder/).some((m) => tokenFrom(m.text!) === fresh), { timeout: 15_000 }).toBe(true);

    await waitForHeadshot(db.url, ids['ana@acme.test'], ['in_review']);
    const live = (await hr.get(`/api/campaigns/${salesCampaign}`)).json.counts;
    expect(live).toMatchObject({ members: 4, invited: 3, uploaded: 1, inReview: 1, approved: 0, missing: 2, skipped: 1 });

    const ended = await hr.post(`/api/campaigns/${salesCampaign}/end`);
    expect(ended.status).toBe(200);
    expect(ended.json).toMatchObject({ state: 'ended', endedAt: expect.any(String), counts: live });
    expect((await hr.post(`/api/campaigns/${salesCampaign}/end`)).status).toBe(409);
    expect((await hr.post(`/api/campaigns/${salesCampaign}/remind`, { allMissing: true })).status).toBe(409);
    // Frozen: approving Ana now does not change the ended campaign's summary.
    const [h] = await sql<{ id: string }>(db.url, `SELECT id FROM headshot WHERE employee_id = $1 AND state = 'in_review'`, [ids['ana@acme.test']]);
    expect((await hr.post(`/api/headshots/${h.id}/approve`)).status).toBe(200);
    expect((await hr.get(`/api/campaigns/${salesCampaign}`)).json.counts.approved).toBe(0);
    expect((await runCampaigns(new Date(Date.now() + 4 * DAY))).reminded).toBe(0);
  });

  it('exports the campaign’s states, with custom fields, as CSV that a spreadsheet cannot execute', async () => {
    expect((await hr.post('/api/custom-fields', { label: 'Pronouns' })).status).toBe(201);
    expect((await hr.request('PATCH', `/api/employees/${ids['ben@acme.test']}`, { customFields: { pronouns: 'he/him' } })).status).toBe(200);
    const res = await fetch(`${api.baseUrl}/api/campaigns/${salesCampaign}/status.csv`, { headers: { cookie: [...hr.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="sales-photos-status.csv"');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = readAsSpreadsheet(text, ',');
    expect(lines[0]).toEqual(['first name', 'last name', 'email', 'title', 'department', 'Pronouns', 'state', 'needs attention', 'invited', 'reminders', 'last reminder', 'uploaded', 'approved', 'note']);
    const ben = lines.find((l) => l.includes('ben@acme.test'))!;
    expect(ben.slice(0, 8)).toEqual(['Ben', 'Berg', 'ben@acme.test', '', 'sales', 'he/him', 'invited', '']);
    expect(ben[9]).toBe('5');
    expect(lines).toHaveLength(5);
    const eve = lines.find((l) => l.includes('eve@acme.test'))!;
    expect(eve[0].startsWith(`'=HYPERLINK`)).toBe(true);
    const dee = lines.find((l) => l.includes('dee@partner.test'))!;
    expect(dee[6]).toBe('skipped');
    expect(dee[13]).toMatch(/outside your organisation/);
    for (const separator of [',', ';'] as const) expect(formulaCells(readAsSpreadsheet(text, separator))).toEqual([]);
  });

  it('puts new starters into the onboarding campaign, and the sweep invites anyone missed, with a controllable clock', async () => {
    await hr.request('PUT', '/api/invites/settings', { autoInvite: true, allowedDomains: ['acme.test'] });
    const added = await hr.post('/api/employees', { email: 'new@acme.test', firstName: 'New', lastName: 'Starter', department: 'Ops' });
    expect(added.json.status).toBe('invited');
    await smtp.waitFor('new@acme.test');
    const onboarding = (await hr.get('/api/campaigns')).json.find((c: { kind: string }) => c.kind === 'onboarding');
    expect(onboarding).toMatchObject({ name: 'New starters', dueOn: null, state: 'active', counts: expect.objectContaining({ members: 1, invited: 1 }) });

    // Two people saved without their invite (as if the process stopped in between): one added after
    // automatic invites were switched on, one before. Only the first is swept up.
    const [org] = await sql<{ id: string }>(db.url, `SELECT id FROM org WHERE name = 'Acme'`);
    await sql(db.url, `INSERT INTO employee (org_id, email, first_name, last_name, created_at) VALUES ($1, 'missed@acme.test', 'Missed', 'Once', now()), ($1, 'older@acme.test', 'Older', 'Hire', now() - interval '5 hours')`, [org.id]);
    // Five minutes after being added is too soon for the sweep (the normal path may still be on it).
    expect((await runCampaigns(new Date(Date.now() + 5 * 60_000))).onboarded).toBe(0);
    expect((await runCampaigns(new Date(Date.now() + 11 * 60_000))).onboarded).toBe(1);
    expect((await runCampaigns(new Date(Date.now() + 12 * 60_000))).onboarded).toBe(0);
    await smtp.waitFor('missed@acme.test');
    expect(mailsTo('older@acme.test', /./)).toHaveLength(0);
    expect((await hr.get(`/api/campaigns/${onboarding.id}`)).json.counts.members).toBe(2);
    // The other org's settings are untouched and it sees none of this.
    expect((await other.get('/api/invites/settings')).json.autoInvite).toBe(false);
    expect((await other.get('/api/campaigns')).json).toEqual([]);
  });

  it('re-invites people whose approved headshot is older than the refresh cycle, as a new campaign', async () => {
    expect((await hr.get('/api/campaigns/settings')).json).toEqual({ refreshMonths: null });
    expect((await hr.request('PUT', '/api/campaigns/settings', { refreshMonths: 0 })).status).toBe(400);
    expect((await hr.request('PUT', '/api/campaigns/settings', { refreshMonths: 61 })).status).toBe(400);
    expect((await hr.request('PUT', '/api/campaigns/settings', { refreshMonths: 12 })).json).toEqual({ refreshMonths: 12 });
    expect((await other.get('/api/campaigns/settings')).json).toEqual({ refreshMonths: null });

    const eng = await hr.post('/api/campaigns', { name: 'Engineering', dueOn: day(3), audience: { kind: 'list', emails: ['cy@acme.test'] } });
    expect(eng.status).toBe(201);
    await smtp.waitFor('cy@acme.test');
    // Eleven months on, Ana's headshot (approved above) is not due; thirteen months on it is.
    expect(await runCampaigns(new Date(Date.now() + 335 * DAY))).toMatchObject({ refreshInvited: 0, ended: 1 });
    const later = new Date(Date.now() + 396 * DAY);
    const run = await runCampaigns(later);
    expect(run.refreshInvited).toBe(1);
    expect((await runCampaigns(new Date(later.getTime() + 3_600_000))).refreshInvited).toBe(0);
    const mail = await smtp.waitFor('ana@acme.test', /Time to refresh/);
    expect(mail.text).toMatch(/getting old/);

    const refresh = (await hr.get('/api/campaigns')).json.find((c: { kind: string }) => c.kind === 'refresh');
    expect(refresh).toMatchObject({ state: 'active', audience: { kind: 'refresh', olderThanMonths: 12 }, counts: expect.objectContaining({ members: 1, invited: 1, missing: 1 }) });
    expect(refresh.name).toMatch(/^Headshot refresh, /);
    // Ana's status is still approved (her current headshot stays in exports until a new one is approved)…
    expect((await hr.get(`/api/employees/${ids['ana@acme.test']}`)).json.status).toBe('approved');
    // …and her new selfie counts for the refresh campaign, which stops reminding her.
    const token = tokenFrom(mail.text!);
    const anon = new HttpClient(api.baseUrl);
    // Her page asks for a new selfie (and says by when), though her current headshot is approved.
    expect((await anon.get(`/api/invite/${token}`)).json).toMatchObject({ status: 'invited', refresh: true, dueOn: refresh.dueOn, headshotUrl: expect.any(String) });
    await anon.post(`/api/invite/${token}/consent`);
    expect((await uploadPhoto(api.baseUrl, token, 'portraits/biden-official.jpg', 'me.jpg', anon)).status).toBe(201);
    expect((await hr.get(`/api/campaigns/${refresh.id}/members`)).json.items[0].state).not.toBe('invited');
    expect((await anon.get(`/api/invite/${token}`)).json.status).not.toBe('invited');
    // Campaigns past their due day by two weeks end by themselves, with their summary.
    expect((await hr.get(`/api/campaigns/${eng.json.campaign.id}`)).json).toMatchObject({ state: 'ended', counts: expect.objectContaining({ invited: 1, missing: 1 }) });
  });
});
