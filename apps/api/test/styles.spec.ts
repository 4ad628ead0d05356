import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { inviteEmployee, uploadPhoto } from './support/invite-link';
import { createOrgWithUser, sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from './support/test-env';

const OWNER = { email: 'hr@style.test', password: 'style owner passphrase' };

describe('the company style: versions, validation, pinning, preview', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let hr: HttpClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    api = await startApi({ DATABASE_URL: db.url, SMTP_URL: smtp.url, STORAGE_DIR: `${REPO_ROOT}/var/test-storage-${db.name}`, TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password });
    hr = new HttpClient(api.baseUrl);
    await hr.signIn(OWNER.email, OWNER.password);
    await hr.request('PUT', '/api/org/settings', { processingMode: 'batch' });
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  async function employeeUploads(email: string, photo: string) {
    const { token, employeeId } = await inviteEmployee(hr, smtp, email);
    const c = new HttpClient(api.baseUrl);
    await c.get(`/api/invite/${token}`);
    await c.post(`/api/invite/${token}/consent`);
    expect((await uploadPhoto(api.baseUrl, token, photo, 'me.jpg', c)).status).toBe(201);
    return employeeId;
  }

  async function waitDone(batchId: string) {
    const end = Date.now() + 90_000;
    for (;;) {
      const p = (await hr.get(`/api/batches/${batchId}`)).json;
      if (p.done || Date.now() > end) return p;
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  it('starts from a preset as version 1 and offers the presets', async () => {
    const presets = (await hr.get('/api/styles/presets')).json;
    expect(presets.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(['corporate-grey']));
    expect(presets.length).toBeGreaterThanOrEqual(3);
    const versions = (await hr.get('/api/styles/versions')).json;
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, current: true });
  });

  it('refuses a style that breaks the schema, naming the field and the reason', async () => {
    const v1 = (await hr.get('/api/styles/versions/1')).json.document;
    const res = await hr.post('/api/styles', { document: { ...v1, background: { type: 'solid', colour: 'reddish' } } });
    expect(res.status).toBe(400);
    expect(res.json.error.details[0].path).toBe('document.background.colour');
    expect(res.json.error.message).toMatch(/background\.colour/);
    const bad = await hr.post('/api/styles', { document: { ...v1, framing: { ...v1.framing, eyeLine: 7 } } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toMatch(/^document\.framing\.eyeLine/);
    expect((await hr.get('/api/styles/versions')).json).toHaveLength(1);
  });

  it('saves new versions, shows what changed and restores an old one as a new version', async () => {
    const v1 = (await hr.get('/api/styles/versions/1')).json.document;
    const v2 = await hr.post('/api/styles', { document: { ...v1, background: { type: 'solid', colour: '#1f4e79' } } });
    expect(v2.status).toBe(201);
    expect(v2.json).toMatchObject({ version: 2, current: true });
    const diff = (await hr.get('/api/styles/versions/1/diff/2')).json;
    expect(diff).toContainEqual({ path: 'background.colour', from: v1.background.colour, to: '#1f4e79' });
    const restored = await hr.post('/api/styles/versions/1/restore');
    expect(restored.json).toMatchObject({ version: 3, current: true });
    expect((await hr.get('/api/styles/versions/1/diff/3')).json).toEqual([]);
    expect((await hr.get('/api/styles/versions/99')).status).toBe(404);
  });

  it('pins a batch to the version it started with; a later batch uses the newer one', async () => {
    await employeeUploads('first@style.test', 'portraits/obama-official.jpg');
    const b1 = (await hr.post('/api/batches', {})).json;
    const current = (await hr.get('/api/styles/versions')).json.find((v: { current: boolean }) => v.current);
    expect(b1.styleVersionId).toBe(current.id);

    const doc = current.document;
    const v4 = (await hr.post('/api/styles', { document: { ...doc, background: { type: 'solid', colour: '#ffffff' } } })).json;
    await employeeUploads('second@style.test', 'portraits/biden-official.jpg');
    const b2 = (await hr.post('/api/batches', {})).json;
    expect(b2.styleVersionId).toBe(v4.id);
    expect((await waitDone(b1.id)).done).toBe(true);
    expect((await waitDone(b2.id)).done).toBe(true);
    const rows = await sql<{ batch_id: string; style_version_id: string }>(db.url, 'SELECT batch_id, style_version_id FROM headshot WHERE batch_id IS NOT NULL');
    expect(rows.find((r) => r.batch_id === b1.id)!.style_version_id).toBe(current.id);
    expect(rows.find((r) => r.batch_id === b2.id)!.style_version_id).toBe(v4.id);
  }, 180_000);

  it('previews a draft on the org’s own selfies, and a different background shows', async () => {
    const doc = (await hr.get('/api/styles/versions')).json.find((v: { current: boolean }) => v.current).document;
    const white = await hr.post('/api/styles/preview', { document: { ...doc, background: { type: 'solid', colour: '#ffffff' } } });
    expect(white.status).toBe(201);
    expect(white.json.items.length).toBe(2);
    expect(white.json.items.every((i: { ok: boolean; image: string }) => i.ok && i.image.startsWith('data:image/jpeg;base64,'))).toBe(true);
    const navy = await hr.post('/api/styles/preview', { document: { ...doc, background: { type: 'solid', colour: '#102a43' } } });
    expect(navy.json.items[0].image).not.toBe(white.json.items[0].image);
    const invalid = await hr.post('/api/styles/preview', { document: { ...doc, canvas: { width: -5 } } });
    expect(invalid.status).toBe(400);
    // Saving nothing: previews leave the versions alone.
    expect((await hr.get('/api/styles/versions')).json).toHaveLength(4);
  }, 90_000);

  it("keeps each org's styles to itself, brand images included", async () => {
    const { orgId } = await createOrgWithUser(db.url, { orgName: 'Rival', slug: 'rival', email: 'hr@rival.test', password: 'rival org passphrase', role: 'owner' });
    const rival = new HttpClient(api.baseUrl);
    await rival.signIn('hr@rival.test', 'rival org passphrase');
    const versions = (await rival.get('/api/styles/versions')).json;
    expect(versions).toHaveLength(1);
    const [mine] = await sql<{ org_id: string }>(db.url, `SELECT org_id FROM app_user WHERE email = $1`, [OWNER.email]);
    const steal = await rival.post('/api/styles', { document: { ...versions[0].document, background: { type: 'image', ref: `org/${mine.org_id}/brand/logo.png` } } });
    expect(steal.status).toBe(400);
    expect(steal.json.error.details[0].path).toBe('document.background.ref');
    // An org without selfies previews on the bundled sample portraits, never on another org's selfies.
    const rivalPreview = (await rival.post('/api/styles/preview', { document: versions[0].document })).json.items as { uploadId: string; ok: boolean; image: string; sample?: { credit: string } }[];
    expect(rivalPreview.map((i) => i.uploadId)).toEqual(['sample-1', 'sample-2', 'sample-3']);
    expect(rivalPreview.every((i) => i.ok && i.image.startsWith('data:image/jpeg;base64,') && i.sample?.credit)).toBe(true);
    expect(orgId).not.toBe(mine.org_id);
  });
});
