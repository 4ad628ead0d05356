import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { createOrgWithUser, sql } from './support/orgs';
import { createTestDatabase, type TestDatabase, uniquePrefix } from './support/test-env';

const OWNER = { email: 'hr@acme.test', password: 'member states passphrase' };
const OTHER = { email: 'hr@beta.test', password: 'other org passphrase' };
const DAY = 86_400_000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

/**
 * Pins what the member-state SQL answers, state by state, on one small campaign whose history is
 * written straight into the tables: the dashboard counts, the member pages by state (with their
 * totals and dates), the refused selfies and the status CSV must agree.
 */
describe('campaign member states: each state, its count, its page', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let hr: HttpClient;
  let other: HttpClient;
  let campaignId: string;
  const ids: Record<string, string> = {};
  const people = ['skip', 'invited', 'uploaded', 'review', 'approved', 'rejected', 'early', 'restyled', 'nagged'];

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi({ DATABASE_URL: db.url, QUEUE_PREFIX: uniquePrefix(), TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Acme' });
    hr = new HttpClient(api.baseUrl);
    await hr.signIn(OWNER.email, OWNER.password);
    await createOrgWithUser(db.url, { orgName: 'Beta GmbH', slug: 'beta', email: OTHER.email, password: OTHER.password, role: 'hr_admin' });
    other = new HttpClient(api.baseUrl);
    await other.signIn(OTHER.email, OTHER.password);
    for (const [i, name] of people.entries()) {
      const res = await hr.post('/api/employees', { email: `${name}@acme.test`, firstName: name, lastName: `Member${i}`, department: 'Sales' });
      expect(res.status).toBe(201);
      ids[name] = res.json.id;
    }
    const started = await hr.post('/api/campaigns', { name: 'States', dueOn: day(1), audience: { kind: 'everyone' } });
    expect(started.status).toBe(201);
    campaignId = started.json.campaign.id;

    // The history, relative to each member's invite (all invited now, one hour back for room).
    const run = (text: string, params: unknown[] = []) => sql(db.url, text, params);
    await run(`UPDATE campaign_member SET invited_at = now() - interval '1 hour' WHERE campaign_id = $1`, [campaignId]);
    await run(`UPDATE campaign_member SET invited_at = NULL, invite_id = NULL, skip_reason = 'Left the company.' WHERE campaign_id = $1 AND employee_id = $2`, [campaignId, ids.skip]);
    // Reminded three times, the last two days ago, no selfie: needs attention.
    await run(`UPDATE campaign_member SET invited_at = now() - interval '5 days', reminders_sent = 3, last_reminder_at = now() - interval '2 days' WHERE campaign_id = $1 AND employee_id = $2`, [campaignId, ids.nagged]);
    const [{ org_id: orgId }] = await run(`SELECT org_id FROM campaign WHERE id = $1`, [campaignId]);
    const [{ id: styleId }] = await run(`INSERT INTO style_version (org_id, version, document) VALUES ($1, 99, '{}'::jsonb) RETURNING id`, [orgId]);
    const upload = async (who: string, minutesAgo: number) => {
      const [{ id }] = await run(
        `INSERT INTO upload (org_id, employee_id, original_key, sha256, width, height, bytes, source_format, created_at)
         VALUES ($1, $2, 'k', 's', 10, 10, 10, 'jpeg', now() - make_interval(mins => $3)) RETURNING id`,
        [orgId, ids[who], minutesAgo],
      );
      return id as string;
    };
    const headshot = (who: string, uploadId: string, state: string, minutesAgo: number, variant = 0) =>
      run(
        `INSERT INTO headshot (org_id, employee_id, upload_id, style_version_id, state, variant, reviewed_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $5 IN ('approved', 'rejected') THEN now() - make_interval(mins => $7) END, now() - make_interval(mins => $7))`,
        [orgId, ids[who], uploadId, styleId, state, variant, minutesAgo],
      );
    await upload('uploaded', 30);
    await headshot('review', await upload('review', 30), 'in_review', 20);
    // Two headshots from one upload: the newest one decides (approved after an earlier rejection).
    const approvedUpload = await upload('approved', 40);
    await upload('approved', 10);
    await headshot('approved', approvedUpload, 'rejected', 30, 0);
    await headshot('approved', approvedUpload, 'approved', 15, 1);
    await headshot('rejected', await upload('rejected', 30), 'rejected', 20);
    // A selfie sent before the invite is no answer to it.
    await upload('early', 120);
    // An old photo re-rendered in a new style since the invite is no answer either, but a fresh upload is.
    const old = await upload('restyled', 120);
    await headshot('restyled', old, 'approved', 5);
    await upload('restyled', 25);
    // Refused selfies since the invite (the latest one's sentence shown), and one from before it.
    for (const [minutesAgo, sentence] of [[50, 'Too dark.'], [20, 'Face too small.'], [200, 'Before the invite.']] as const) {
      await run(`INSERT INTO upload_attempt (org_id, employee_id, checks, created_at) VALUES ($1, $2, $3::jsonb, now() - make_interval(mins => $4))`, [orgId, ids.invited, JSON.stringify([{ sentence }]), minutesAgo]);
    }
  });
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('counts each state once, live', async () => {
    const res = await hr.get(`/api/campaigns/${campaignId}`);
    expect(res.json.counts).toEqual({ members: 9, invited: 8, uploaded: 5, inReview: 1, approved: 1, rejected: 1, missing: 3, skipped: 1, needsAttention: 1 });
    expect((await other.get(`/api/campaigns/${campaignId}`)).status).toBe(404);
  });

  it('lists each state on its own page with the right members, total and dates', async () => {
    const page = async (state: string) => (await hr.get(`/api/campaigns/${campaignId}/members?state=${state}&pageSize=50`)).json;
    const names = async (state: string) => {
      const p = await page(state);
      expect(p.total).toBe(p.items.length);
      return p.items.map((m: { email: string }) => m.email.split('@')[0]);
    };
    expect(await names('skipped')).toEqual(['skip']);
    expect(await names('invited')).toEqual(['invited', 'early', 'nagged']);
    expect(await names('uploaded')).toEqual(['uploaded', 'restyled']);
    expect(await names('in_review')).toEqual(['review']);
    expect(await names('approved')).toEqual(['approved']);
    expect(await names('rejected')).toEqual(['rejected']);
    expect(await names('needs_attention')).toEqual(['nagged']);

    const [approved] = (await page('approved')).items;
    expect(approved).toMatchObject({ state: 'approved', uploadedAt: expect.any(String), approvedAt: expect.any(String), refusedAttempts: 0, lastRefusal: null });
    // The first upload since the invite is the answer's time, not the latest.
    expect(Date.now() - Date.parse(approved.uploadedAt)).toBeGreaterThan(35 * 60_000);
    const [rejected] = (await page('rejected')).items;
    expect(rejected.approvedAt).toBeNull();
    const [invited] = (await page('invited')).items;
    expect(invited).toMatchObject({ email: 'invited@acme.test', uploadedAt: null, refusedAttempts: 2, lastRefusal: 'Face too small.' });
    const [skip] = (await page('skipped')).items;
    expect(skip).toMatchObject({ invitedAt: null, skipReason: 'Left the company.', needsAttention: false });

    // Paged: the second page of two holds the rest, with the same total; past the end, none and the total.
    const second = (await hr.get(`/api/campaigns/${campaignId}/members?state=invited&page=2&pageSize=2`)).json;
    expect(second).toMatchObject({ total: 3, items: [expect.objectContaining({ email: 'nagged@acme.test' })] });
    expect((await hr.get(`/api/campaigns/${campaignId}/members?state=invited&page=9&pageSize=2`)).json).toMatchObject({ total: 3, items: [] });
    expect((await hr.get(`/api/campaigns/${campaignId}/members?q=rej`)).json).toMatchObject({ total: 1, items: [expect.objectContaining({ state: 'rejected' })] });
  });

  it('writes the same states into the status CSV', async () => {
    const csv = (await hr.get(`/api/campaigns/${campaignId}/status.csv`)).text;
    // first name, last name, email, title, department, state, … (no custom fields here)
    const lines = csv.replace(/^\ufeff/, '').trim().split(/\r?\n/).slice(1);
    const cells = (line: string) => line.split(',').map((c) => c.replace(/^"|"$/g, ''));
    const state = Object.fromEntries(lines.map((l) => [cells(l)[2].split('@')[0], cells(l)[5]]));
    expect(state).toEqual({ skip: 'skipped', invited: 'invited', uploaded: 'uploaded', review: 'in_review', approved: 'approved', rejected: 'rejected', early: 'invited', restyled: 'uploaded', nagged: 'invited' });
  });
});
