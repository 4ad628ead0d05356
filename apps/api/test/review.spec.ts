import { randomBytes } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signImagePath } from '../src/modules/review/signed-url';
import { type RunningApi, startApi } from './support/api-process';
import { personWithSelfie, type ReviewablePerson, waitForHeadshot } from './support/headshot-flow';
import { HttpClient } from './support/http-client';
import { addUser, createOrgWithUser, sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from './support/test-env';

const OWNER = { email: 'hr@review.test', password: 'review owner passphrase' };
const SECRET = randomBytes(32).toString('hex');

describe('HR review: approve, reject, regenerate, and who sees the images', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let hr: HttpClient;
  let marketing: HttpClient;
  let other: HttpClient;
  let storageDir: string;
  let ana: ReviewablePerson;
  let bo: ReviewablePerson;
  let cy: ReviewablePerson;
  let di: ReviewablePerson;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    storageDir = path.join(REPO_ROOT, 'var', `test-storage-${db.name}`);
    api = await startApi({
      DATABASE_URL: db.url,
      SMTP_URL: smtp.url,
      STORAGE_DIR: storageDir,
      TEAMFRAME_SECRET: SECRET,
      TEAMFRAME_ADMIN_EMAIL: OWNER.email,
      TEAMFRAME_ADMIN_PASSWORD: OWNER.password,
      TEAMFRAME_ORG_NAME: 'Review Co',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    hr = new HttpClient(api.baseUrl);
    expect((await hr.signIn(OWNER.email, OWNER.password)).status).toBe(200);
    const [{ org_id }] = await sql<{ org_id: string }>(db.url, 'SELECT org_id FROM app_user LIMIT 1');
    await addUser(db.url, org_id, 'mkt@review.test', 'review marketing passphrase', 'marketing');
    marketing = new HttpClient(api.baseUrl);
    expect((await marketing.signIn('mkt@review.test', 'review marketing passphrase')).status).toBe(200);
    await createOrgWithUser(db.url, { orgName: 'Other', slug: 'other-review', email: 'hr@other-review.test', password: 'other org passphrase', role: 'owner' });
    other = new HttpClient(api.baseUrl);
    expect((await other.signIn('hr@other-review.test', 'other org passphrase')).status).toBe(200);

    ana = await personWithSelfie(hr, smtp, api.baseUrl, { email: 'ana@review.test', firstName: 'Ana', lastName: 'Lima', title: 'CEO', department: 'Board', photo: 'portraits/obama-official.jpg' });
    bo = await personWithSelfie(hr, smtp, api.baseUrl, { email: 'bo@review.test', firstName: 'Bo', lastName: 'Ek', department: 'Sales', photo: 'portraits/biden-official.jpg' });
    cy = await personWithSelfie(hr, smtp, api.baseUrl, { email: 'cy@review.test', firstName: 'Cy', lastName: 'Zed', department: 'Sales', photo: 'portraits/p09_max_luciano.png' });
    di = await personWithSelfie(hr, smtp, api.baseUrl, { email: 'di@review.test', firstName: 'Di', lastName: 'Oh', department: 'Sales', photo: 'portraits/p03_tf_grace_hopper.jpg' });
    for (const p of [ana, bo, cy, di]) await waitForHeadshot(db.url, p.employeeId);
  }, 400_000);
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  const item = async (employeeId: string, state = 'in_review') => (await hr.get(`/api/review?state=${state}&pageSize=200`)).json.items.find((i: { employeeId: string }) => i.employeeId === employeeId);

  it('lists each employee’s headshot in review with name, department, score and warnings; filters and pages', async () => {
    const page = await hr.get('/api/review');
    expect(page.status).toBe(200);
    expect(page.json.total).toBe(4);
    const a = page.json.items.find((i: { employeeId: string }) => i.employeeId === ana.employeeId);
    expect(a).toMatchObject({ firstName: 'Ana', lastName: 'Lima', title: 'CEO', department: 'Board', state: 'in_review', version: 0, result: 1 });
    expect(a.qualityScore).toBeGreaterThan(0);
    expect(Array.isArray(a.warnings)).toBe(true);
    expect(a.renditions).toEqual(expect.arrayContaining(['web', 'linkedin', 'print']));
    expect((await hr.get('/api/review?department=Sales')).json.total).toBe(3);
    expect((await hr.get('/api/review?q=lima')).json.items.map((i: { employeeId: string }) => i.employeeId)).toEqual([ana.employeeId]);
    const p2 = await hr.get('/api/review?pageSize=3&page=2');
    expect(p2.json).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(p2.json.items).toHaveLength(1);
    expect((await hr.get('/api/review?state=approved')).json.total).toBe(0);
    expect((await hr.get('/api/review?state=superseded')).status).toBe(400);
  });

  it('previews an adjustment without keeping it, then lists every result of the selfie so HR can pick one', async () => {
    const c = await item(cy.employeeId);
    // The viewer opens the stored rendition with the most pixels: for this 400 px selfie the print is made
    // smaller (at most 1.5× enlarged), so that is not necessarily the print.
    const [{ renditions }] = await sql<{ renditions: { name: string; width: number; height: number }[] }>(db.url, 'SELECT renditions FROM headshot WHERE id = $1', [c.headshotId]);
    const most = Math.max(...renditions.map((r) => r.width * r.height));
    expect(renditions.filter((r) => r.width * r.height === most).map((r) => r.name)).toContain(c.fullSize);
    const before = await sql<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM headshot WHERE employee_id = $1', [cy.employeeId]);
    const plain = await hr.post(`/api/headshots/${c.headshotId}/preview`, {});
    const closer = await hr.post(`/api/headshots/${c.headshotId}/preview`, { cropNudge: { vertical: 0, zoom: 0.2 } });
    expect(plain.status).toBe(200);
    expect(closer.json.image).toMatch(/^data:image\/jpeg;base64,/);
    // Zooming in makes the face fill more of the frame: the two previews differ.
    const [a, b] = await Promise.all([plain, closer].map((r) => sharp(Buffer.from(r.json.image.split(',')[1], 'base64')).raw().toBuffer()));
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff += Math.abs(a[i] - b[i]);
    expect(diff / a.length).toBeGreaterThan(5);
    expect((await sql<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM headshot WHERE employee_id = $1', [cy.employeeId]))[0].n).toBe(before[0].n);
    expect((await hr.post(`/api/headshots/${c.headshotId}/preview`, { exposure: 5 })).status).toBe(400);
    expect((await other.post(`/api/headshots/${c.headshotId}/preview`, {})).status).toBe(404);

    const regen = await hr.post(`/api/headshots/${c.headshotId}/regenerate`, { exposure: 0.1 });
    await waitForHeadshot(db.url, cy.employeeId);
    const results = await hr.get(`/api/headshots/${regen.json.headshotId}/results`);
    expect(results.status).toBe(200);
    expect(results.json.map((r: { headshotId: string; result: number; state: string }) => [r.headshotId, r.result, r.state])).toEqual([
      [c.headshotId, 1, 'in_review'],
      [regen.json.headshotId, 2, 'in_review'],
    ]);
    expect(results.json[1].adjustments).toEqual({ exposure: 0.1 });
    expect((await other.get(`/api/headshots/${c.headshotId}/results`)).status).toBe(404);
    // Choosing the first result is approving it: the later one is superseded.
    expect((await hr.post(`/api/headshots/${c.headshotId}/approve`)).status).toBe(200);
    const after = await hr.get(`/api/headshots/${c.headshotId}/results`);
    expect(after.json.map((r: { state: string }) => r.state)).toEqual(['approved', 'superseded']);
  }, 180_000);

  it('regenerates a new version with adjustments, keeps the earlier one, and on approval supersedes it and mails the headshot', async () => {
    const first = (await item(ana.employeeId)).headshotId;
    const regen = await hr.post(`/api/headshots/${first}/regenerate`, { cropNudge: { vertical: 0.02, zoom: 0.1 }, exposure: 0.05 });
    expect(regen.status).toBe(202);
    expect(regen.json.state).toBe('queued');
    expect((await hr.post(`/api/headshots/${first}/regenerate`, { exposure: 5 })).status).toBe(400);
    const second = await waitForHeadshot(db.url, ana.employeeId);
    expect(second).toBe(regen.json.headshotId);
    const latest = await item(ana.employeeId);
    expect(latest).toMatchObject({ headshotId: second, version: 1, result: 2, adjustments: { cropNudge: { vertical: 0.02, zoom: 0.1 }, exposure: 0.05 } });
    expect((await sql(db.url, 'SELECT state FROM headshot WHERE id = $1', [first]))[0].state).toBe('in_review');

    const approved = await hr.post(`/api/headshots/${second}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ headshotId: second, state: 'approved' });
    const states = await sql<{ id: string; state: string }>(db.url, 'SELECT id, state FROM headshot WHERE employee_id = $1', [ana.employeeId]);
    expect(Object.fromEntries(states.map((s) => [s.id, s.state]))).toEqual({ [first]: 'superseded', [second]: 'approved' });
    expect((await hr.get(`/api/employees/${ana.employeeId}`)).json.status).toBe('approved');
    expect((await hr.post(`/api/headshots/${second}/approve`)).status).toBe(409);
    expect((await hr.post(`/api/headshots/${first}/approve`)).status).toBe(409);

    const mail = await smtp.waitFor(ana.email, /headshot is ready/);
    expect(mail.attachments).toHaveLength(1);
    const meta = await sharp(mail.attachments[0].content).metadata();
    expect({ w: meta.width, h: meta.height }).toEqual({ w: 400, h: 400 });
    // The employee's own link now shows it.
    expect((await new HttpClient(api.baseUrl).get(`/api/invite/${ana.token}`)).json.headshotUrl).toMatch(/headshot$/);
    const audit = await sql<{ action: string; actor_user_id: string | null }>(db.url, `SELECT action, actor_user_id FROM audit_event WHERE subject_id IN ($1, $2) ORDER BY at`, [first, second]);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['headshot.regenerated', 'headshot.approved']));
  }, 180_000);

  it('rejects with a reason: ONE mail carries the reason and a fresh link of the normal term; the old link stops working', async () => {
    const h = (await item(bo.employeeId)).headshotId;
    expect((await hr.post(`/api/headshots/${h}/reject`, {})).status).toBe(400);
    const mailsBefore = smtp.count(bo.email, /./);
    const rejectedAt = Date.now();
    const res = await hr.post(`/api/headshots/${h}/reject`, { reason: 'Your face is partly hidden <by a hand>. Please retake in daylight.' });
    expect(res.status).toBe(200);
    expect(res.json.state).toBe('rejected');
    expect((await hr.get(`/api/employees/${bo.employeeId}`)).json.status).toBe('rejected');
    const reasonMail = await smtp.waitFor(bo.email, /another selfie/);
    expect(reasonMail.text).toContain('Your face is partly hidden <by a hand>. Please retake in daylight.');
    expect(reasonMail.html).toContain('&lt;by a hand&gt;');
    const fresh = reasonMail.text!.match(/\/u\/([A-Za-z0-9_-]{43})/)![1];
    expect(reasonMail.html).toContain(`/u/${fresh}`);
    expect(fresh).not.toBe(bo.token);
    // The default term (INVITE_TTL_DAYS = 14) from the rejection, named the way every mail names a day.
    const expires = new Date(rejectedAt + 14 * 86_400_000).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    expect(reasonMail.text).toContain(`works until ${expires}`);
    const [invite] = await sql<{ expires_at: Date; sent_at: Date | null }>(db.url, `SELECT expires_at, sent_at FROM invite WHERE employee_id = $1 AND state = 'active'`, [bo.employeeId]);
    expect(Math.abs(new Date(invite.expires_at).getTime() - (rejectedAt + 14 * 86_400_000))).toBeLessThan(60_000);
    expect(invite.sent_at).not.toBeNull();
    // No second, generic invite follows.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(smtp.count(bo.email, /./)).toBe(mailsBefore + 1);
    expect((await new HttpClient(api.baseUrl).get(`/api/invite/${bo.token}`)).status).toBe(404);
    const page = await new HttpClient(api.baseUrl).get(`/api/invite/${fresh}`);
    expect(page.json).toMatchObject({ status: 'rejected', rejectionReason: 'Your face is partly hidden <by a hand>. Please retake in daylight.' });
    expect((await hr.get('/api/review?state=rejected')).json.items.map((i: { employeeId: string }) => i.employeeId)).toEqual([bo.employeeId]);
    expect((await hr.post(`/api/headshots/${h}/approve`)).status).toBe(409);
    const [audit] = await sql<{ details: { reason: string } }>(db.url, `SELECT details FROM audit_event WHERE action = 'headshot.rejected' AND subject_id = $1`, [h]);
    expect(audit.details.reason).toMatch(/partly hidden/);
  }, 60_000);

  it('approves many at once and lists what it skipped', async () => {
    const ids = [(await item(di.employeeId)).headshotId];
    const approvedAna = (await item(ana.employeeId, 'approved')).headshotId;
    const res = await hr.post('/api/review/approve', { headshotIds: [...ids, approvedAna, '00000000-0000-4000-8000-000000000000'] });
    expect(res.status).toBe(200);
    expect(res.json.approved).toBe(1);
    expect(res.json.skipped.map((s: { headshotId: string }) => s.headshotId).sort()).toEqual([approvedAna, '00000000-0000-4000-8000-000000000000'].sort());
    expect((await hr.get('/api/review?state=approved')).json.total).toBe(3);
    expect((await hr.get('/api/review?state=in_review')).json.total).toBe(0);
    await smtp.waitFor(cy.email, /headshot is ready/);
    await smtp.waitFor(di.email, /headshot is ready/);
    expect((await sql(db.url, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'headshot.approved'`))[0].n).toBe(3);
  });

  it('serves renditions and originals to the org only, privately and unsniffable', async () => {
    const a = await item(ana.employeeId, 'approved');
    const img = await fetch(`${api.baseUrl}/api/headshots/${a.headshotId}/renditions/linkedin`, { headers: { cookie: cookieOf(hr) } });
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    expect(img.headers.get('x-content-type-options')).toBe('nosniff');
    expect(img.headers.get('cache-control')).toBe('private, no-store');
    expect((await sharp(Buffer.from(await img.arrayBuffer())).metadata()).width).toBe(400);
    const orig = await fetch(`${api.baseUrl}/api/uploads/${a.uploadId}/original`, { headers: { cookie: cookieOf(hr) } });
    // Originals may be deleted after approval by retention; the Bo upload (rejected) still has one.
    const b = await item(bo.employeeId, 'rejected');
    const boOrig = await fetch(`${api.baseUrl}/api/uploads/${b.uploadId}/original`, { headers: { cookie: cookieOf(hr) } });
    expect([200, 404]).toContain(orig.status);
    expect(boOrig.status).toBe(200);
    expect(boOrig.headers.get('cache-control')).toBe('private, no-store');
    expect(boOrig.headers.get('x-content-type-options')).toBe('nosniff');

    expect((await new HttpClient(api.baseUrl).get(`/api/headshots/${a.headshotId}/renditions/linkedin`)).status).toBe(401);
    expect((await hr.get(`/api/headshots/${a.headshotId}/renditions/nope`)).status).toBe(404);
    for (const path of [`/api/headshots/${a.headshotId}/renditions/linkedin`, `/api/uploads/${b.uploadId}/original`, `/api/headshots/${a.headshotId}/image-url?rendition=web`, '/api/review?state=approved']) {
      const res = await other.get(path);
      if (path.startsWith('/api/review')) expect(res.json.total).toBe(0);
      else expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    expect((await other.post(`/api/headshots/${a.headshotId}/approve`)).status).toBe(404);
    expect((await other.post(`/api/headshots/${b.headshotId}/reject`, { reason: 'not yours to judge' })).status).toBe(404);
    expect((await other.post(`/api/headshots/${b.headshotId}/regenerate`, {})).status).toBe(404);
    expect((await other.post('/api/review/approve', { headshotIds: [a.headshotId] })).json).toMatchObject({ approved: 0 });
  });

  it('hands out signed image URLs that work without the cookie for five minutes, and not when altered', async () => {
    const a = await item(ana.employeeId, 'approved');
    const signed = await hr.get(`/api/headshots/${a.headshotId}/image-url?rendition=web`);
    expect(signed.status).toBe(200);
    const left = new Date(signed.json.expiresAt).getTime() - Date.now();
    expect(left).toBeGreaterThan(280_000);
    expect(left).toBeLessThanOrEqual(300_000);
    const ok = await fetch(api.baseUrl + signed.json.url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('private, no-store');
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');

    const url = new URL(api.baseUrl + signed.json.url);
    const sig = url.searchParams.get('sig')!;
    const tampered = new URL(url);
    tampered.searchParams.set('sig', (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1));
    const later = new URL(url);
    later.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    const otherRendition = new URL(url.toString().replace('/renditions/web', '/renditions/print'));
    for (const u of [tampered, later, otherRendition]) expect((await fetch(u)).status).toBe(404);
    const expired = signImagePath(SECRET, { kind: 'rendition', headshotId: a.headshotId, name: 'web' }, Date.now() - 301_000);
    expect((await fetch(api.baseUrl + expired.path)).status).toBe(404);
    const fresh = signImagePath(SECRET, { kind: 'rendition', headshotId: a.headshotId, name: 'web' });
    expect((await fetch(api.baseUrl + fresh.path)).status).toBe(200);

    const b = await item(bo.employeeId, 'rejected');
    const original = await hr.get(`/api/headshots/${b.headshotId}/image-url?rendition=original`);
    expect(original.status).toBe(200);
    expect((await fetch(api.baseUrl + original.json.url)).status).toBe(200);
    expect((await hr.get(`/api/headshots/${b.headshotId}/image-url?rendition=nope`)).status).toBe(404);
    expect((await hr.get(`/api/headshots/${b.headshotId}/image-url?rendition=../x`)).status).toBe(400);
  });

  it('lets marketing see approved images but not review or see selfies', async () => {
    const a = await item(ana.employeeId, 'approved');
    const b = await item(bo.employeeId, 'rejected');
    expect((await marketing.get(`/api/headshots/${a.headshotId}/renditions/web`)).status).toBe(200);
    expect((await marketing.get(`/api/headshots/${a.headshotId}/image-url?rendition=web`)).status).toBe(200);
    expect((await marketing.get(`/api/headshots/${b.headshotId}/image-url?rendition=original`)).status).toBe(404);
    expect((await marketing.get(`/api/uploads/${b.uploadId}/original`)).status).toBe(403);
    expect((await marketing.get('/api/review')).status).toBe(403);
    expect((await marketing.post(`/api/headshots/${b.headshotId}/approve`)).status).toBe(403);
    expect((await marketing.post('/api/review/approve', { headshotIds: [b.headshotId] })).status).toBe(403);
    expect((await marketing.post(`/api/headshots/${b.headshotId}/reject`, { reason: 'marketing says no' })).status).toBe(403);
  });
});

function cookieOf(c: HttpClient): string {
  return [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}
