import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { personWithSelfie, type ReviewablePerson, waitForHeadshot } from './support/headshot-flow';
import { HttpClient } from './support/http-client';
import { sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from './support/test-env';

const OWNER = { email: 'hr@profile.test', password: 'profile owner passphrase' };
const RING = '#c0392b';
const PROFILE = { name: 'profile', width: 600, height: 600, format: 'png', profile: { shape: 'circle', ring: { colour: RING, width: 0.03 } } };

/** Straight RGBA pixels of an image. */
async function pixels(bytes: Buffer) {
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { w: info.width, at: (x: number, y: number) => [...data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4)] };
}

describe('profile picture: a round PNG for the employee and in exports', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let hr: HttpClient;
  let storageDir: string;
  /** Made with the default style (no profile picture), before HR adds one. */
  let before: ReviewablePerson;
  /** Made after HR saved a style with a round profile picture. */
  let after: ReviewablePerson;
  const inReview: Record<string, string> = {};
  const tmp = mkdtempSync(path.join(tmpdir(), 'tf-profile-'));

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    storageDir = path.join(REPO_ROOT, 'var', `test-storage-${db.name}`);
    api = await startApi({
      DATABASE_URL: db.url,
      SMTP_URL: smtp.url,
      STORAGE_DIR: storageDir,
      TEAMFRAME_ADMIN_EMAIL: OWNER.email,
      TEAMFRAME_ADMIN_PASSWORD: OWNER.password,
      TEAMFRAME_ORG_NAME: 'Profile Co',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    hr = new HttpClient(api.baseUrl);
    expect((await hr.signIn(OWNER.email, OWNER.password)).status).toBe(200);
    before = await personWithSelfie(hr, smtp, api.baseUrl, { email: 'bo@profile.test', firstName: 'Bo', lastName: 'Before', photo: 'portraits/biden-official.jpg' });
    inReview.before = await waitForHeadshot(db.url, before.employeeId);
  }, 300_000);
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
    rmSync(storageDir, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
  });

  it('refuses a round profile picture as JPEG, naming the field, and saves a PNG one', async () => {
    const v1 = (await hr.get('/api/styles/versions/1')).json.document;
    const bad = await hr.post('/api/styles', { document: { ...v1, renditions: [...v1.renditions, { ...PROFILE, format: 'jpeg' }] } });
    expect(bad.status).toBe(400);
    const n = v1.renditions.length;
    expect(bad.json.error.details).toEqual(expect.arrayContaining([{ path: `document.renditions.${n}.profile.shape`, message: expect.stringMatching(/png or webp/) }]));

    const saved = await hr.post('/api/styles', { document: { ...v1, renditions: [...v1.renditions, PROFILE] } });
    expect(saved.status, saved.text).toBe(201);
    expect(saved.json.document.renditions[n]).toMatchObject({ ...PROFILE, profile: { ...PROFILE.profile, faceHeight: 0.4 } });
    expect((await hr.get('/api/exports/options')).json.renditions).toContain('profile');
  });

  it('lets the employee download the round PNG once approved, and only then', async () => {
    after = await personWithSelfie(hr, smtp, api.baseUrl, { email: 'al@profile.test', firstName: 'Al', lastName: 'After', photo: 'portraits/obama-official.jpg' });
    inReview.after = await waitForHeadshot(db.url, after.employeeId);
    const anon = new HttpClient(api.baseUrl);
    expect((await anon.get(`/api/invite/${after.token}`)).json.profilePictureUrl).toBeNull();
    expect((await anon.get(`/api/invite/${after.token}/profile-picture`)).status).toBe(404);

    const approved = await hr.post('/api/review/approve', { headshotIds: [inReview.before, inReview.after] });
    expect(approved.json.approved).toBe(2);

    const page = (await anon.get(`/api/invite/${after.token}`)).json;
    expect(page.headshotUrl).toBe(`/api/invite/${after.token}/headshot`);
    expect(page.profilePictureUrl).toBe(`/api/invite/${after.token}/profile-picture`);
    const res = await fetch(`${api.baseUrl}${page.profilePictureUrl}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="profile-picture-Al-After.png"');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const png = Buffer.from(await res.arrayBuffer());
    const m = await sharp(png).metadata();
    expect([m.format, m.width, m.height, m.hasAlpha, m.channels]).toEqual(['png', 600, 600, true, 4]);
    const px = await pixels(png);
    expect(px.at(0, 0)[3]).toBe(0); // corner: outside the circle
    expect(px.at(599, 599)[3]).toBe(0);
    expect(px.at(300, 9)).toEqual([0xc0, 0x39, 0x2b, 255]); // top of the ring, 18 px thick
    expect(px.at(300, 300)[3]).toBe(255); // the face
    // The same bytes as stored for the approved headshot.
    const [stored] = await sql<{ renditions: { name: string; key: string }[] }>(db.url, `SELECT renditions FROM headshot WHERE id = $1`, [inReview.after]);
    expect(png.equals(readFileSync(path.join(storageDir, stored.renditions.find((r) => r.name === 'profile')!.key)))).toBe(true);
  }, 180_000);

  it('offers no profile picture for a headshot made with a style that had none', async () => {
    const anon = new HttpClient(api.baseUrl);
    const page = (await anon.get(`/api/invite/${before.token}`)).json;
    expect(page.headshotUrl).toMatch(/\/headshot$/);
    expect(page.profilePictureUrl).toBeNull();
    const res = await anon.get(`/api/invite/${before.token}/profile-picture`);
    expect(res.status).toBe(404);
    expect(res.json.error.message).toMatch(/no profile picture/);
  });

  it('exports the profile picture as its own folder, byte for byte, alpha intact, listed in both manifests', async () => {
    const created = await hr.post('/api/exports', { scope: 'all', renditions: ['linkedin', 'profile'], includeEmail: false });
    expect(created.status, created.text).toBe(201);
    let dto = created.json;
    const deadline = Date.now() + 120_000;
    while (dto.state !== 'done' && dto.state !== 'failed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      dto = (await hr.get(`/api/exports/${created.json.id}`)).json;
    }
    expect(dto.state, dto.error).toBe('done');
    const res = await fetch(`${api.baseUrl}${dto.downloadUrl}`, { headers: { cookie: [...hr.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(res.status).toBe(200);
    const file = path.join(tmp, 'export.zip');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));

    const names = execFileSync('unzip', ['-Z1', file]).toString().trim().split('\n');
    const inProfile = names.filter((n) => n.startsWith('profile/'));
    expect(inProfile).toEqual([expect.stringMatching(/^profile\/al-after-profile\.png$/)]);
    expect(names.filter((n) => n.startsWith('linkedin/'))).toHaveLength(2);

    const json = JSON.parse(execFileSync('unzip', ['-p', file, 'manifest.json']).toString());
    expect(json.renditions).toEqual(['linkedin', 'profile']);
    const al = json.people.find((p: { lastName: string }) => p.lastName === 'After');
    const bo = json.people.find((p: { lastName: string }) => p.lastName === 'Before');
    expect(al.files.profile).toBe(inProfile[0]);
    expect(bo.files.profile).toBeUndefined();
    const csv = execFileSync('unzip', ['-p', file, 'manifest.csv']).toString().replace(/^\ufeff/, '');
    expect(csv.split('\r\n')[0]).toMatch(/,"file_linkedin","file_profile"(,|$)/);
    expect(csv).toContain(inProfile[0]);

    const png = execFileSync('unzip', ['-p', file, inProfile[0]], { maxBuffer: 16 * 1024 * 1024 });
    const [stored] = await sql<{ renditions: { name: string; key: string }[] }>(db.url, `SELECT renditions FROM headshot WHERE id = $1`, [inReview.after]);
    expect(png.equals(readFileSync(path.join(storageDir, stored.renditions.find((r) => r.name === 'profile')!.key)))).toBe(true);
    const m = await sharp(png).metadata();
    expect([m.format, m.width, m.height, m.hasAlpha]).toEqual(['png', 600, 600, true]);
    expect((await pixels(png)).at(0, 0)[3]).toBe(0);
  }, 180_000);
});
