import { rmSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { personWithSelfie, type ReviewablePerson, waitForHeadshot } from './support/headshot-flow';
import { HttpClient } from './support/http-client';
import { runMaintenanceJob } from './support/maintenance';
import { addUser, createOrgWithUser, sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, REDIS_URL, REPO_ROOT, type TestDatabase, uniquePrefix } from './support/test-env';

const OWNER = { email: 'owner@notify.test', password: 'notify owner passphrase' };
const HR2 = { email: 'hr2@notify.test', password: 'notify second hr passphrase' };
const MKT = { email: 'mkt@notify.test', password: 'notify marketing passphrase' };
const OTHER = { email: 'owner@elsewhere.test', password: 'elsewhere owner passphrase' };
const PUBLIC_URL = 'https://headshots.notify.test';
// An org name that must be escaped in HTML mail.
const ORG_NAME = 'Notify & Co <HR>';
const DAY = 86_400_000;

const day = (t: Date) => t.toISOString().slice(0, 10);
const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;
const settle = () => new Promise((r) => setTimeout(r, 2_000));

/** Waits until `n` mails to `address` match, then returns the newest. */
async function waitForCount(smtp: TestSmtp, address: string, subject: RegExp, n: number): Promise<ParsedMail> {
  const deadline = Date.now() + 20_000;
  while (smtp.count(address, subject) < n) {
    if (Date.now() > deadline) throw new Error(`expected ${n} mails to ${address} matching ${subject}, got ${smtp.count(address, subject)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return smtp.messages.filter((m) => to(m) === address && subject.test(m.subject ?? '')).pop()!;
}

describe('HR notifications: switches, batch finished, review waiting, daily digest, campaign due', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let prefix: string;
  let storageDir: string;
  let owner: HttpClient;
  let hr2: HttpClient;
  let marketing: HttpClient;
  let other: HttpClient;
  let orgId: string;
  let otherOrgId: string;
  let ana: ReviewablePerson;
  let bo: ReviewablePerson;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    prefix = uniquePrefix();
    storageDir = path.join(REPO_ROOT, 'var', `test-storage-${db.name}`);
    api = await startApi({
      DATABASE_URL: db.url,
      SMTP_URL: smtp.url,
      QUEUE_PREFIX: prefix,
      STORAGE_DIR: storageDir,
      PUBLIC_URL,
      TEAMFRAME_SECRET: 'notify-secret-notify-secret-notify-0123',
      TEAMFRAME_ADMIN_EMAIL: OWNER.email,
      TEAMFRAME_ADMIN_PASSWORD: OWNER.password,
      TEAMFRAME_ORG_NAME: ORG_NAME,
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    owner = new HttpClient(api.baseUrl);
    expect((await owner.signIn(OWNER.email, OWNER.password)).status).toBe(200);
    [{ org_id: orgId }] = await sql<{ org_id: string }>(db.url, 'SELECT org_id FROM app_user WHERE email = $1', [OWNER.email]);
    await addUser(db.url, orgId, HR2.email, HR2.password, 'hr_admin');
    await addUser(db.url, orgId, MKT.email, MKT.password, 'marketing');
    hr2 = new HttpClient(api.baseUrl);
    expect((await hr2.signIn(HR2.email, HR2.password)).status).toBe(200);
    marketing = new HttpClient(api.baseUrl);
    expect((await marketing.signIn(MKT.email, MKT.password)).status).toBe(200);
    ({ orgId: otherOrgId } = await createOrgWithUser(db.url, { orgName: 'Elsewhere', slug: 'elsewhere', email: OTHER.email, password: OTHER.password, role: 'owner' }));
    other = new HttpClient(api.baseUrl);
    expect((await other.signIn(OTHER.email, OTHER.password)).status).toBe(200);
  });
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
    if (storageDir) rmSync(storageDir, { recursive: true, force: true });
  });

  it('gives each HR user their own switches, defaults first, validated; marketing has none', async () => {
    expect((await owner.get('/api/me/notifications')).json).toEqual({ dailyDigest: true, batchFinished: true, reviewWaiting: false, campaignDue: true, saved: false });
    expect((await marketing.get('/api/me/notifications')).status).toBe(403);
    expect((await marketing.request('PUT', '/api/me/notifications', { dailyDigest: true, batchFinished: true, reviewWaiting: true, campaignDue: true })).status).toBe(403);

    for (const bad of [{ dailyDigest: true }, { dailyDigest: 'yes', batchFinished: true, reviewWaiting: true, campaignDue: true }, { dailyDigest: true, batchFinished: true, reviewWaiting: true, campaignDue: true, userId: orgId }]) {
      const res = await hr2.request('PUT', '/api/me/notifications', bad);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
    }
    // The second HR admin wants the review mail instead of the batch mail, and no campaign mail.
    const saved = await hr2.request('PUT', '/api/me/notifications', { dailyDigest: true, batchFinished: false, reviewWaiting: true, campaignDue: false });
    expect(saved.status).toBe(200);
    expect(saved.json).toEqual({ dailyDigest: true, batchFinished: false, reviewWaiting: true, campaignDue: false, saved: true });
    expect((await hr2.get('/api/me/notifications')).json.saved).toBe(true);
    // Somebody else's switches are untouched.
    expect((await owner.get('/api/me/notifications')).json.saved).toBe(false);
    expect((await other.get('/api/me/notifications')).json.saved).toBe(false);
    const audit = await sql<{ action: string; org_id: string }>(db.url, `SELECT action, org_id FROM audit_event WHERE action = 'notifications.updated'`);
    expect(audit).toEqual([{ action: 'notifications.updated', org_id: orgId }]);
  });

  it('sends no digest on a quiet day', async () => {
    const result = await runMaintenanceJob(prefix, 'send-daily-digest', new Date());
    expect(result).toEqual({ orgs: 0, queued: 0 });
    await settle();
    expect(smtp.messages.filter((m) => /summary/.test(m.subject ?? ''))).toHaveLength(0);
  });

  it('mails the end of a batch: counts and failures to those with the batch switch, a review mail to those with only the review switch', async () => {
    expect((await owner.request('PUT', '/api/org/settings', { processingMode: 'batch' })).status).toBe(200);
    ana = await personWithSelfie(owner, smtp, api.baseUrl, { email: 'ana@notify.test', firstName: 'Ana', lastName: 'Lima', photo: 'portraits/obama-official.jpg' });
    bo = await personWithSelfie(owner, smtp, api.baseUrl, { email: 'bo@notify.test', firstName: 'Bo', lastName: 'Ek', photo: 'portraits/biden-official.jpg' });
    // Bo's stored selfie disappears, so his headshot fails after its retries: the mail must count it.
    const [{ original_key }] = await sql<{ original_key: string }>(db.url, 'SELECT original_key FROM upload WHERE employee_id = $1', [bo.employeeId]);
    rmSync(path.join(storageDir, original_key));

    const batch = await owner.post('/api/batches', {});
    expect(batch.status).toBe(201);
    await waitForHeadshot(db.url, ana.employeeId);
    await waitForHeadshot(db.url, bo.employeeId, ['failed'], 90_000);

    const mail = await smtp.waitFor(OWNER.email, /batch finished/);
    expect(mail.subject).toBe(`${ORG_NAME}: batch finished, 1 ready for review, 1 failed`);
    expect(mail.text).toContain('A batch of 2 selfies has finished processing.');
    expect(mail.text).toContain('- 1 headshot ready for review');
    expect(mail.text).toContain('- 1 headshot failed');
    expect(mail.text).toMatch(/- 1 × Processing failed after \d attempts/);
    expect(mail.text).toContain(`Review the headshots: ${PUBLIC_URL}/review`);
    expect(mail.html).toContain('Notify &amp; Co &lt;HR&gt;');
    expect(mail.html).not.toContain('<HR>');
    expect(mail.html).toContain(`href="${PUBLIC_URL}/review"`);

    const review = await smtp.waitFor(HR2.email, /waiting for your review/);
    expect(review.subject).toBe(`${ORG_NAME}: 1 headshot waiting for your review`);
    await settle();
    expect(smtp.count(HR2.email, /batch finished/)).toBe(0);
    expect(smtp.count(OWNER.email, /batch finished/)).toBe(1);
    expect(smtp.count(OWNER.email, /waiting for your review/)).toBe(0);
    expect(smtp.count(MKT.email)).toBe(0);
    expect(smtp.count(OTHER.email)).toBe(0);
  }, 180_000);

  it('bundles selfies processed on arrival into one review mail per window for those with the review switch', async () => {
    expect((await owner.request('PUT', '/api/org/settings', { processingMode: 'on_arrival' })).status).toBe(200);
    const cy = await personWithSelfie(owner, smtp, api.baseUrl, { email: 'cy@notify.test', firstName: 'Cy', lastName: 'Zed', photo: 'portraits/p09_max_luciano.png' });
    await waitForHeadshot(db.url, cy.employeeId);
    // The mail waits until the end of its quarter-hour window; the test does not.
    const mailQueue = new Queue('mail', { connection: { url: REDIS_URL }, prefix });
    try {
      const delayed = (await mailQueue.getDelayed()).filter((j) => j.name === 'hr-review-waiting');
      expect(delayed.map((j) => j.data)).toEqual([{ orgId, userId: expect.any(String) }]);
      for (const j of delayed) await j.promote();
    } finally {
      await mailQueue.close();
    }
    const mail = await smtp.waitFor(HR2.email, /2 headshots waiting for your review/);
    expect(mail.text).toContain('2 people are waiting for you to approve or reject their headshot.');
    await settle();
    expect(smtp.count(OWNER.email, /waiting for your review/)).toBe(0);
  }, 120_000);

  it('sends one digest a day with the org’s own numbers, only to those with the switch on', async () => {
    const now = new Date();
    const result = await runMaintenanceJob(prefix, 'send-daily-digest', now);
    // Only this org had news; its owner and second HR admin have the digest on, marketing never gets it.
    expect(result).toEqual({ orgs: 1, queued: 2 });
    const digest = await smtp.waitFor(OWNER.email, /summary/);
    expect(digest.text).toContain('- 3 new selfies in the last 24 hours');
    expect(digest.text).toContain('- 2 headshots waiting for review');
    expect(digest.text).toContain('- 1 headshot failed and waiting for a retry');
    expect(digest.text).toContain(`Review the headshots: ${PUBLIC_URL}/review`);
    await smtp.waitFor(HR2.email, /summary/);

    // Again the same day: no second mail.
    expect(await runMaintenanceJob(prefix, 'send-daily-digest', new Date(now.getTime() + 60_000))).toEqual({ orgs: 1, queued: 2 });
    await settle();
    expect(smtp.count(OWNER.email, /summary/)).toBe(1);
    expect(smtp.count(HR2.email, /summary/)).toBe(1);
    expect(smtp.count(MKT.email)).toBe(0);
    expect(smtp.count(OTHER.email)).toBe(0);

    // Switched off: nothing the next day, while a colleague still gets theirs.
    expect((await owner.request('PUT', '/api/me/notifications', { dailyDigest: false, batchFinished: true, reviewWaiting: false, campaignDue: true })).status).toBe(200);
    const tomorrow = new Date(now.getTime() + DAY);
    expect(await runMaintenanceJob(prefix, 'send-daily-digest', tomorrow)).toEqual({ orgs: 1, queued: 1 });
    const next = await waitForCount(smtp, HR2.email, /summary/, 2);
    // A day later the selfies are no longer new; the waiting headshots still are.
    expect(next.text).not.toContain('new selfie');
    expect(next.text).toContain('- 2 headshots waiting for review');
    await settle();
    expect(smtp.count(OWNER.email, /summary/)).toBe(1);
  }, 60_000);

  it('mails the day before a campaign is due, with who is missing, each org about its own', async () => {
    const clock = new Date(Date.now() + 10 * DAY);
    const dueOn = day(new Date(clock.getTime() + DAY));
    const [{ id: campaignId }] = await sql<{ id: string }>(db.url, `INSERT INTO campaign (org_id, name, kind, due_on, audience) VALUES ($1, 'Spring <photos>', 'manual', $2, '{"kind":"everyone"}') RETURNING id`, [orgId, dueOn]);
    const dee = await owner.post('/api/employees', { email: 'dee@notify.test', firstName: 'Dee', lastName: 'Ray' });
    // Ana sent her selfie after joining; Dee and Bo were invited a moment ago and have not.
    const invitedAt = new Date(Date.now() - 3 * DAY);
    for (const e of [ana.employeeId, dee.json.id]) {
      await sql(db.url, `INSERT INTO campaign_member (campaign_id, employee_id, org_id, invited_at) VALUES ($1, $2, $3, $4)`, [campaignId, e, orgId, invitedAt]);
    }
    await sql(db.url, `INSERT INTO campaign_member (campaign_id, employee_id, org_id, invited_at) VALUES ($1, $2, $3, now() + interval '1 minute')`, [campaignId, bo.employeeId, orgId]);
    // Due the day after tomorrow (only in the digest), or no longer active: no due-tomorrow mail about these.
    await sql(db.url, `INSERT INTO campaign (org_id, name, kind, due_on, audience) VALUES ($1, 'Later', 'manual', $2, '{"kind":"everyone"}')`, [orgId, day(new Date(clock.getTime() + 2 * DAY))]);
    await sql(db.url, `INSERT INTO campaign (org_id, name, kind, state, due_on, audience) VALUES ($1, 'Ended', 'manual', 'ended', $2, '{"kind":"everyone"}')`, [orgId, dueOn]);
    const [{ id: otherCampaign }] = await sql<{ id: string }>(db.url, `INSERT INTO campaign (org_id, name, kind, due_on, audience) VALUES ($1, 'Elsewhere refresh', 'manual', $2, '{"kind":"everyone"}') RETURNING id`, [otherOrgId, dueOn]);

    // The owner has the switch on; the second HR admin turned it off.
    expect(await runMaintenanceJob(prefix, 'send-campaign-due-notices', clock)).toEqual({ campaigns: 2, queued: 2 });
    const mail = await smtp.waitFor(OWNER.email, /due tomorrow/);
    expect(mail.subject).toBe(`${ORG_NAME}: campaign “Spring <photos>” is due tomorrow`);
    expect(mail.text).toContain('- 2 people have not sent a selfie yet');
    expect(mail.text).toContain(`${PUBLIC_URL}/campaigns/${campaignId}`);
    expect(mail.html).toContain('Spring &lt;photos&gt;');
    const theirs = await smtp.waitFor(OTHER.email, /due tomorrow/);
    expect(theirs.subject).toBe('Elsewhere: campaign “Elsewhere refresh” is due tomorrow');
    expect(theirs.text).toContain('Everyone invited to it has sent a selfie');
    expect(theirs.text).toContain(otherCampaign);
    expect(`${theirs.text}${theirs.html}`).not.toMatch(/Spring|Notify/);

    // Run again: one mail each.
    await runMaintenanceJob(prefix, 'send-campaign-due-notices', new Date(clock.getTime() + 60_000));
    await settle();
    expect(smtp.count(OWNER.email, /due tomorrow/)).toBe(1);
    expect(smtp.count(OTHER.email, /due tomorrow/)).toBe(1);
    expect(smtp.count(HR2.email, /due tomorrow/)).toBe(0);
    expect(smtp.count(MKT.email)).toBe(0);

    // The digest on that day lists the campaign with its missing count.
    await runMaintenanceJob(prefix, 'send-daily-digest', clock);
    const digest = await waitForCount(smtp, HR2.email, /summary/, 3);
    expect(digest.text).toMatch(/- Campaign “Spring <photos>” is due \w+,? \d+ \w+ \d{4}: 2 people still missing/);
    expect(digest.text).toMatch(/- Campaign “Later” is due .*: 0 people still missing/);
    expect(digest.text).not.toContain('Ended');
    expect(digest.text).not.toContain('Elsewhere');
    // Elsewhere's digest shows its own campaign and nothing of this org.
    const elsewhere = await smtp.waitFor(OTHER.email, /summary/);
    expect(elsewhere.text).toMatch(/- Campaign “Elsewhere refresh” is due .*: 0 people still missing/);
    expect(`${elsewhere.text}${elsewhere.html}`).not.toMatch(/Spring|Notify|headshots? waiting|failed/);
  }, 60_000);
});
