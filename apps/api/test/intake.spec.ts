import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { inviteEmployee, uploadPhoto } from './support/invite-link';
import { createOrgWithUser, sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, REPO_ROOT, TESTDATA, type TestDatabase } from './support/test-env';

const OWNER = { email: 'hr@intake.test', password: 'intake owner passphrase' };

describe('selfie intake: the upload link, checks, storage and processing', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let hr: HttpClient;
  let storageDir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    storageDir = path.join(REPO_ROOT, 'var', `test-storage-${db.name}`);
    api = await startApi({ DATABASE_URL: db.url, SMTP_URL: smtp.url, STORAGE_DIR: storageDir, TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Intake Co' });
    hr = new HttpClient(api.baseUrl);
    expect((await hr.signIn(OWNER.email, OWNER.password)).status).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  /** The employee's browser: a client that has loaded the page (and so has the CSRF cookie). */
  async function employeeBrowser(token: string) {
    const c = new HttpClient(api.baseUrl);
    const page = await c.get(`/api/invite/${token}`);
    return { c, page };
  }

  it('greets the employee, asks for consent first, then accepts a good selfie and stores it without metadata', async () => {
    const { token, employeeId } = await inviteEmployee(hr, smtp, 'ana@intake.test', 'Ana', 'Lima');
    const { c, page } = await employeeBrowser(token);
    expect(page.status).toBe(200);
    expect(page.json).toMatchObject({ firstName: 'Ana', orgName: 'Intake Co', consentAcceptedAt: null, status: 'invited', headshotUrl: null });
    expect(page.json.consentText).toMatch(/never used to train/);

    const early = await uploadPhoto(api.baseUrl, token, 'hard/with-gps-exif.jpg', 'me.jpg', c);
    expect(early.status).toBe(409);
    expect((await c.post(`/api/invite/${token}/consent`)).status).toBe(200);

    const ok = await uploadPhoto(api.baseUrl, token, 'hard/with-gps-exif.jpg', 'me.jpg', c);
    expect(ok.status).toBe(201);
    expect(ok.json.status).toBe('processing');
    const [upload] = await sql<{ original_key: string }>(db.url, 'SELECT original_key FROM upload WHERE employee_id = $1', [employeeId]);
    const stored = readFileSync(path.join(storageDir, upload.original_key));
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(stored.includes(Buffer.from('GPS'))).toBe(false);
    const audit = await sql(db.url, `SELECT action FROM audit_event WHERE subject_id = $1 ORDER BY at`, [employeeId]);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['employee.consent_accepted', 'upload.accepted']));
  });

  it('tells the employee at once why a photo is unusable, and stores nothing', async () => {
    const { token, employeeId } = await inviteEmployee(hr, smtp, 'bo@intake.test', 'Bo', 'Ek');
    const { c } = await employeeBrowser(token);
    await c.post(`/api/invite/${token}/consent`);
    const cases: [string, number, string][] = [
      ['group/two-people.jpg', 422, 'MULTIPLE_FACES'],
      ['nonface/coffee.jpg', 422, 'NO_FACE'],
      // a tight face crop: the style's head-and-shoulders canvas would have to invent the shoulders
      ['portraits/p08_mediapipe_sergey.png', 422, 'BODY_CUT_OFF'],
      ['hard/pixel-bomb-20000.png', 422, 'TOO_MANY_PIXELS'],
      ['hard/truncated.jpg', 422, 'CORRUPT_IMAGE'],
      ['hard/tiny-200.jpg', 422, 'IMAGE_TOO_SMALL'],
    ];
    for (const [file, status, code] of cases) {
      const res = await uploadPhoto(api.baseUrl, token, file, path.basename(file), c);
      expect({ file, status: res.status, code: res.json.error?.checks?.[0]?.code }).toEqual({ file, status, code });
      expect(res.json.error.checks[0].sentence.length).toBeGreaterThan(10);
    }
    for (const file of ['hard/script.svg', 'hard/not-an-image.jpg']) {
      const res = await uploadPhoto(api.baseUrl, token, file, 'photo.jpg', c);
      expect(res.status).toBe(415);
      expect(res.json.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const tooBig = await uploadPhoto(api.baseUrl, token, Buffer.concat([readFileSync(path.join(TESTDATA, 'hard/large-16mp.jpg')), Buffer.alloc(26 * 1024 * 1024)]), 'big.jpg', c);
    expect(tooBig.status).toBe(413);
    expect(await sql(db.url, 'SELECT id FROM upload WHERE employee_id = $1', [employeeId])).toEqual([]);
  });

  it('processes an accepted selfie into renditions waiting for review', async () => {
    const [ana] = await sql<{ id: string }>(db.url, `SELECT id FROM employee WHERE email = 'ana@intake.test'`);
    const deadline = Date.now() + 90_000;
    let state = '';
    while (Date.now() < deadline) {
      [{ state }] = await sql<{ state: string }>(db.url, `SELECT state FROM headshot WHERE employee_id = $1 AND state <> 'superseded'`, [ana.id]);
      if (state === 'in_review' || state === 'failed') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(state).toBe('in_review');
    const [h] = await sql<{ renditions: { name: string; key: string; width: number }[]; quality_score: number }>(db.url, `SELECT renditions, quality_score FROM headshot WHERE employee_id = $1 AND state = 'in_review'`, [ana.id]);
    expect(h.renditions.length).toBeGreaterThanOrEqual(3);
    for (const r of h.renditions) {
      const meta = await sharp(readFileSync(path.join(storageDir, r.key))).metadata();
      expect(meta.width).toBe(r.width);
      expect(meta.exif).toBeUndefined();
    }
    expect((await hr.get(`/api/employees/${ana.id}`)).json.status).toBe('in_review');
  });

  it('in batch mode holds selfies until HR starts a batch pinned to the current style', async () => {
    expect((await hr.request('PUT', '/api/org/settings', { processingMode: 'batch' })).json).toMatchObject({ processingMode: 'batch', defaultLanguage: 'en' });
    const { token, employeeId } = await inviteEmployee(hr, smtp, 'cy@intake.test', 'Cy', 'Zed');
    const { c } = await employeeBrowser(token);
    await c.post(`/api/invite/${token}/consent`);
    const res = await uploadPhoto(api.baseUrl, token, 'portraits/obama-official.jpg', 'cy.jpg', c);
    expect(res.status).toBe(201);
    expect(res.json.status).toBe('uploaded');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await sql(db.url, `SELECT state FROM headshot WHERE employee_id = $1`, [employeeId]))[0].state).toBe('waiting');

    const batch = await hr.post('/api/batches', {});
    expect(batch.status).toBe(201);
    expect(batch.json.total).toBe(1);
    const deadline = Date.now() + 90_000;
    let progress = batch.json;
    while (!progress.done && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      progress = (await hr.get(`/api/batches/${batch.json.id}`)).json;
    }
    expect(progress).toMatchObject({ done: true, counts: { in_review: 1 }, failures: [] });
    expect((await hr.post('/api/batches', {})).status).toBe(409);
  }, 120_000);

  it("keeps each org's batches and headshots to itself", async () => {
    await createOrgWithUser(db.url, { orgName: 'Other', slug: 'other', email: 'hr@other.test', password: 'other org passphrase', role: 'hr_admin' });
    const other = new HttpClient(api.baseUrl);
    await other.signIn('hr@other.test', 'other org passphrase');
    const [b] = await sql<{ id: string }>(db.url, 'SELECT id FROM batch LIMIT 1');
    expect((await other.get(`/api/batches/${b.id}`)).status).toBe(404);
    expect((await other.get('/api/batches')).json).toEqual([]);
    const [h] = await sql<{ id: string }>(db.url, `SELECT id FROM headshot LIMIT 1`);
    expect((await other.post(`/api/headshots/${h.id}/retry`)).status).toBe(404);
  });

  it("checks at upload whether the org's own style can frame the photo", async () => {
    const upload = async (email: string) => {
      const { token } = await inviteEmployee(hr, smtp, email, 'Lu', 'Ci');
      const { c } = await employeeBrowser(token);
      await c.post(`/api/invite/${token}/consent`);
      return uploadPhoto(api.baseUrl, token, 'portraits/p09_max_luciano.png', 'me.png', c);
    };
    // the current style (head and shoulders, face 0.36 ± 0.04 of a square canvas) fits this 400 px photo
    expect((await upload('lu@intake.test')).status).toBe(201);
    // a looser, exact square framing would need shoulders the photo cuts at its sides
    const current = (await hr.get('/api/styles/versions')).json.find((v: { current: boolean }) => v.current).document;
    const saved = await hr.post('/api/styles', { document: { ...current, framing: { eyeLine: 0.42, faceHeight: 0.3, tolerance: { faceHeight: 0, eyeLine: 0, centre: 0 } } } });
    expect(saved.status).toBeLessThan(300);
    const refused = await upload('ci@intake.test');
    expect({ status: refused.status, code: refused.json.error?.checks?.[0]?.code }).toEqual({ status: 422, code: 'SHOULDERS_CUT_OFF' });
    expect(refused.json.error.checks[0].tip).toMatch(/further away/);
  });
});
