import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { personWithSelfie, waitForHeadshot } from './support/headshot-flow';
import { HttpClient } from './support/http-client';
import { addUser, createOrgWithUser, sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from './support/test-env';
import { formulaCells, readAsSpreadsheet } from './support/spreadsheet';

const OWNER = { email: 'owner@fields.test', password: 'fields owner passphrase' };
const OTHER = { email: 'hr@other-fields.test', password: 'other fields passphrase' };
const HOSTILE_OFFICE = '=HYPERLINK("http://evil.example","click")';
const HOSTILE_PRONOUNS = '<script>alert(1)</script>';

describe('custom fields on employees', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let hr: HttpClient;
  let other: HttpClient;
  let marketing: HttpClient;
  let orgId: string;
  const tmp = mkdtempSync(path.join(tmpdir(), 'tf-fields-'));
  const field: Record<string, { id: string; key: string }> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    api = await startApi({
      DATABASE_URL: db.url,
      SMTP_URL: smtp.url,
      STORAGE_DIR: path.join(REPO_ROOT, 'var', `test-storage-${db.name}`),
      TEAMFRAME_ADMIN_EMAIL: OWNER.email,
      TEAMFRAME_ADMIN_PASSWORD: OWNER.password,
      TEAMFRAME_ORG_NAME: 'Fields Inc',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    hr = new HttpClient(api.baseUrl);
    expect((await hr.signIn(OWNER.email, OWNER.password)).status).toBe(200);
    [{ org_id: orgId }] = await sql<{ org_id: string }>(db.url, 'SELECT org_id FROM app_user LIMIT 1');
    await addUser(db.url, orgId, 'mkt@fields.test', 'fields marketing passphrase', 'marketing');
    marketing = new HttpClient(api.baseUrl);
    expect((await marketing.signIn('mkt@fields.test', 'fields marketing passphrase')).status).toBe(200);
    await createOrgWithUser(db.url, { orgName: 'Other', slug: 'other-fields', email: OTHER.email, password: OTHER.password, role: 'hr_admin' });
    other = new HttpClient(api.baseUrl);
    expect((await other.signIn(OTHER.email, OTHER.password)).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  const keys = async (c: HttpClient) => (await c.get('/api/custom-fields')).json.map((f: { key: string }) => f.key);

  it('lets HR define, rename, reorder and show fields, with keys and labels that stay unambiguous', async () => {
    expect((await hr.get('/api/custom-fields')).json).toEqual([]);
    const pronouns = await hr.post('/api/custom-fields', { label: ' Pronouns ', showOnTeamPage: true });
    expect(pronouns.status, pronouns.text).toBe(201);
    expect(pronouns.json).toMatchObject({ key: 'pronouns', label: 'Pronouns', position: 0, showOnTeamPage: true });
    const office = await hr.post('/api/custom-fields', { label: 'Office' });
    expect(office.json).toMatchObject({ key: 'office', position: 1, showOnTeamPage: false });
    // "Team" is only a secondary spelling of department, so HR may have a field of that name.
    const team = await hr.post('/api/custom-fields', { label: 'Team' });
    expect(team.json).toMatchObject({ key: 'team', position: 2 });
    const desk = await hr.post('/api/custom-fields', { label: 'Schreibtisch Nr.', key: 'desk' });
    expect(desk.json).toMatchObject({ key: 'desk', label: 'Schreibtisch Nr.', position: 3 });
    for (const f of [pronouns, office, team, desk]) field[f.json.key] = f.json;

    const refused = [
      [{ label: 'E-mail' }, 400, 'label'],
      [{ label: 'Department' }, 400, 'label'],
      [{ label: 'First name' }, 400, 'label'],
      [{ label: 'Files', key: 'file_web' }, 400, 'key'],
      [{ label: 'Bad key', key: 'Bad-Key' }, 400, 'key'],
      [{ label: '办公室' }, 400, 'key'],
      [{ label: '' }, 400, 'label'],
      [{ label: 'x'.repeat(61) }, 400, 'label'],
      [{ label: 'Line\nbreak' }, 400, 'label'],
      [{ label: 'PRONOUNS!' }, 409, 'label'],
      [{ label: 'Where I sit', key: 'desk' }, 409, 'key'],
      [{ label: 'Desk' }, 409, 'label'],
      [{ label: 'Office', extra: true }, 400, '(body)'],
    ] as const;
    for (const [body, status, path] of refused) {
      const res = await hr.post('/api/custom-fields', body);
      expect({ body, status: res.status, paths: res.json.error.details?.map((d: { path: string }) => d.path) }).toEqual({ body, status, paths: [path] });
    }
    const unnamed = await hr.post('/api/custom-fields', { label: '办公室', key: 'office_cn' });
    expect(unnamed.status).toBe(201);
    expect((await hr.request('DELETE', `/api/custom-fields/${unnamed.json.id}`)).json).toEqual({ valuesRemoved: 0 });

    // Rename keeps the key; moves renumber the others; the team-page switch flips.
    const renamed = await hr.request('PATCH', `/api/custom-fields/${field.office.id}`, { label: 'Office location' });
    expect(renamed.json).toMatchObject({ key: 'office', label: 'Office location' });
    expect((await hr.request('PATCH', `/api/custom-fields/${field.office.id}`, { label: 'Team' })).status).toBe(409);
    expect((await hr.request('PATCH', `/api/custom-fields/${field.office.id}`, { label: 'Email' })).status).toBe(400);
    expect((await hr.request('PATCH', `/api/custom-fields/${field.office.id}`, {})).status).toBe(400);
    await hr.request('PATCH', `/api/custom-fields/${field.desk.id}`, { position: 0 });
    expect(await keys(hr)).toEqual(['desk', 'pronouns', 'office', 'team']);
    await hr.request('PATCH', `/api/custom-fields/${field.desk.id}`, { position: 19 });
    const list = (await hr.get('/api/custom-fields')).json;
    expect(list.map((f: { key: string; position: number }) => `${f.position}:${f.key}`)).toEqual(['0:pronouns', '1:office', '2:team', '3:desk']);
    expect((await hr.request('PATCH', `/api/custom-fields/${field.team.id}`, { showOnTeamPage: true })).json.showOnTeamPage).toBe(true);
    expect((await hr.request('PATCH', `/api/custom-fields/${field.team.id}`, { showOnTeamPage: false })).json.showOnTeamPage).toBe(false);
    expect((await hr.request('PATCH', '/api/custom-fields/not-a-uuid', { label: 'X' })).status).toBe(404);

    const audit = await sql<{ action: string; details: Record<string, unknown> }>(db.url, `SELECT action, details FROM audit_event WHERE action LIKE 'custom_field.%' AND subject_id = $1 ORDER BY at`, [field.office.id]);
    expect(audit).toEqual([
      { action: 'custom_field.created', details: { key: 'office', label: 'Office' } },
      { action: 'custom_field.updated', details: { key: 'office', label: { from: 'Office', to: 'Office location' } } },
    ]);

    // Marketing exports but does not manage the directory.
    expect((await marketing.get('/api/custom-fields')).status).toBe(403);
    expect((await marketing.post('/api/custom-fields', { label: 'Nickname' })).status).toBe(403);
  });

  it('stores values on create and update, refusing unknown keys and bad values by name', async () => {
    const ana = await hr.post('/api/employees', { email: 'ana@fields.test', firstName: 'Ana', lastName: 'Lima', customFields: { pronouns: ' she/her ', office: 'Lisbon', team: '' } });
    expect(ana.status, ana.text).toBe(201);
    expect(ana.json.customFields).toEqual({ pronouns: 'she/her', office: 'Lisbon' });

    const unknown = await hr.post('/api/employees', { email: 'x@fields.test', firstName: 'X', lastName: 'Y', customFields: { nickname: 'Xy', pronouns: 'he' } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toMatch(/nickname/);
    expect(unknown.json.error.details).toEqual([{ path: 'customFields.nickname', message: 'is not a custom field of your organisation' }]);
    expect((await hr.get('/api/employees?q=x@fields')).json.total).toBe(0);

    const bad = [
      { pronouns: 'x'.repeat(201) },
      { pronouns: 'two\nlines' },
      { 'Bad Key': 'x' },
      { pronouns: 42 },
    ];
    for (const customFields of bad) {
      const res = await hr.request('PATCH', `/api/employees/${ana.json.id}`, { customFields });
      expect({ customFields, status: res.status }).toEqual({ customFields, status: 400 });
    }
    expect((await hr.request('PATCH', `/api/employees/${ana.json.id}`, { customFields: { nickname: 'A' } })).json.error.details[0].path).toBe('customFields.nickname');

    // A patch changes only the keys it names; an empty string clears.
    const patched = await hr.request('PATCH', `/api/employees/${ana.json.id}`, { title: 'Designer', customFields: { team: 'Brand', office: '' } });
    expect(patched.json).toMatchObject({ title: 'Designer', customFields: { pronouns: 'she/her', team: 'Brand' } });
    expect((await hr.get(`/api/employees/${ana.json.id}`)).json.customFields).toEqual({ pronouns: 'she/her', team: 'Brand' });
    expect((await hr.get('/api/employees?q=ana')).json.items[0].customFields).toEqual({ pronouns: 'she/her', team: 'Brand' });
    const [updated] = await sql<{ details: { fields: string[] } }>(db.url, `SELECT details FROM audit_event WHERE action = 'employee.updated' AND subject_id = $1 ORDER BY at DESC LIMIT 1`, [ana.json.id]);
    expect(updated.details.fields.sort()).toEqual(['customFields.office', 'customFields.team', 'title']);

    // Renaming a field keeps every value.
    await hr.request('PATCH', `/api/custom-fields/${field.team.id}`, { label: 'Squad' });
    expect((await hr.get(`/api/employees/${ana.json.id}`)).json.customFields.team).toBe('Brand');
    await hr.request('PATCH', `/api/custom-fields/${field.team.id}`, { label: 'Team' });
  });

  it('deletes a field together with its values, audited', async () => {
    const temp = await hr.post('/api/custom-fields', { label: 'Parking spot' });
    const bo = await hr.post('/api/employees', { email: 'bo@fields.test', firstName: 'Bo', lastName: 'Ek', customFields: { parking_spot: 'P-7', pronouns: 'he/him' } });
    const cy = await hr.post('/api/employees', { email: 'cy@fields.test', firstName: 'Cy', lastName: 'Zed', customFields: { parking_spot: 'P-9' } });
    expect(bo.json.customFields).toEqual({ parking_spot: 'P-7', pronouns: 'he/him' });
    const res = await hr.request('DELETE', `/api/custom-fields/${temp.json.id}`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ valuesRemoved: 2 });
    expect((await hr.get(`/api/employees/${bo.json.id}`)).json.customFields).toEqual({ pronouns: 'he/him' });
    expect((await hr.get(`/api/employees/${cy.json.id}`)).json.customFields).toEqual({});
    const [{ n }] = await sql<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM employee WHERE custom_fields ? 'parking_spot'`);
    expect(n).toBe(0);
    expect((await hr.request('DELETE', `/api/custom-fields/${temp.json.id}`)).status).toBe(404);
    const [audit] = await sql<{ details: Record<string, unknown> }>(db.url, `SELECT details FROM audit_event WHERE action = 'custom_field.deleted' AND subject_id = $1`, [temp.json.id]);
    expect(audit.details).toEqual({ key: 'parking_spot', label: 'Parking spot', valuesRemoved: 2 });
    // The key is free again, with no old values coming back.
    const again = await hr.post('/api/custom-fields', { label: 'Parking spot' });
    expect((await hr.get(`/api/employees/${bo.json.id}`)).json.customFields).toEqual({ pronouns: 'he/him' });
    await hr.request('DELETE', `/api/custom-fields/${again.json.id}`);
    expect(await keys(hr)).toEqual(['pronouns', 'office', 'team', 'desk']);
  });

  it("keeps each org's fields and values to itself, and caps an org at 20 fields", async () => {
    expect((await other.get('/api/custom-fields')).json).toEqual([]);
    expect((await other.request('PATCH', `/api/custom-fields/${field.office.id}`, { label: 'Pwned' })).status).toBe(404);
    expect((await other.request('DELETE', `/api/custom-fields/${field.office.id}`)).status).toBe(404);
    // Another org's key is unknown here, even though the first org has it.
    const stranger = await other.post('/api/employees', { email: 'sam@other.test', firstName: 'Sam', lastName: 'O', customFields: { pronouns: 'they' } });
    expect(stranger.status).toBe(400);
    // The same key in another org is a field of its own.
    const mine = await other.post('/api/custom-fields', { label: 'Pronouns' });
    expect(mine.status).toBe(201);
    const sam = await other.post('/api/employees', { email: 'sam@other.test', firstName: 'Sam', lastName: 'O', customFields: { pronouns: 'they' } });
    expect(sam.json.customFields).toEqual({ pronouns: 'they' });
    expect(await keys(hr)).toEqual(['pronouns', 'office', 'team', 'desk']);
    const [ana] = (await hr.get('/api/employees?q=ana')).json.items;
    expect((await other.request('PATCH', `/api/employees/${ana.id}`, { customFields: { pronouns: 'x' } })).status).toBe(404);
    expect((await hr.get(`/api/employees/${ana.id}`)).json.customFields.pronouns).toBe('she/her');
    expect((await other.get('/api/employees/status.csv')).text).not.toContain('she/her');
    const [statusHeader] = readAsSpreadsheet((await other.get('/api/employees/status.csv')).text, ',');
    expect(statusHeader).toEqual(['first name', 'last name', 'email', 'title', 'department', 'Pronouns', 'status', 'invited', 'uploaded', 'approved']);

    for (let i = 2; i <= 20; i++) expect((await other.post('/api/custom-fields', { label: `Field ${i}` })).status).toBe(201);
    const over = await other.post('/api/custom-fields', { label: 'Field 21' });
    expect(over.status).toBe(409);
    expect(over.json.error.message).toMatch(/20 custom fields/);
    expect((await other.get('/api/custom-fields')).json).toHaveLength(20);
    expect(await keys(hr)).toHaveLength(4);
  });

  it('imports custom field columns by label or key: a dry run reports bad values, a real run fills them', async () => {
    const bad = ['Email;First name;Last name;Pronouns;TEAM;office;Badge', 'dee@fields.test;Dee;Ng;she/her;Data;Oslo;B1', `eli@fields.test;Eli;Ro;${'x'.repeat(201)};Data;;B2`].join('\n');
    const dry = await hr.request('POST', '/api/employees/import?dryRun=true', undefined, { raw: bad, headers: { 'content-type': 'text/csv' } });
    expect(dry.status, dry.text).toBe(200);
    expect(dry.json).toMatchObject({ dryRun: true, rows: 2, created: 1, errors: [{ line: 3, field: 'Pronouns', message: 'must be at most 200 characters' }] });
    const refused = await hr.request('POST', '/api/employees/import?dryRun=false', undefined, { raw: bad, headers: { 'content-type': 'text/csv' } });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details).toEqual([{ path: 'line 3.Pronouns', message: 'must be at most 200 characters' }]);

    // Ana is in the file without an office column entry of her own: her other values stay.
    const good = ['Email;First name;Last name;Pronouns;TEAM;Badge', 'dee@fields.test;Dee;Ng;she/her;Data;B1', 'eli@fields.test;Eli;Ro;he/him;;B2', 'ana@fields.test;Ana;Lima;she/her;Brand;B3'].join('\n');
    const check = await hr.request('POST', '/api/employees/import?dryRun=true', undefined, { raw: good, headers: { 'content-type': 'text/csv' } });
    expect(check.json).toMatchObject({ rows: 3, created: 2, updated: 1, unchanged: 0, errors: [] });
    const done = await hr.request('POST', '/api/employees/import?dryRun=false', undefined, { raw: good, headers: { 'content-type': 'text/csv' } });
    expect(done.json).toMatchObject({ dryRun: false, rows: 3, created: 2, updated: 1, unchanged: 0, errors: [] });
    const byEmail = async (email: string) => (await hr.get(`/api/employees?q=${encodeURIComponent(email)}`)).json.items[0];
    // "TEAM" filled the Team field and not the department; Badge matched no field and was ignored.
    expect(await byEmail('dee@fields.test')).toMatchObject({ department: '', customFields: { pronouns: 'she/her', team: 'Data' } });
    expect((await byEmail('eli@fields.test')).customFields).toEqual({ pronouns: 'he/him' });
    // Ana's title was reset by the file (no title column), her Team value re-stated: she counted as updated.
    expect((await byEmail('ana@fields.test')).customFields).toEqual({ pronouns: 'she/her', team: 'Brand' });

    const again = await hr.request('POST', '/api/employees/import?dryRun=false', undefined, { raw: good, headers: { 'content-type': 'text/csv' } });
    expect(again.json).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    // A file without the custom columns leaves the values alone; an empty cell clears one.
    const plain = 'email,first name,last name\ndee@fields.test,Dee,Ng\n';
    expect((await hr.request('POST', '/api/employees/import?dryRun=false', undefined, { raw: plain, headers: { 'content-type': 'text/csv' } })).json).toMatchObject({ unchanged: 1 });
    expect((await byEmail('dee@fields.test')).customFields).toEqual({ pronouns: 'she/her', team: 'Data' });
    await hr.request('POST', '/api/employees/import?dryRun=false', undefined, { raw: 'email,first name,last name,team\ndee@fields.test,Dee,Ng,\n', headers: { 'content-type': 'text/csv' } });
    expect((await byEmail('dee@fields.test')).customFields).toEqual({ pronouns: 'she/her' });
  });

  it('puts a column per field in the status CSV, formula-neutralised, and reads that file back unchanged', async () => {
    const [bo] = (await hr.get('/api/employees?q=bo@fields')).json.items;
    await hr.request('PATCH', `/api/employees/${bo.id}`, { customFields: { office: HOSTILE_OFFICE, desk: '+12' } });
    const res = await fetch(`${api.baseUrl}/api/employees/status.csv`, { headers: { cookie: [...hr.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    const text = (await res.text()).replace(/^\ufeff/, '');
    const lines = text.trimEnd().split('\r\n');
    const cells = readAsSpreadsheet(text, ',');
    expect(cells[0]).toEqual(['first name', 'last name', 'email', 'title', 'department', 'Pronouns', 'Office location', 'Team', 'Schreibtisch Nr.', 'status', 'invited', 'uploaded', 'approved']);
    expect(cells.find((l) => l[0] === 'Ana')).toEqual(['Ana', 'Lima', 'ana@fields.test', '', '', 'she/her', '', 'Brand', '', 'not_invited', '', '', '']);
    const boLine = cells.find((l) => l[0] === 'Bo')!;
    expect(boLine.slice(5, 9)).toEqual(['he/him', `'${HOSTILE_OFFICE}`, '', "'+12"]);
    for (const separator of [',', ';'] as const) expect(formulaCells(readAsSpreadsheet(text, separator))).toEqual([]);

    // Round trip: the file HR downloads imports back as "unchanged" (neutralised cells aside).
    const roundTrip = lines.filter((l) => !l.startsWith('"Bo",')).join('\r\n');
    const back = await hr.request('POST', '/api/employees/import?dryRun=true', undefined, { raw: roundTrip, headers: { 'content-type': 'text/csv' } });
    expect(back.json).toMatchObject({ rows: lines.length - 2, created: 0, updated: 0, unchanged: lines.length - 2, errors: [] });
  });

  it('exports the values in both manifests and the chosen fields on the team page, escaped', async () => {
    const p = await personWithSelfie(hr, smtp, api.baseUrl, { email: 'fay@fields.test', firstName: 'Fay', lastName: 'Oak', title: 'Engineer', department: 'R&D', photo: 'portraits/obama-official.jpg' });
    const headshotId = await waitForHeadshot(db.url, p.employeeId);
    expect((await hr.post('/api/review/approve', { headshotIds: [headshotId] })).json.approved).toBe(1);
    await hr.request('PATCH', `/api/employees/${p.employeeId}`, { customFields: { pronouns: 'she/her', office: 'Porto', team: 'Platform' } });
    // A second approved person with hostile values, sharing Fay's renditions (pixels do not matter here).
    const [mal] = (await hr.get('/api/employees?q=bo@fields')).json.items;
    await hr.request('PATCH', `/api/employees/${mal.id}`, { customFields: { pronouns: HOSTILE_PRONOUNS } });
    await sql(
      db.url,
      `WITH u AS (
         INSERT INTO upload (org_id, employee_id, original_key, sha256, width, height, bytes, source_format)
         SELECT org_id, $2, original_key, sha256, width, height, bytes, source_format FROM upload WHERE id = (SELECT upload_id FROM headshot WHERE id = $1) RETURNING id
       )
       INSERT INTO headshot (org_id, employee_id, upload_id, style_version_id, state, renditions, reviewed_at)
       SELECT h.org_id, $2, u.id, h.style_version_id, 'approved', h.renditions, now() FROM headshot h, u WHERE h.id = $1`,
      [headshotId, mal.id],
    );

    const created = await hr.post('/api/exports', { scope: 'all', renditions: ['web'], includeEmail: true });
    expect(created.status, created.text).toBe(201);
    let dto = created.json;
    const deadline = Date.now() + 120_000;
    while (!['done', 'failed'].includes(dto.state) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      dto = (await hr.get(`/api/exports/${created.json.id}`)).json;
    }
    expect(dto.state, dto.error).toBe('done');
    const zipRes = await fetch(`${api.baseUrl}${dto.downloadUrl}`, { headers: { cookie: [...hr.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    const file = path.join(tmp, 'export.zip');
    writeFileSync(file, Buffer.from(await zipRes.arrayBuffer()));
    const entry = (name: string) => execFileSync('unzip', ['-p', file, name]).toString('utf8');

    const json = JSON.parse(entry('manifest.json'));
    expect(json.customFields).toEqual([
      { key: 'pronouns', label: 'Pronouns' },
      { key: 'office', label: 'Office location' },
      { key: 'team', label: 'Team' },
      { key: 'desk', label: 'Schreibtisch Nr.' },
    ]);
    const byFirst = Object.fromEntries(json.people.map((x: { firstName: string }) => [x.firstName, x]));
    expect(byFirst.Fay.customFields).toEqual({ pronouns: 'she/her', office: 'Porto', team: 'Platform', desk: '' });
    expect(byFirst.Bo.customFields).toEqual({ pronouns: HOSTILE_PRONOUNS, office: HOSTILE_OFFICE, team: '', desk: '+12' });

    const csv = entry('manifest.csv').replace(/^\ufeff/, '');
    const lines = readAsSpreadsheet(csv, ',');
    expect(lines[0]).toEqual(['name', 'first_name', 'last_name', 'title', 'department', 'pronouns', 'office', 'team', 'desk', 'email', 'approved_at', 'file_web', 'print_files']);
    expect(lines.find((l) => l[0] === 'Fay Oak')!.slice(0, 10)).toEqual(['Fay Oak', 'Fay', 'Oak', 'Engineer', 'R&D', 'she/her', 'Porto', 'Platform', '', 'fay@fields.test']);
    expect(lines.flat()).toContain(`'${HOSTILE_OFFICE}`);
    expect(lines.flat()).toContain("'+12");
    for (const separator of [',', ';'] as const) expect(formulaCells(readAsSpreadsheet(csv, separator))).toEqual([]);

    // Pronouns is on the team page; office and team are not (not chosen); the script arrives as text.
    const html = entry('index.html');
    expect(html).toContain('<dl><dt>Pronouns</dt><dd>she/her</dd></dl>');
    expect(html).toContain('<dd>&lt;script&gt;alert(1)&lt;/script&gt;</dd>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('Porto');

    // Round trip: the manifest imports back into the directory without changing Fay.
    const csvLines = csv.trimEnd().split('\r\n');
    const fayOnly = [csvLines[0], csvLines.find((l) => l.startsWith('"Fay Oak",'))!].join('\r\n');
    const back = await hr.request('POST', '/api/employees/import?dryRun=true', undefined, { raw: fayOnly, headers: { 'content-type': 'text/csv' } });
    expect(back.json).toMatchObject({ rows: 1, created: 0, updated: 0, unchanged: 1, errors: [] });
  }, 240_000);
});
