import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { personWithSelfie, waitForHeadshot } from './support/headshot-flow';
import { HttpClient } from './support/http-client';
import { addUser, createOrgWithUser, sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, type TestDatabase } from './support/test-env';

const OWNER = { email: 'hr@activity.test', password: 'activity owner passphrase' };

/** Reads server-sent events from a live response, one parsed `activity` event at a time. */
class EventReader {
  private buffer = '';
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }
  async next(timeoutMs = 20_000): Promise<Record<string, number | string | null>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (block.includes('event: activity') && data) return JSON.parse(data.slice(6));
        continue;
      }
      if (Date.now() > deadline) throw new Error('no activity event in time');
      const chunk = await Promise.race([this.reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no activity event in time')), deadline - Date.now()))]);
      if (chunk.done) throw new Error('the stream ended');
      this.buffer += this.decoder.decode(chunk.value, { stream: true });
    }
  }
  cancel(): Promise<void> {
    return this.reader.cancel();
  }
}

describe('activity: the dashboard numbers and the live channel', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let hr: HttpClient;
  let other: HttpClient;

  const stream = async (c: HttpClient) => {
    const res = await fetch(`${api.baseUrl}/api/activity/events`, { headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    return new EventReader(res.body!);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    api = await startApi({ DATABASE_URL: db.url, SMTP_URL: smtp.url, TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Activity Co', RATE_LIMIT_PER_MINUTE: '100000' });
    hr = new HttpClient(api.baseUrl);
    expect((await hr.signIn(OWNER.email, OWNER.password)).status).toBe(200);
    await createOrgWithUser(db.url, { orgName: 'Other', slug: 'other-activity', email: 'hr@other-activity.test', password: 'other org passphrase', role: 'owner' });
    other = new HttpClient(api.baseUrl);
    expect((await other.signIn('hr@other-activity.test', 'other org passphrase')).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  it('counts what waits for HR, pushes each change live, and never shows another org’s numbers', async () => {
    const empty = await hr.get('/api/activity');
    expect(empty.status).toBe(200);
    expect(empty.json).toMatchObject({ employees: 0, inReview: 0, missingSelfies: 0, askedToRetake: 0, waitingForBatch: 0, waitingForCheck: 0, processing: 0, failed: 0, approved: 0 });

    const live = await stream(hr);
    const otherLive = await stream(other);
    expect((await live.next()).employees).toBe(0);
    expect((await otherLive.next()).employees).toBe(0);

    // Three invited, one of whom answers: one in review, two still missing.
    const ana = await personWithSelfie(hr, smtp, api.baseUrl, { email: 'ana@activity.test', firstName: 'Ana', lastName: 'A', photo: 'portraits/obama-official.jpg' });
    for (const email of ['bo@activity.test', 'cy@activity.test']) {
      const e = await hr.post('/api/employees', { email, firstName: 'B', lastName: 'C' });
      await hr.post('/api/invites', { employeeIds: [e.json.id] });
    }
    await waitForHeadshot(db.url, ana.employeeId);
    let seen = await live.next();
    const deadline = Date.now() + 30_000;
    while ((seen.inReview !== 1 || seen.missingSelfies !== 2) && Date.now() < deadline) seen = await live.next();
    expect(seen).toMatchObject({ employees: 3, inReview: 1, missingSelfies: 2, approved: 0 });
    expect((await hr.get('/api/activity')).json).toMatchObject({ employees: 3, inReview: 1, missingSelfies: 2 });

    // HR rejects: Ana moves from "in review" to "asked to retake", pushed without asking.
    const [h] = await sql<{ id: string }>(db.url, `SELECT id FROM headshot WHERE employee_id = $1`, [ana.employeeId]);
    expect((await hr.post(`/api/headshots/${h.id}/reject`, { reason: 'Please face the camera.' })).status).toBe(200);
    seen = await live.next();
    expect(seen).toMatchObject({ inReview: 0, askedToRetake: 1, missingSelfies: 2 });
    await live.cancel();

    // The other org saw none of it: its stream stays quiet (no event), its numbers are zero.
    await expect(otherLive.next(3_000)).rejects.toThrow(/no activity event/);
    await otherLive.cancel();
    expect((await other.get('/api/activity')).json).toMatchObject({ employees: 0, inReview: 0, missingSelfies: 0, askedToRetake: 0 });
  }, 240_000);

  it('is HR’s: marketing and strangers are turned away', async () => {
    const [{ org_id }] = await sql<{ org_id: string }>(db.url, `SELECT org_id FROM app_user WHERE email = $1`, [OWNER.email]);
    await addUser(db.url, org_id, 'mkt@activity.test', 'activity marketing passphrase', 'marketing');
    const marketing = new HttpClient(api.baseUrl);
    expect((await marketing.signIn('mkt@activity.test', 'activity marketing passphrase')).status).toBe(200);
    expect((await marketing.get('/api/activity')).status).toBe(403);
    expect((await marketing.get('/api/activity/events')).status).toBe(403);
    expect((await new HttpClient(api.baseUrl).get('/api/activity')).status).toBe(401);
  });
});
