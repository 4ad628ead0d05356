import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { personWithSelfie, type ReviewablePerson, waitForHeadshot } from './support/headshot-flow';
import { HttpClient } from './support/http-client';
import { sql } from './support/orgs';
import { startTestS3, type TestS3 } from './support/s3-server';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, type TestDatabase, uniquePrefix } from './support/test-env';

const OWNER = { email: 'hr@split.test', password: 'split topology passphrase' };

/**
 * The topology of several machines: one API process and two worker processes that share no disk (each
 * has its own empty data folder), only PostgreSQL, Redis, S3-compatible object storage and SMTP. A
 * selfie uploaded to the API becomes a headshot in a worker, HR approves it, an export is built by a
 * worker and downloaded from the API, and every mail leaves through SMTP.
 */
describe('split topology: api and two workers, no shared disk, object storage', () => {
  let db: TestDatabase;
  let smtp: TestSmtp;
  let s3: TestS3;
  let bucket: string;
  let api: RunningApi;
  const workers: RunningApi[] = [];
  const dataDirs: string[] = [];
  const tmp = mkdtempSync(path.join(tmpdir(), 'tf-split-'));
  let hr: HttpClient;
  let ana: ReviewablePerson;
  let env: Record<string, string>;

  /** A process of its own: its own storage, outbox and secret-file folders, all empty. */
  const ownDisk = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tf-machine-'));
    dataDirs.push(dir);
    return { STORAGE_DIR: path.join(dir, 'storage'), MAIL_OUTBOX_DIR: path.join(dir, 'outbox'), SECRET_FILE: path.join(dir, 'secret') };
  };
  const cookie = (c: HttpClient) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    s3 = await startTestS3();
    bucket = await s3.bucket();
    env = {
      ...s3.env(bucket),
      DATABASE_URL: db.url,
      SMTP_URL: smtp.url,
      QUEUE_PREFIX: uniquePrefix(),
      TEAMFRAME_SECRET: 'split-secret-split-secret-split-secret-00',
      TEAMFRAME_ADMIN_EMAIL: OWNER.email,
      TEAMFRAME_ADMIN_PASSWORD: OWNER.password,
      RATE_LIMIT_PER_MINUTE: '100000',
    };
    api = await startApi({ ...env, ...ownDisk(), TEAMFRAME_ROLE: 'api' });
    for (let i = 0; i < 2; i++) workers.push(await startApi({ ...env, ...ownDisk(), TEAMFRAME_ROLE: 'worker', LOG_LEVEL: 'info' }, { waitFor: /Teamframe worker started/ }));
    hr = new HttpClient(api.baseUrl);
    expect((await hr.signIn(OWNER.email, OWNER.password)).status).toBe(200);
  }, 180_000);
  afterAll(async () => {
    for (const w of workers) await w.stop();
    await api?.stop();
    await s3?.stop();
    await smtp?.stop();
    await db?.drop();
    for (const d of [tmp, ...dataDirs]) rmSync(d, { recursive: true, force: true });
  });

  it('turns a selfie into an approved headshot, with the invite and approval mails sent by workers over SMTP', async () => {
    // The invite mail is sent by a worker (the API process runs no queue), read here from the SMTP server.
    ana = await personWithSelfie(hr, smtp, api.baseUrl, { email: 'ana@split.test', firstName: 'Ana', lastName: 'Split', photo: 'portraits/obama-official.jpg' });
    const headshotId = await waitForHeadshot(db.url, ana.employeeId);
    const [h] = await sql<{ renditions: { name: string; key: string }[] }>(db.url, `SELECT renditions FROM headshot WHERE id = $1`, [headshotId]);
    expect(h.renditions.length).toBeGreaterThan(0);
    // The API serves the rendition a worker wrote: it is in the bucket, not on any process's disk.
    const preview = await fetch(`${api.baseUrl}/api/headshots/${headshotId}/renditions/${h.renditions[0].name}`, { headers: { cookie: cookie(hr) } });
    expect(preview.status).toBe(200);
    const stored = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: h.renditions[0].key }));
    expect(Buffer.from(await preview.arrayBuffer()).equals(Buffer.from(await stored.Body!.transformToByteArray()))).toBe(true);

    const approved = await hr.post('/api/review/approve', { headshotIds: [headshotId] });
    expect(approved.json.approved).toBe(1);
    const mail = await smtp.waitFor(ana.email, /headshot is ready/, 60_000);
    // Attached from the bucket by the worker that sent it.
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].content.length).toBeGreaterThan(1000);
  }, 240_000);

  it('builds an export in a worker and downloads it from the API; the ZIP holds the renditions from the bucket', async () => {
    const { id, dto } = await runExport();
    const res = await fetch(`${api.baseUrl}${dto.downloadUrl}`, { headers: { cookie: cookie(hr) } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(dto.size);
    const zip = path.join(tmp, `${id}.zip`);
    writeFileSync(zip, bytes);
    const names = execFileSync('unzip', ['-Z1', zip]).toString().trim().split('\n');
    const [h] = await sql<{ renditions: { name: string; key: string }[] }>(db.url, `SELECT renditions FROM headshot WHERE employee_id = $1 AND state = 'approved'`, [ana.employeeId]);
    for (const r of h.renditions.filter((x) => ['web', 'print'].includes(x.name))) {
      const entry = names.find((n) => n.startsWith(`${r.name}/`));
      expect(entry, `${r.name} in ${names.join(', ')}`).toBeDefined();
      const inZip = execFileSync('unzip', ['-p', zip, entry!], { maxBuffer: 64 * 1024 * 1024 });
      const obj = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: r.key }));
      expect(inZip.equals(Buffer.from(await obj.Body!.transformToByteArray()))).toBe(true);
    }
    expect(names).toEqual(expect.arrayContaining(['manifest.csv', 'manifest.json', 'index.html']));
  }, 180_000);

  it('survives a client that drops the download mid-stream, and serves the next one whole', async () => {
    const { dto } = await runExport();
    const url = new URL(`${api.baseUrl}${dto.downloadUrl}`);
    // Read the headers and the first bytes, then hang up.
    await new Promise<void>((resolve, reject) => {
      const req = request(url, { headers: { cookie: cookie(hr) } }, (res) => {
        expect(res.statusCode).toBe(200);
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
      req.end();
    });
    const again = await fetch(url, { headers: { cookie: cookie(hr) } });
    expect(again.status).toBe(200);
    expect((await again.arrayBuffer()).byteLength).toBe(dto.size);
    expect(api.proc.exitCode).toBeNull();
  }, 180_000);

  it('answers 404 with a sentence, not a crash, when an export ZIP is gone from the bucket', async () => {
    const { dto } = await runExport();
    const [row] = await sql<{ file_key: string }>(db.url, `SELECT file_key FROM export WHERE id = $1`, [dto.id]);
    await s3.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: row.file_key }));
    const res = await fetch(`${api.baseUrl}${dto.downloadUrl}`, { headers: { cookie: cookie(hr) } });
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'NOT_FOUND', message: 'No such export in your organisation.' } });
    expect(text).not.toContain(row.file_key);
    expect(text).not.toContain(bucket);
    const health = await fetch(`${api.baseUrl}/api/health`);
    // The API runs no queue itself; it sees the two workers.
    expect([health.status, ((await health.json()) as { workers: number }).workers]).toEqual([200, 2]);
  }, 180_000);

  it('fails an export whose rendition is gone from the bucket with a sentence; the workers live on', async () => {
    const [h] = await sql<{ renditions: { name: string; key: string }[] }>(db.url, `SELECT renditions FROM headshot WHERE employee_id = $1 AND state = 'approved'`, [ana.employeeId]);
    const web = h.renditions.find((r) => r.name === 'web')!;
    const kept = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: web.key }));
    const keptBytes = Buffer.from(await kept.Body!.transformToByteArray());
    await s3.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: web.key }));
    try {
      const { dto } = await runExport('failed');
      expect(dto.error).toMatch(/^The file web\/.+ is missing from storage\. Regenerate/);
      expect(dto.error).not.toContain(web.key);
      for (const w of workers) expect(w.proc.exitCode).toBeNull();
    } finally {
      const { PutObjectCommand } = await import('@aws-sdk/client-s3');
      await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: web.key, Body: keptBytes }));
    }
  }, 180_000);

  it('redirects the download to a presigned URL of the bucket when asked to, with the right name and type', async () => {
    const presigning = await startApi({ ...env, ...ownDisk(), TEAMFRAME_ROLE: 'api', S3_PRESIGNED_DOWNLOADS: 'true' });
    try {
      const { dto } = await runExport();
      const c = new HttpClient(presigning.baseUrl);
      expect((await c.signIn(OWNER.email, OWNER.password)).status).toBe(200);
      const res = await fetch(`${presigning.baseUrl}${dto.downloadUrl}`, { headers: { cookie: cookie(c) }, redirect: 'manual' });
      expect(res.status).toBe(302);
      const location = res.headers.get('location')!;
      expect(location.startsWith(`${s3.endpoint}/${bucket}/`)).toBe(true);
      const direct = await fetch(location);
      expect(direct.status).toBe(200);
      expect(direct.headers.get('content-type')).toBe('application/zip');
      expect(direct.headers.get('content-disposition')).toMatch(/^attachment; filename="headshots-[\d-]+-[0-9a-f]{8}\.zip"$/);
      expect((await direct.arrayBuffer()).byteLength).toBe(dto.size);
      // Without a session there is no URL at all.
      expect((await fetch(`${presigning.baseUrl}${dto.downloadUrl}`, { redirect: 'manual' })).status).toBe(401);
    } finally {
      await presigning.stop();
    }
  }, 180_000);

  it('wrote nothing to any process’s own disk: every file is in the bucket', async () => {
    for (const dir of dataDirs) {
      const files = readdirSync(dir, { recursive: true }).map(String);
      expect(files.filter((f) => f.startsWith('storage') || f.startsWith('outbox')), dir).toEqual([]);
    }
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket }));
    const keys = (listed.Contents ?? []).map((o) => o.Key!);
    expect(keys.some((k) => /\/original\//.test(k))).toBe(true);
    expect(keys.some((k) => /\/export\/.+\.zip$/.test(k))).toBe(true);
  });

  async function runExport(want: 'done' | 'failed' = 'done'): Promise<{ id: string; dto: { id: string; state: string; size: number; downloadUrl: string; error: string | null } }> {
    const created = await hr.post('/api/exports', { scope: 'all', renditions: ['web', 'print'], includeEmail: false });
    expect(created.status, created.text).toBe(201);
    const deadline = Date.now() + 120_000;
    let dto = created.json;
    while (dto.state !== 'done' && dto.state !== 'failed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      dto = (await hr.get(`/api/exports/${created.json.id}`)).json;
    }
    expect(dto.state, dto.error).toBe(want);
    return { id: created.json.id, dto };
  }
});
