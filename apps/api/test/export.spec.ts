import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { personWithSelfie, type ReviewablePerson, waitForHeadshot } from './support/headshot-flow';
import { HttpClient } from './support/http-client';
import { addUser, createOrgWithUser, sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from './support/test-env';
import { formulaCells, readAsSpreadsheet } from './support/spreadsheet';

const OWNER = { email: 'hr@export.test', password: 'export owner passphrase' };
const HOSTILE_LAST = '=HYPERLINK("http://evil.example","click")';
const HOSTILE_FIRST = '../../Ünïcödé \u202E evil';
const SAFE_ENTRY = /^(index\.html|manifest\.csv|manifest\.json|(web|linkedin|print)\/[A-Za-z0-9._-]+\.(jpg|png|webp|avif))$/;

/** A downloaded ZIP on disk, read with the unzip command line. */
class Zip {
  constructor(readonly file: string) {}
  names(): string[] {
    return execFileSync('unzip', ['-Z1', this.file]).toString().trim().split('\n');
  }
  text(name: string): string {
    return this.bytes(name).toString('utf8');
  }
  bytes(name: string): Buffer {
    // unzip treats the name as a wildcard pattern; entry names are [A-Za-z0-9._-/] only, so literal.
    return execFileSync('unzip', ['-p', this.file, name], { maxBuffer: 64 * 1024 * 1024 });
  }
  /** Entry name → compression method ("stored" or "deflated"), read from the ZIP's central directory. */
  methods(): Map<string, string> {
    const buf = readFileSync(this.file);
    const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    let at = buf.readUInt32LE(eocd + 16);
    const map = new Map<string, string>();
    while (buf.readUInt32LE(at) === 0x02014b50) {
      const method = buf.readUInt16LE(at + 10);
      const nameLen = buf.readUInt16LE(at + 28);
      const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
      map.set(name, method === 0 ? 'stored' : method === 8 ? 'deflated' : String(method));
      at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    }
    return map;
  }
}

describe('export: a ZIP of approved headshots for the company site', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let hr: HttpClient;
  let marketing: HttpClient;
  let other: HttpClient;
  let storageDir: string;
  let orgId: string;
  let otherOrg: { orgId: string };
  let otherEmployeeId: string;
  const people: Record<string, ReviewablePerson> = {};
  const tmp = mkdtempSync(path.join(tmpdir(), 'tf-export-'));

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
      TEAMFRAME_ORG_NAME: 'Export & <Co>',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    hr = new HttpClient(api.baseUrl);
    expect((await hr.signIn(OWNER.email, OWNER.password)).status).toBe(200);
    [{ org_id: orgId }] = await sql<{ org_id: string }>(db.url, 'SELECT org_id FROM app_user LIMIT 1');
    await addUser(db.url, orgId, 'mkt@export.test', 'export marketing passphrase', 'marketing');
    marketing = new HttpClient(api.baseUrl);
    expect((await marketing.signIn('mkt@export.test', 'export marketing passphrase')).status).toBe(200);

    const specs = [
      { key: 'ana', email: 'ana@export.test', firstName: 'Ana', lastName: 'Lima', title: 'Head of <b>Design</b>', department: 'Design', photo: 'portraits/obama-official.jpg' },
      { key: 'uni', email: 'uni@export.test', firstName: HOSTILE_FIRST, lastName: 'Ørsted', title: 'Engineer', department: 'Sales', photo: 'portraits/biden-official.jpg' },
      { key: 'mal', email: 'mal@export.test', firstName: 'Mallory', lastName: HOSTILE_LAST, title: '@SUM(1+1)', department: 'Sales', photo: 'portraits/p09_max_luciano.png' },
      { key: 'long', email: 'long@export.test', firstName: 'Hubert Blaine'.padEnd(100, 'x'), lastName: 'Wolfeschlegelsteinhausenbergerdorff'.padEnd(100, 'y'), title: 'Typesetter', department: 'Design', photo: 'portraits/p03_tf_grace_hopper.jpg' },
      { key: 'pending', email: 'pending@export.test', firstName: 'Nia', lastName: 'Pending', title: 'Intern', department: 'Sales', photo: 'portraits/astronaut-collins.jpg' },
    ];
    for (const s of specs) people[s.key] = await personWithSelfie(hr, smtp, api.baseUrl, s);
    const inReview: Record<string, string> = {};
    for (const s of specs) inReview[s.key] = await waitForHeadshot(db.url, people[s.key].employeeId);
    const approved = await hr.post('/api/review/approve', { headshotIds: ['ana', 'uni', 'mal', 'long'].map((k) => inReview[k]) });
    expect(approved.json.approved).toBe(4);

    // A second org with an approved headshot of its own (rows made directly: its pixels do not matter).
    otherOrg = await createOrgWithUser(db.url, { orgName: 'Other', slug: 'other-export', email: 'hr@other-export.test', password: 'other org passphrase', role: 'owner' });
    other = new HttpClient(api.baseUrl);
    expect((await other.signIn('hr@other-export.test', 'other org passphrase')).status).toBe(200);
    await other.get('/api/review'); // any call; the org's style version is made on first use below
    [{ id: otherEmployeeId }] = await sql<{ id: string }>(db.url, `INSERT INTO employee (org_id, email, first_name, last_name, status) VALUES ($1, 'secret@other.test', 'Outsider', 'Secret', 'approved') RETURNING id`, [otherOrg.orgId]);
    await cloneApproved(db.url, inReview.ana, otherOrg.orgId, otherEmployeeId);
  }, 400_000);
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  async function runExport(c: HttpClient, body: Record<string, unknown>): Promise<{ id: string; zip: Zip; dto: Record<string, unknown> }> {
    const created = await c.post('/api/exports', body);
    expect(created.status, created.text).toBe(201);
    expect(created.json.state).toBe('queued');
    const deadline = Date.now() + 120_000;
    let dto = created.json;
    const seen = new Set<number>();
    while (dto.state !== 'done' && dto.state !== 'failed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      dto = (await c.get(`/api/exports/${created.json.id}`)).json;
      seen.add(dto.progress);
    }
    expect(dto.state, dto.error).toBe('done');
    expect(dto.progress).toBe(1);
    const res = await fetch(`${api.baseUrl}${dto.downloadUrl}`, { headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="headshots-[\d-]+-[0-9a-f]{8}\.zip"$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(dto.size);
    const file = path.join(tmp, `${created.json.id}.zip`);
    writeFileSync(file, bytes);
    return { id: created.json.id, zip: new Zip(file), dto };
  }

  it('lets marketing export everyone approved: a folder per rendition, manifests and a team page, all names safe', async () => {
    const { zip, dto } = await runExport(marketing, { scope: 'all', renditions: ['web', 'linkedin', 'print'], includeEmail: false });
    expect(dto.people).toBe(4);
    const names = zip.names();
    expect(names.filter((n) => !SAFE_ENTRY.test(n))).toEqual([]);
    expect(names.filter((n) => n.includes('..'))).toEqual([]);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(names.slice(0, 3)).toEqual(['index.html', 'manifest.csv', 'manifest.json']);
    for (const folder of ['web', 'linkedin', 'print']) expect(names.filter((n) => n.startsWith(`${folder}/`))).toHaveLength(4);

    // Images are stored byte for byte, not recompressed.
    const methods = zip.methods();
    for (const n of names.filter((x) => x.includes('/'))) expect({ n, m: methods.get(n) }).toEqual({ n, m: 'stored' });
    expect(methods.get('manifest.json')).toBe('deflated');
    const json = JSON.parse(zip.text('manifest.json'));
    expect(json.organisation).toBe('Export & <Co>');
    expect(json.people.map((p: { lastName: string }) => p.lastName).sort()).toEqual([HOSTILE_LAST, 'Lima', 'Ørsted', 'Wolfeschlegelsteinhausenbergerdorff'.padEnd(100, 'y')].sort());
    for (const p of json.people) {
      expect(p.email).toBeUndefined();
      expect(Object.keys(p.files).sort()).toEqual(['linkedin', 'print', 'web']);
      for (const f of Object.values<string>(p.files)) expect(names).toContain(f);
      expect(new Date(p.approvedAt).getTime()).toBeGreaterThan(Date.now() - 600_000);
    }
    const ana = json.people.find((p: { firstName: string }) => p.firstName === 'Ana');
    const [stored] = await sql<{ renditions: { name: string; key: string }[] }>(db.url, `SELECT renditions FROM headshot WHERE employee_id = $1 AND state = 'approved'`, [people.ana.employeeId]);
    expect(zip.bytes(ana.files.print).equals(readFileSync(path.join(storageDir, stored.renditions.find((r) => r.name === 'print')!.key)))).toBe(true);
    const uni = json.people.find((p: { lastName: string }) => p.lastName === 'Ørsted');
    expect(uni.files.web).toMatch(/^web\/unicode-evil-orsted-web\.(jpg|webp|png|avif)$/);
    const long = json.people.find((p: { title: string }) => p.title === 'Typesetter');
    expect(path.basename(long.files.web).length).toBeLessThanOrEqual(100);

    // CSV: one row per person, formula-looking cells neutralised.
    const csv = zip.text('manifest.csv').replace(/^\ufeff/, '');
    const lines = readAsSpreadsheet(csv, ',');
    expect(lines[0]).toEqual(['name', 'first_name', 'last_name', 'title', 'department', 'approved_at', 'file_web', 'file_linkedin', 'file_print', 'print_files']);
    expect(lines).toHaveLength(5);
    expect(lines.flat()).toContain(`'=HYPERLINK("http://evil.example","click")`);
    expect(lines.flat().some((c) => c.startsWith(`'@SUM(1+1)`))).toBe(true);
    for (const separator of [',', ';'] as const) expect(formulaCells(readAsSpreadsheet(csv, separator))).toEqual([]);
    expect(csv).not.toContain('Pending');

    // index.html: everyone approved, escaped, only relative references to files that are there.
    const html = zip.text('index.html');
    expect(html.match(/<li class="card">/g)).toHaveLength(4);
    for (const p of json.people) expect(html).toContain(`alt="${escape(p.name)}"`);
    expect(html).toContain('Head of &lt;b&gt;Design&lt;/b&gt;');
    expect(html).not.toContain('<b>');
    expect(html).not.toMatch(/<script/i);
    const refs = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(refs).toHaveLength(4);
    for (const r of refs) expect(names).toContain(decodeURIComponent(r));
    expect(html).not.toMatch(/url\(|@import|(src|href)="(https?:)?\/\//);
    expect(html).toContain('name="viewport"');
  }, 120_000);

  it('exports a department or a selection, with email when asked, and only approved people of the caller’s org', async () => {
    const dept = await runExport(hr, { scope: 'department', department: 'Sales', renditions: ['linkedin'], includeEmail: true });
    const rows = JSON.parse(dept.zip.text('manifest.json')).people;
    expect(rows.map((p: { email: string }) => p.email).sort()).toEqual(['mal@export.test', 'uni@export.test']);
    expect(readAsSpreadsheet(dept.zip.text('manifest.csv'), ',')[0]).toContain('email');
    expect(dept.zip.names().filter((n) => n.includes('/')).every((n) => n.startsWith('linkedin/'))).toBe(true);

    const sel = await runExport(hr, { scope: 'selection', employeeIds: [people.ana.employeeId, people.pending.employeeId, otherEmployeeId], renditions: ['web'], naming: '{last}_{first}_{rendition}', includeEmail: false });
    const selRows = JSON.parse(sel.zip.text('manifest.json')).people;
    expect(selRows.map((p: { firstName: string }) => p.firstName)).toEqual(['Ana']);
    expect(selRows[0].files.web).toMatch(/^web\/lima_ana_web\.(jpg|webp|png|avif)$/);
    expect(sel.zip.text('manifest.json')).not.toContain('Outsider');
  }, 120_000);

  it('keeps exports to their org', async () => {
    const mine = await runExport(other, { scope: 'all', renditions: ['web'], includeEmail: true });
    const rows = JSON.parse(mine.zip.text('manifest.json')).people;
    expect(rows.map((p: { name: string }) => p.name)).toEqual(['Outsider Secret']);
    const [ours] = (await hr.get('/api/exports')).json;
    expect((await other.get(`/api/exports/${ours.id}`)).status).toBe(404);
    expect((await other.get(`/api/exports/${ours.id}/download`)).status).toBe(404);
    expect((await other.get('/api/exports')).json.map((e: { id: string }) => e.id)).toEqual([mine.id]);
  }, 60_000);

  it('tells marketing which renditions, naming and departments an export can ask for', async () => {
    const options = await marketing.get('/api/exports/options');
    expect(options.status).toBe(200);
    expect(options.json.renditions).toEqual(expect.arrayContaining(['web', 'linkedin', 'print']));
    expect(typeof options.json.naming).toBe('string');
    expect(options.json.departments.length).toBeGreaterThan(0);
  });

  it('refuses what it cannot export, and marketing cannot review', async () => {
    expect((await marketing.post('/api/exports', { scope: 'all', renditions: ['billboard'], includeEmail: false })).status).toBe(400);
    expect((await marketing.post('/api/exports', { scope: 'department', renditions: ['web'], includeEmail: false })).status).toBe(400);
    expect((await marketing.post('/api/exports', { scope: 'all', renditions: ['web', 'web'], includeEmail: false })).status).toBe(400);
    expect((await marketing.post('/api/exports', { scope: 'all', renditions: ['web'], naming: '../{first}', includeEmail: false })).status).toBe(400);
    expect((await marketing.post('/api/exports', { scope: 'selection', employeeIds: [people.pending.employeeId], renditions: ['web'], includeEmail: false })).status).toBe(409);
    const [pending] = await sql<{ id: string }>(db.url, `SELECT id FROM headshot WHERE employee_id = $1 AND state = 'in_review'`, [people.pending.employeeId]);
    expect((await marketing.post(`/api/headshots/${pending.id}/approve`)).status).toBe(403);
    expect((await marketing.post('/api/review/approve', { headshotIds: [pending.id] })).status).toBe(403);
    expect((await new HttpClient(api.baseUrl).get('/api/exports')).status).toBe(401);
  });

  it('shows marketing approved headshots only, and work e-mail addresses only when HR allows', async () => {
    const [pending] = await sql<{ id: string; renditions: { name: string }[] }>(db.url, `SELECT id, renditions FROM headshot WHERE employee_id = $1 AND state = 'in_review'`, [people.pending.employeeId]);
    const [approved] = await sql<{ id: string }>(db.url, `SELECT id FROM headshot WHERE employee_id = $1 AND state = 'approved'`, [people.ana.employeeId]);
    expect(pending.renditions.map((r) => r.name)).toContain('web');
    // A headshot still in review is not there for marketing, by any route; HR sees it.
    expect((await marketing.get(`/api/headshots/${pending.id}/renditions/web`)).status).toBe(404);
    expect((await marketing.get(`/api/headshots/${pending.id}/image-url?rendition=web`)).status).toBe(404);
    expect((await hr.get(`/api/headshots/${pending.id}/renditions/web`)).status).toBe(200);
    expect((await marketing.get(`/api/headshots/${approved.id}/renditions/web`)).status).toBe(200);
    const signed = await marketing.get(`/api/headshots/${approved.id}/image-url?rendition=web`);
    expect((await fetch(`${api.baseUrl}${signed.json.url}`)).status).toBe(200);

    // E-mail addresses: off for marketing until HR allows them, also for downloading HR's exports that carry them.
    expect((await marketing.get('/api/exports/options')).json.emailsAllowed).toBe(false);
    expect((await hr.get('/api/exports/options')).json.emailsAllowed).toBe(true);
    const refused = await marketing.post('/api/exports', { scope: 'all', renditions: ['web'], includeEmail: true });
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toMatch(/ask HR/);
    const withEmail = await runExport(hr, { scope: 'all', renditions: ['web'], includeEmail: true });
    expect((await marketing.get(`/api/exports/${withEmail.id}/download`)).status).toBe(403);
    expect((await marketing.request('PUT', '/api/exports/settings', { marketingSeesEmails: true })).status).toBe(403);
    expect((await hr.request('PUT', '/api/exports/settings', { marketingSeesEmails: true })).json).toEqual({ marketingSeesEmails: true });
    expect((await marketing.get('/api/exports/options')).json.emailsAllowed).toBe(true);
    expect((await marketing.get(`/api/exports/${withEmail.id}/download`)).status).toBe(200);
    const mine = await runExport(marketing, { scope: 'all', renditions: ['web'], includeEmail: true });
    expect(JSON.parse(mine.zip.text('manifest.json')).people.map((p: { email: string }) => p.email)).toContain('ana@export.test');
    expect((await hr.request('PUT', '/api/exports/settings', { marketingSeesEmails: false })).status).toBe(200);
    expect((await marketing.get(`/api/exports/${mine.id}/download`)).status).toBe(403);
  }, 120_000);

  it('tells HR a failed export in a sentence naming the missing entry; storage paths stay in the server', async () => {
    const [{ renditions }] = await sql<{ renditions: { name: string; key: string }[] }>(db.url, `SELECT renditions FROM headshot WHERE employee_id = $1 AND state = 'approved'`, [people.ana.employeeId]);
    const web = path.join(storageDir, renditions.find((r) => r.name === 'web')!.key);
    const aside = `${web}.aside`;
    renameSync(web, aside);
    try {
      const created = await hr.post('/api/exports', { scope: 'selection', employeeIds: [people.ana.employeeId], renditions: ['web'], includeEmail: false });
      let dto = created.json;
      const deadline = Date.now() + 90_000;
      while (dto.state !== 'failed' && dto.state !== 'done' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        dto = (await hr.get(`/api/exports/${created.json.id}`)).json;
      }
      expect(dto.state).toBe('failed');
      // A missing file is final and HR can act on it: the sentence names the export entry, never a storage path.
      expect(dto.error).toBe("The file web/ana-lima-web.webp is missing from storage. Regenerate that person's headshot (or leave them out), then start a new export.");
      expect(dto.error).not.toContain(storageDir);
      expect(JSON.stringify(await sql(db.url, `SELECT details FROM audit_event WHERE subject_id = $1`, [created.json.id]))).not.toMatch(/ENOENT|storage|\//);
      expect(api.output()).toMatch(/export failed/);
    } finally {
      renameSync(aside, web);
    }
  }, 120_000);

  it('answers 410 once an export has expired, and deletes its file', async () => {
    const { id } = await runExport(marketing, { scope: 'all', renditions: ['linkedin'], includeEmail: false });
    const [{ file_key }] = await sql<{ file_key: string }>(db.url, 'SELECT file_key FROM export WHERE id = $1', [id]);
    expect(existsSync(path.join(storageDir, file_key))).toBe(true);
    await sql(db.url, `UPDATE export SET expires_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    const res = await marketing.get(`/api/exports/${id}/download`);
    expect(res.status).toBe(410);
    expect(res.json.error.message).toMatch(/expired/);
    expect((await marketing.get(`/api/exports/${id}`)).json).toMatchObject({ state: 'expired', downloadUrl: null });
    expect(existsSync(path.join(storageDir, file_key))).toBe(false);
    expect(await sql(db.url, `SELECT action FROM audit_event WHERE subject_id = $1 ORDER BY at`, [id])).toEqual(
      expect.arrayContaining([{ action: 'export.created' }, { action: 'export.completed' }, { action: 'export.downloaded' }, { action: 'export.expired' }]),
    );
  }, 60_000);

  // Issue 18 item 6: a deleted rendition crashed the worker, and the job came back to crash the next one.
  it('fails an export whose file is missing with a sentence naming it, once, and keeps serving', async () => {
    const [h] = await sql<{ renditions: { name: string; key: string }[] }>(db.url, `SELECT renditions FROM headshot WHERE employee_id = $1 AND state = 'approved'`, [people.ana.employeeId]);
    const file = path.join(storageDir, h.renditions.find((r) => r.name === 'linkedin')!.key);
    const kept = readFileSync(file);
    rmSync(file);
    try {
      const created = await marketing.post('/api/exports', { scope: 'all', renditions: ['linkedin'], includeEmail: false });
      expect(created.status).toBe(201);
      let dto = created.json;
      const deadline = Date.now() + 60_000;
      while (!['done', 'failed'].includes(dto.state) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        dto = (await marketing.get(`/api/exports/${created.json.id}`)).json;
      }
      expect(dto.state).toBe('failed');
      expect(dto.error).toMatch(/^The file linkedin\/\S+ is missing from storage\. Regenerate/);
      expect(dto.error).not.toContain(storageDir);
      expect(api.proc.exitCode).toBeNull();
      expect((await marketing.get('/api/health')).status).toBe(200);
      // Parked at once, not retried into the next worker.
      expect(await sql(db.url, `SELECT action FROM audit_event WHERE subject_id = $1 AND action = 'export.failed'`, [created.json.id])).toHaveLength(1);
      // The same file through the API is a 404 with a sentence, not a 400 naming a server path.
      const rendition = await hr.get(`/api/headshots/${(await sql<{ id: string }>(db.url, `SELECT id FROM headshot WHERE employee_id = $1 AND state = 'approved'`, [people.ana.employeeId]))[0].id}/renditions/linkedin`);
      expect(rendition.status).toBe(404);
      expect(rendition.text).not.toContain(storageDir);
    } finally {
      writeFileSync(file, kept);
    }
  }, 120_000);

  it('streams a large export with flat memory', async () => {
    // Sized so the ZIP is several times the memory bound: a build that held it in memory would fail.
    const n = Number(process.env.TEAMFRAME_EXPORT_BENCH_PEOPLE ?? 1200);
    const [source] = await sql<{ id: string }>(db.url, `SELECT id FROM headshot WHERE employee_id = $1 AND state = 'approved'`, [people.ana.employeeId]);
    await sql(
      db.url,
      `WITH e AS (
         INSERT INTO employee (org_id, email, first_name, last_name, title, department, status)
         SELECT $1, 'bulk' || g || '@export.test', 'Bulk', 'Person ' || g, 'Clone', 'Bulk', 'approved' FROM generate_series(1, $2) g RETURNING id
       ), u AS (
         INSERT INTO upload (org_id, employee_id, original_key, sha256, width, height, bytes, source_format)
         SELECT $1, e.id, s.original_key, s.sha256, s.width, s.height, s.bytes, s.source_format FROM e, upload s WHERE s.id = (SELECT upload_id FROM headshot WHERE id = $3)
         RETURNING id, employee_id
       )
       INSERT INTO headshot (org_id, employee_id, upload_id, style_version_id, state, renditions, report, quality_score, reviewed_at)
       SELECT $1, u.employee_id, u.id, h.style_version_id, 'approved', h.renditions, h.report, h.quality_score, now() FROM u, headshot h WHERE h.id = $3`,
      [orgId, n, source.id],
    );
    const pid = api.proc.pid!;
    const status = (field: string) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`))![1]) * 1024;
    const before = status('VmRSS');
    // Resets the kernel's peak-RSS mark (VmHWM), so the peak read afterwards is this export's, every byte of it.
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    const started = Date.now();
    const result = await runExport(marketing, { scope: 'department', department: 'Bulk', renditions: ['web', 'linkedin', 'print'], includeEmail: false });
    const peak = status('VmHWM');
    const ms = Date.now() - started;
    const size = Number(result.dto.size);
    const [{ details }] = await sql<{ details: { ms: number } }>(db.url, `SELECT details FROM audit_event WHERE action = 'export.completed' AND subject_id = $1`, [result.id]);
    console.log(`export of ${n} people × 3 renditions: ${details.ms} ms build (${ms} ms incl. polling and download), ZIP ${(size / 1e6).toFixed(1)} MB, API RSS ${(before / 1e6).toFixed(0)} → peak ${(peak / 1e6).toFixed(0)} MB (+${((peak - before) / 1e6).toFixed(0)} MB)`);
    expect(result.zip.names()).toHaveLength(3 + n * 3);
    const bound = 150 * 1024 * 1024;
    expect(size).toBeGreaterThan(1.5 * bound);
    expect(peak - before).toBeLessThan(bound);
  }, 600_000);
});

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Copies an approved headshot's rows (upload + headshot) to another org's employee. */
async function cloneApproved(dbUrl: string, headshotId: string, orgId: string, employeeId: string): Promise<void> {
  const [style] = await sql<{ id: string }>(dbUrl, `INSERT INTO style_version (org_id, version, document) SELECT $1, 1, document FROM style_version WHERE id = (SELECT style_version_id FROM headshot WHERE id = $2) RETURNING id`, [orgId, headshotId]);
  await sql(dbUrl, `UPDATE org SET current_style_version_id = $1 WHERE id = $2`, [style.id, orgId]);
  const [u] = await sql<{ id: string }>(
    dbUrl,
    `INSERT INTO upload (org_id, employee_id, original_key, sha256, width, height, bytes, source_format)
     SELECT $1, $2, original_key, sha256, width, height, bytes, source_format FROM upload WHERE id = (SELECT upload_id FROM headshot WHERE id = $3) RETURNING id`,
    [orgId, employeeId, headshotId],
  );
  await sql(
    dbUrl,
    `INSERT INTO headshot (org_id, employee_id, upload_id, style_version_id, state, renditions, reviewed_at)
     SELECT $1, $2, $3, $4, 'approved', renditions, now() FROM headshot WHERE id = $5`,
    [orgId, employeeId, u.id, style.id, headshotId],
  );
}
