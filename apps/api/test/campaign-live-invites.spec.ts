import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { createOrgWithUser } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, type TestDatabase } from './support/test-env';

const OWNER = { email: 'hr@live.test', password: 'live invites owner passphrase' };
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const tokenOf = (text: string) => text.match(/\/u\/([A-Za-z0-9_-]{43})/)![1];

/**
 * "Invite all", then a campaign: people who already hold a working link are shown in the dialog's
 * preview and, when HR keeps their links, get no second mail and their link keeps working. The
 * invite names the campaign, as the dialog promises.
 */
describe('a campaign over people who already hold a live invite', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let hr: HttpClient;
  const mailsTo = (address: string) => smtp.messages.filter((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address === address);

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    api = await startApi({ DATABASE_URL: db.url, SMTP_URL: smtp.url, TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Live Co', RATE_LIMIT_PER_MINUTE: '100000' });
    hr = new HttpClient(api.baseUrl);
    expect((await hr.signIn(OWNER.email, OWNER.password)).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  it('lists the live links in the preview, keeps them when asked (no second mail), and names the campaign in the invite', async () => {
    const ana = await hr.post('/api/employees', { email: 'ana@live.test', firstName: 'Ana', lastName: 'Lima', department: 'Sales' });
    await hr.post('/api/employees', { email: 'bo@live.test', firstName: 'Bo', lastName: 'Ek', department: 'Sales' });
    await hr.post('/api/invites', { employeeIds: [ana.json.id] });
    const anaToken = tokenOf((await smtp.waitFor('ana@live.test')).text!);

    const preview = await hr.post('/api/campaigns/audience', { audience: { kind: 'department', department: 'Sales' } });
    expect(preview.json).toEqual({ count: 2, unknownEmails: [], liveInvites: { count: 1, names: ['Ana Lima'] } });

    const kept = await hr.post('/api/campaigns', { name: 'Sales photos', dueOn: day(10), audience: { kind: 'department', department: 'Sales' }, keepLiveInvites: true });
    expect(kept.status).toBe(201);
    const boMail = await smtp.waitFor('bo@live.test');
    expect(boMail.text).toContain('This is for “Sales photos”.');
    expect(boMail.html).toContain('This is for “Sales photos”.');
    // Give a second mail to Ana every chance to appear: it must not.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(mailsTo('ana@live.test')).toHaveLength(1);
    expect((await new HttpClient(api.baseUrl).get(`/api/invite/${anaToken}`)).status).toBe(200);
    const members = (await hr.get(`/api/campaigns/${kept.json.campaign.id}/members`)).json.items;
    expect(members.map((m: { name: string; state: string }) => [m.name, m.state])).toEqual([
      ['Bo Ek', 'invited'],
      ['Ana Lima', 'invited'],
    ]);
    expect(kept.json.campaign.counts).toMatchObject({ members: 2, invited: 2 });
  }, 60_000);

  it('replaces the live links when HR does not keep them', async () => {
    const anaOld = tokenOf(mailsTo('ana@live.test')[0].text!);
    const fresh = await hr.post('/api/campaigns', { name: 'Second round', dueOn: day(20), audience: { kind: 'department', department: 'Sales' } });
    expect(fresh.status).toBe(201);
    const deadline = Date.now() + 20_000;
    while (mailsTo('ana@live.test').length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const newMail = mailsTo('ana@live.test')[1];
    expect(newMail.text).toContain('This is for “Second round”.');
    expect((await new HttpClient(api.baseUrl).get(`/api/invite/${anaOld}`)).status).toBe(404);
    expect((await new HttpClient(api.baseUrl).get(`/api/invite/${tokenOf(newMail.text!)}`)).status).toBe(200);
  }, 60_000);

  it('never counts another org’s people', async () => {
    await createOrgWithUser(db.url, { orgName: 'Other', slug: 'other-live', email: 'hr@other-live.test', password: 'other org passphrase', role: 'owner' });
    const other = new HttpClient(api.baseUrl);
    expect((await other.signIn('hr@other-live.test', 'other org passphrase')).status).toBe(200);
    expect((await other.post('/api/campaigns/audience', { audience: { kind: 'everyone' } })).json).toEqual({ count: 0, unknownEmails: [], liveInvites: { count: 0, names: [] } });
  });
});
