import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { createTestDatabase, type TestDatabase } from './support/test-env';

const OWNER = 'owner@limits.test';
const PASSWORD = 'limits and logs passphrase';

/** The outbox mails addressed to `to`, parsed, with their file names. */
async function outboxMailsTo(dir: string, to: string) {
  const out = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.eml'))) {
    const m = await simpleParser(readFileSync(path.join(dir, f)));
    const addr = Array.isArray(m.to) ? m.to[0] : m.to;
    if (addr?.value[0]?.address === to) out.push({ file: f, text: m.text ?? '' });
  }
  return out;
}

async function waitForOutboxMail(dir: string, to: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await outboxMailsTo(dir, to).catch(() => []);
    if (found.length) return found[found.length - 1];
    if (Date.now() > deadline) throw new Error(`no outbox mail to ${to}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * One API process in the embedded mail mode (outbox, no SMTP) logging every request at info: what
 * its output carries after invite links are used, people are erased and hostile parameters are sent.
 */
describe('logs, erasure and parameter bounds', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let hr: HttpClient;
  const outbox = mkdtempSync(path.join(tmpdir(), 'tf-limits-outbox-'));

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi({ DATABASE_URL: db.url, LOG_LEVEL: 'info', MAIL_OUTBOX_DIR: outbox, STORAGE_DIR: mkdtempSync(path.join(tmpdir(), 'tf-limits-storage-')), TEAMFRAME_ADMIN_EMAIL: OWNER, TEAMFRAME_ADMIN_PASSWORD: PASSWORD });
    hr = new HttpClient(api.baseUrl);
    expect((await hr.signIn(OWNER, PASSWORD)).status).toBe(200);
  });
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
    rmSync(outbox, { recursive: true, force: true });
  });

  it('never writes an invite token or an employee’s address into the log', async () => {
    const email = 'leak.me@limits.test';
    const created = await hr.post('/api/employees', { email, firstName: 'Lea', lastName: 'King' });
    expect(created.status).toBe(201);
    expect((await hr.post('/api/invites', { employeeIds: [created.json.id] })).status).toBeLessThan(300);
    const mail = await waitForOutboxMail(outbox, email);
    const token = mail.text.match(/\/u\/([A-Za-z0-9_-]{43})/)![1];

    const employee = new HttpClient(api.baseUrl);
    expect((await employee.get(`/api/invite/${token}`)).status).toBe(200);
    expect((await employee.post(`/api/invite/${token}/consent`)).status).toBe(200);
    expect((await employee.get(`/api/invite/${token}/nothing-here`)).status).toBe(404);
    expect((await hr.get(`/api/employees?q=${encodeURIComponent(email)}`)).status).toBe(200);
    expect((await new HttpClient(api.baseUrl).get(`/api/sso/discover?email=${encodeURIComponent(email)}`)).status).toBe(404);
    await new Promise((r) => setTimeout(r, 300));

    const log = api.output();
    expect(log).toContain('/api/invite/[redacted]/consent');
    expect(log).toContain('mail written to the outbox');
    expect(log.split('\n').filter((l) => l.includes(token))).toEqual([]);
    expect(log).not.toContain(email);
    expect(log).not.toContain(encodeURIComponent(email));
  });

  it('erases the outbox mails of an erased employee, and logs only the id', async () => {
    const email = 'erase.me@limits.test';
    const created = await hr.post('/api/employees', { email, firstName: 'Eri', lastName: 'Sure' });
    const keep = await hr.post('/api/employees', { email: 'stay@limits.test', firstName: 'Sta', lastName: 'Y' });
    await hr.post('/api/invites', { employeeIds: [created.json.id, keep.json.id] });
    await waitForOutboxMail(outbox, email);
    await waitForOutboxMail(outbox, 'stay@limits.test');
    const campaign = await hr.post('/api/campaigns', { name: 'Listed', dueOn: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), audience: { kind: 'list', emails: [email, 'stay@limits.test'] } });
    expect(campaign.status).toBe(201);

    const erased = await hr.post(`/api/employees/${created.json.id}/erase`);
    expect(erased.status).toBe(200);
    expect(await outboxMailsTo(outbox, email)).toEqual([]);
    expect((await outboxMailsTo(outbox, 'stay@limits.test')).length).toBeGreaterThan(0);
    for (const f of readdirSync(outbox)) expect(readFileSync(path.join(outbox, f), 'utf8')).not.toContain(email);
    const { json } = await hr.get(`/api/campaigns/${campaign.json.campaign.id}`);
    expect(JSON.stringify(json)).not.toContain(email);
    await new Promise((r) => setTimeout(r, 300));
    expect(api.output()).toContain(created.json.id);
    expect(api.output()).not.toContain(email);
  });

  it('answers 400 to a numeric path parameter out of range, on every route that has one', async () => {
    const doc = (await hr.get('/api/docs/openapi.json')).json;
    const numeric: { method: string; path: string; names: string[] }[] = [];
    for (const [p, item] of Object.entries<Record<string, { parameters?: { in: string; name: string; schema?: { type?: string } }[] }>>(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const names = (op.parameters ?? []).filter((x) => x.in === 'path' && ['number', 'integer'].includes(x.schema?.type ?? '')).map((x) => x.name);
        if (names.length) numeric.push({ method: method.toUpperCase(), path: p, names });
      }
    }
    expect(numeric.map((o) => `${o.method} ${o.path}`).sort()).toEqual(['GET /api/styles/versions/{a}/diff/{b}', 'GET /api/styles/versions/{version}', 'POST /api/styles/versions/{version}/restore']);
    const wrong: string[] = [];
    for (const op of numeric) {
      for (const bad of ['2147483648', '99999999999999999999', '0', '-1', '1e3', '1.5', '0x10']) {
        const url = op.path.replace(/\{([^}]+)\}/g, (_, n: string) => (n === op.names[0] ? bad : '1'));
        const res = await hr.request(op.method, url, op.method === 'GET' ? undefined : {});
        if (res.status !== 400 || res.json?.error?.code !== 'VALIDATION_FAILED') wrong.push(`${op.method} ${url} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect((await hr.get('/api/styles/versions/2147483647')).status).toBe(404);
  });

  it('refuses a campaign due further than a year ahead', async () => {
    const list = { kind: 'list', emails: ['stay@limits.test'] };
    const far = await hr.post('/api/campaigns', { name: 'Forever', dueOn: '9999-12-31', audience: list });
    expect(far.status).toBe(400);
    expect(far.json.error.details).toEqual([{ path: 'dueOn', message: expect.stringMatching(/at most 366 days/) }]);
    const justOver = new Date(Date.now() + 368 * 86_400_000).toISOString().slice(0, 10);
    expect((await hr.post('/api/campaigns', { name: 'Too far', dueOn: justOver, audience: list })).status).toBe(400);
  });

  it('refuses custom field keys every object inherits', async () => {
    for (const body of [{ label: 'Constructor' }, { label: 'Builder', key: 'constructor' }, { label: 'Proto', key: 'prototype' }, { label: 'Text', key: 'tostring' }]) {
      const res = await hr.post('/api/custom-fields', body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    expect((await hr.get('/api/custom-fields')).json).toEqual([]);
  });
});
