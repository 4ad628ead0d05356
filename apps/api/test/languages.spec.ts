import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { uploadPhoto } from './support/invite-link';
import { createOrgWithUser } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, specEnv, type TestDatabase } from './support/test-env';

const OWNER = { email: 'hr@sprachen.test', password: 'languages owner passphrase' };
const tokenOf = (text: string) => text.match(/\/u\/([A-Za-z0-9_-]{43})/)![1];

/**
 * The employee side speaks the employee's language: a German employee gets a German invite (real SMTP),
 * a German page and German check sentences; without their own language the browser's, then the org's
 * default applies. Bad tags are a clear 400 (API) or a row error (CSV); a company's translation folder
 * adds a language. The expected sentences are written out here, not read from the catalogue.
 */
describe('languages of the employee side', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let hr: HttpClient;
  let other: HttpClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    // A company's own folder: Polish (partial: the rest falls back to English) and one German wording of its own.
    const dir = mkdtempSync(path.join(tmpdir(), 'tf-i18n-'));
    writeFileSync(path.join(dir, 'pl.json'), JSON.stringify({ 'upload.greeting': 'Cześć {firstName}', 'mail.invite.subject': '{orgName} prosi o Twoje zdjęcie' }));
    writeFileSync(path.join(dir, 'de.json'), JSON.stringify({ 'upload.intro.start': 'Ihres fängt mit einem Selfie an.' }));
    api = await startApi({ ...specEnv(db, smtp.url, OWNER), TEAMFRAME_ORG_NAME: 'Sprachen GmbH', I18N_DIR: dir, RATE_LIMIT_PER_MINUTE: '100000' });
    hr = new HttpClient(api.baseUrl);
    expect((await hr.signIn(OWNER.email, OWNER.password)).status).toBe(200);
    await createOrgWithUser(db.url, { orgName: 'Other', slug: 'other-languages', email: 'hr@other-languages.test', password: 'other org passphrase', role: 'owner' });
    other = new HttpClient(api.baseUrl);
    expect((await other.signIn('hr@other-languages.test', 'other org passphrase')).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  it('mails a German-speaking employee a German invite, and shows her the page and the check sentences in German', async () => {
    const jonas = await hr.post('/api/employees', { email: 'jonas@sprachen.test', firstName: 'Jonas', lastName: 'Weber', language: 'de' });
    expect(jonas.status).toBe(201);
    expect(jonas.json.language).toBe('de');
    await hr.post('/api/invites', { employeeIds: [jonas.json.id] });
    const mail = await smtp.waitFor('jonas@sprachen.test');
    expect(mail.subject).toBe('Sprachen GmbH bittet um Ihr Porträtfoto');
    expect(mail.text).toContain('Hallo Jonas,');
    expect(mail.text).toContain('Öffnen Sie diesen Link auf Ihrem Handy oder Computer:');
    expect(mail.text).toMatch(/Der Link ist persönlich und gilt bis (Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag), \d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}\./);
    expect(mail.html).toContain('<html lang="de" dir="ltr">');
    expect(mail.html).toContain('Selfie aufnehmen');
    expect(mail.headers.get('content-language')).toBe('de');

    const token = tokenOf(mail.text!);
    const browser = new HttpClient(api.baseUrl);
    // Her own language wins over the browser's.
    const page = await browser.request('GET', `/api/invite/${token}`, undefined, { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    expect(page.json.language).toBe('de');
    expect(page.json.dir).toBe('ltr');
    expect(page.json.consentText).toMatch(/^Sprachen GmbH nutzt Teamframe, um aus Ihrem Selfie ein Porträtfoto im Firmenstil zu machen\./);
    await browser.post(`/api/invite/${token}/consent`);
    const refused = await uploadPhoto(api.baseUrl, token, 'group/two-people.jpg', 'group.jpg', browser);
    expect(refused.status).toBe(422);
    expect(refused.json.error.message).toBe('Dieses Foto kann nicht verwendet werden. Versuchen Sie es mit einem anderen.');
    expect(refused.json.error.checks).toContainEqual({ code: 'MULTIPLE_FACES', sentence: 'Auf diesem Foto ist mehr als eine Person zu sehen.', tip: 'Machen Sie ein Foto, auf dem nur Sie zu sehen sind.' });
    // HR reads the refusal in English (the admin side).
    const attempts = await hr.get(`/api/employees/${jonas.json.id}/refused-uploads`);
    expect(JSON.stringify(attempts.json)).toContain('This photo shows more than one person.');
  });

  it('uses the browser’s language for someone without one, then the org’s default, for page and mails', async () => {
    const ana = await hr.post('/api/employees', { email: 'ana@sprachen.test', firstName: 'Ana', lastName: 'Lima' });
    expect(ana.json.language).toBeNull();
    await hr.post('/api/invites', { employeeIds: [ana.json.id] });
    const english = await smtp.waitFor('ana@sprachen.test');
    expect(english.subject).toBe('Sprachen GmbH would like your headshot');
    const token = tokenOf(english.text!);
    const c = new HttpClient(api.baseUrl);
    const french = await c.request('GET', `/api/invite/${token}`, undefined, { headers: { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' } });
    expect(french.json.language).toBe('fr-FR');
    expect(french.json.consentText).toMatch(/^Sprachen GmbH utilise Teamframe pour transformer votre selfie en portrait d’entreprise\./);
    expect(french.headers.get('vary')).toMatch(/Accept-Language/i);
    expect((await c.request('GET', `/api/invite/${token}`, undefined, { headers: { 'accept-language': 'ja-JP' } })).json.language).toBe('en');

    const settings = await hr.request('PUT', '/api/org/settings', { processingMode: 'on_arrival', defaultLanguage: 'nl' });
    expect(settings.status).toBe(200);
    expect(settings.json.defaultLanguage).toBe('nl');
    expect(settings.json.languages.map((l: { tag: string }) => l.tag)).toEqual(expect.arrayContaining(['en', 'de', 'fr', 'es', 'nl', 'ar', 'pl']));
    expect(settings.json.languages.find((l: { tag: string }) => l.tag === 'ar')).toEqual({ tag: 'ar', name: 'العربية', dir: 'rtl' });
    expect((await c.request('GET', `/api/invite/${token}`, undefined, { headers: { 'accept-language': 'ja-JP' } })).json.language).toBe('nl');
    // The other org keeps its own default.
    expect((await other.get('/api/org/settings')).json.defaultLanguage).toBe('en');

    await hr.post('/api/invites', { employeeIds: [ana.json.id] });
    const dutch = await smtp.waitFor('ana@sprachen.test', /profielfoto/);
    expect(dutch.subject).toBe('Sprachen GmbH wil graag je profielfoto');
    expect(dutch.text).toContain('Hallo Ana,');
  });

  it('refuses a language it does not speak with a clear 400, stores tags canonically, and clears with null', async () => {
    const bad = await hr.post('/api/employees', { email: 'kirk@sprachen.test', firstName: 'James', lastName: 'Kirk', language: 'klingon' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toMatch(/language.*is not a supported language \(use a language tag such as en, de, fr, es, nl, ar/);
    const mx = await hr.post('/api/employees', { email: 'lucia@sprachen.test', firstName: 'Lucía', lastName: 'Pérez', language: 'ES-mx' });
    expect(mx.json.language).toBe('es-MX');
    expect((await hr.request('PATCH', `/api/employees/${mx.json.id}`, { language: 'xx-YY' })).status).toBe(400);
    expect((await hr.request('PATCH', `/api/employees/${mx.json.id}`, { language: null })).json.language).toBeNull();
    expect((await hr.request('PUT', '/api/org/settings', { processingMode: 'on_arrival', defaultLanguage: '' })).status).toBe(400);
  });

  it('reads a language column from a CSV: a row with an unknown language is an error, an empty cell means the default', async () => {
    const csv = 'email,first name,last name,language\nmarie@sprachen.test,Marie,Dubois,fr\nsven@sprachen.test,Sven,Berg,\nzed@sprachen.test,Zed,Zero,zz-top\n';
    const dry = await hr.request('POST', '/api/employees/import?dryRun=true', undefined, { raw: csv, headers: { 'content-type': 'text/csv' } });
    expect(dry.json.errors).toEqual([{ line: 4, field: 'language', message: expect.stringMatching(/is not a supported language/) }]);
    const good = csv.split('\n').slice(0, 3).join('\n');
    expect((await hr.request('POST', '/api/employees/import?dryRun=false', undefined, { raw: good, headers: { 'content-type': 'text/csv' } })).json.created).toBe(2);
    const list = (await hr.get('/api/employees?q=sprachen.test&pageSize=200')).json.items as { email: string; language: string | null }[];
    expect(list.find((e) => e.email === 'marie@sprachen.test')?.language).toBe('fr');
    expect(list.find((e) => e.email === 'sven@sprachen.test')?.language).toBeNull();
    // A file without the column leaves everyone's language as it is.
    const again = await hr.request('POST', '/api/employees/import?dryRun=false', undefined, { raw: 'email,first name,last name\nmarie@sprachen.test,Marie,Dubois-Martin\n', headers: { 'content-type': 'text/csv' } });
    expect(again.json.updated).toBe(1);
    const marie = ((await hr.get('/api/employees?q=marie&pageSize=10')).json.items as { language: string | null }[])[0];
    expect(marie.language).toBe('fr');
  });

  it('takes the language from SCIM preferredLanguage, storing none for one it does not speak', async () => {
    const token = (await hr.post('/api/scim-settings/token')).json.secret as string;
    const scim = async (method: string, p: string, body?: unknown) => {
      const res = await fetch(`${api.baseUrl}/scim/v2${p}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, json: await res.json().catch(() => undefined) };
    };
    const created = await scim('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ines@sprachen.test', name: { givenName: 'Inês', familyName: 'Costa' }, preferredLanguage: 'nl-BE' });
    expect(created.status).toBe(201);
    expect(created.json.preferredLanguage).toBe('nl-BE');
    const employee = async () => ((await hr.get('/api/employees?q=ines&pageSize=10')).json.items as { language: string | null }[])[0];
    expect((await employee()).language).toBe('nl-BE');
    const patched = await scim('PATCH', `/Users/${created.json.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'preferredLanguage', value: 'pt-BR' }] });
    expect(patched.status).toBe(200);
    expect((await employee()).language).toBeNull();
    // A PUT without the attribute leaves the language as it is.
    await hr.request('PATCH', `/api/employees/${created.json.id}`, { language: 'es' });
    expect((await scim('PUT', `/Users/${created.json.id}`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ines@sprachen.test', name: { givenName: 'Inês', familyName: 'Costa' } })).status).toBe(200);
    expect((await employee()).language).toBe('es');
  });

  it('serves the upload page’s messages: closest language, a company’s own file, English for the rest', async () => {
    const anon = new HttpClient(api.baseUrl);
    const at = await anon.get('/api/i18n/de-AT');
    expect(at.status).toBe(200);
    expect(at.json.language).toBe('de-AT');
    expect(at.json.messages['upload.greeting']).toBe('Hallo {firstName}');
    // The company's wording replaces the built-in one.
    expect(at.json.messages['upload.intro.start']).toBe('Ihres fängt mit einem Selfie an.');
    expect(at.json.messages['mail.invite.subject']).toBeUndefined();
    const ar = await anon.get('/api/i18n/ar');
    expect(ar.json.dir).toBe('rtl');
    const pl = await anon.get('/api/i18n/pl-PL');
    expect(pl.json.messages['upload.greeting']).toBe('Cześć {firstName}');
    expect(pl.json.messages['upload.continue']).toBe('Continue');
    expect((await anon.get('/api/i18n/tlh')).json.language).toBe('en');
    // A company-added language is valid for employees.
    expect((await hr.post('/api/employees', { email: 'ola@sprachen.test', firstName: 'Ola', lastName: 'Nowak', language: 'pl' })).json.language).toBe('pl');
  });
});
