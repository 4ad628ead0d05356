import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { personWithSelfie, waitForHeadshot } from './support/headshot-flow';
import { HttpClient } from './support/http-client';
import { createOrgWithUser, sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, REPO_ROOT, TESTDATA, type TestDatabase } from './support/test-env';

const OWNER = { email: 'owner@brand.test', password: 'brand owner passphrase' };

async function sendImage(c: HttpClient, method: string, url: string, bytes: Buffer) {
  const form = new FormData();
  form.append('image', new Blob([new Uint8Array(bytes)]), 'image.png');
  const res = await fetch(c.baseUrl + url, { method, body: form, headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-xsrf-token': c.cookies.get('XSRF-TOKEN') ?? '' } });
  return { status: res.status, json: await res.json() };
}

describe('brand kit and applying a new style to existing headshots', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let hr: HttpClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    api = await startApi({ DATABASE_URL: db.url, SMTP_URL: smtp.url, STORAGE_DIR: path.join(REPO_ROOT, 'var', `test-storage-${db.name}`), TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Brand Co' });
    hr = new HttpClient(api.baseUrl);
    await hr.signIn(OWNER.email, OWNER.password);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  it('takes a logo checked by content, and refuses SVG', async () => {
    const logo = await sharp({ create: { width: 800, height: 300, channels: 4, background: { r: 20, g: 60, b: 140, alpha: 1 } } }).png().toBuffer();
    const ok = await sendImage(hr, 'PUT', '/api/org/brand/logo', logo);
    expect(ok.status).toBe(200);
    expect(ok.json.logoUrl).toBe('/api/org/brand/logo');
    const svg = await sendImage(hr, 'PUT', '/api/org/brand/logo', readFileSync(path.join(TESTDATA, 'hard/script.svg')));
    expect(svg.status).toBe(415);
    const colours = await hr.request('PUT', '/api/org/brand/colours', { colours: ['#1F3A5F', '#e8eef5'] });
    expect(colours.json.colours).toEqual(['#1f3a5f', '#e8eef5']);
    expect((await hr.request('PUT', '/api/org/brand/colours', { colours: ['red'] })).status).toBe(400);
  });

  it('shows the logo in the invite mail and on the upload page', async () => {
    const p = await personWithSelfie(hr, smtp, api.baseUrl, { email: 'ana@brand.test', firstName: 'Ana', lastName: 'Lima', photo: 'portraits/obama-official.jpg' });
    const mail = await smtp.waitFor('ana@brand.test');
    // mailparser inlines cid images as data URIs; the attachment keeps its cid.
    expect(mail.attachments.find((a) => a.cid === 'org-logo')?.contentType).toBe('image/png');
    expect(mail.html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="Brand Co"/);
    const page = await new HttpClient(api.baseUrl).get(`/api/invite/${p.token}`);
    expect(page.json.logoUrl).toBe(`/api/invite/${p.token}/logo`);
    const img = await fetch(api.baseUrl + page.json.logoUrl);
    expect(img.headers.get('content-type')).toBe('image/png');
    await waitForHeadshot(db.url, p.employeeId);
  }, 120_000);

  it('renders a style with a brand background image, and no other org can use it', async () => {
    const bg = await sharp({ create: { width: 1600, height: 1600, channels: 3, background: { r: 200, g: 120, b: 40 } } }).jpeg().toBuffer();
    const added = await sendImage(hr, 'POST', '/api/org/brand/backgrounds', bg);
    expect(added.status).toBe(201);
    expect(added.json.ref).toMatch(/^org\/[0-9a-f-]+\/brand\/background-[0-9a-f]{16}\.jpg$/);
    const current = (await hr.get('/api/styles/versions')).json[0].document;
    const preview = await hr.post('/api/styles/preview', { document: { ...current, background: { type: 'image', ref: added.json.ref } } });
    expect(preview.status).toBe(201);
    expect(preview.json.items[0].ok).toBe(true);
    await createOrgWithUser(db.url, { orgName: 'Thief', slug: 'thief', email: 'hr@thief.test', password: 'thief org passphrase', role: 'owner' });
    const thief = new HttpClient(api.baseUrl);
    await thief.signIn('hr@thief.test', 'thief org passphrase');
    const theirs = (await thief.get('/api/styles/versions')).json[0].document;
    expect((await thief.post('/api/styles', { document: { ...theirs, background: { type: 'image', ref: added.json.ref } } })).status).toBe(400);
    expect((await thief.get(`/api/org/brand/backgrounds/${added.json.ref.split('/').pop()}`)).status).toBe(404);
  }, 60_000);

  it('applies a new style to existing headshots: counts first, then a batch pinned to it', async () => {
    const current = (await hr.get('/api/styles/versions')).json[0].document;
    const saved = await hr.post('/api/styles', { document: { ...current, background: { type: 'solid', colour: '#ffffff' } } });
    const count = await hr.post('/api/batches/apply-style', { states: ['in_review', 'approved'], dryRun: true });
    expect(count.json).toEqual({ affected: 1, withoutSelfie: 0 });
    const batch = await hr.post('/api/batches/apply-style', { states: ['in_review', 'approved'], dryRun: false });
    expect(batch.json).toMatchObject({ total: 1, styleVersionId: saved.json.id });
    const end = Date.now() + 60_000;
    let p = batch.json;
    while (!p.done && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 500));
      p = (await hr.get(`/api/batches/${batch.json.id}`)).json;
    }
    expect(p.counts.in_review).toBe(1);
    const versions = await sql<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM headshot WHERE style_version_id = $1`, [saved.json.id]);
    expect(versions[0].n).toBe(1);
    expect((await hr.post('/api/batches/apply-style', { states: ['in_review'], dryRun: true })).json.affected).toBe(0);
  }, 120_000);

  it('heads the exported team page with the logo', async () => {
    const [h] = await sql<{ id: string }>(db.url, `SELECT id FROM headshot WHERE state = 'in_review' ORDER BY created_at DESC LIMIT 1`);
    expect((await hr.post(`/api/headshots/${h.id}/approve`)).status).toBe(200);
    const exp = await hr.post('/api/exports', { scope: 'all', renditions: ['linkedin'], includeEmail: false });
    const end = Date.now() + 60_000;
    let state = exp.json.state;
    while (state !== 'done' && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 300));
      state = (await hr.get(`/api/exports/${exp.json.id}`)).json.state;
    }
    const res = await fetch(`${api.baseUrl}/api/exports/${exp.json.id}/download`, { headers: { cookie: [...hr.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    const dir = mkdtempSync(path.join(tmpdir(), 'tf-brand-zip-'));
    writeFileSync(path.join(dir, 'x.zip'), Buffer.from(await res.arrayBuffer()));
    const names = execFileSync('unzip', ['-Z1', path.join(dir, 'x.zip')]).toString().trim().split('\n');
    expect(names).toContain('logo.png');
    const html = execFileSync('unzip', ['-p', path.join(dir, 'x.zip'), 'index.html']).toString();
    expect(html).toContain('<img class="logo" src="logo.png" alt="Brand Co">');
  }, 120_000);
});
