import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { expectDocumentedCount } from './support/hostile-table';
import { HttpClient } from './support/http-client';
import { inviteEmployee } from './support/invite-link';
import { browserHeaders, multipartFile, rawRequest } from './support/raw-http';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, REPO_ROOT, specEnv, type TestDatabase } from './support/test-env';

const OWNER = { email: 'hr@fuzz.test', password: 'fuzz owner passphrase' };
const SEED = 13;
const CASES_PER_OPERATION = 10;
const KB = 1024;

/** mulberry32: a small PRNG, so a failing case is the same on every run and machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}
type Rng = ReturnType<typeof prng>;

interface Operation {
  method: string;
  path: string;
  contentTypes: string[];
}

/** Every operation that takes a body, from the committed OpenAPI document: a new endpoint is fuzzed without editing this file. */
function operationsWithBodies(): Operation[] {
  const doc = JSON.parse(readFileSync(path.join(REPO_ROOT, 'apps/api/openapi.json'), 'utf8')) as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>> };
  const ops: Operation[] = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(methods)) {
      if (!['post', 'put', 'patch'].includes(m)) continue;
      // An operation without a documented body still receives whatever a client sends (the SAML ACS takes a form).
      const documented = Object.keys(op.requestBody?.content ?? {});
      ops.push({ method: m.toUpperCase(), path: p, contentTypes: documented.length ? documented : ['application/json', 'application/x-www-form-urlencoded'] });
    }
  }
  return ops;
}

const junk = (r: Rng, n: number) => Buffer.from(Array.from({ length: n }, () => r.int(256)));
const text = (r: Rng, n: number) => Array.from({ length: n }, () => r.pick(['a', 'é', '"', ',', '\n', '\r', '\0', '{', '}', '[', ']', ':', '\\', '=', '+', '@', ' ', '\u202e', '😀', '<', '>'])).join('');
const value = (r: Rng, depth = 0): unknown => {
  switch (r.int(depth > 3 ? 6 : 9)) {
    case 0: return null;
    case 1: return r.pick([0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, 2147483648]);
    case 2: return text(r, r.int(40));
    case 3: return r.next() < 0.5;
    case 4: return r.pick(['__proto__', 'constructor', 'toString', '', '9999-12-31', '0000-00-00', 'a@b', 'x'.repeat(2000)]);
    case 5: return '00000000-0000-0000-0000-000000000000';
    case 6: return Array.from({ length: r.int(5) }, () => value(r, depth + 1));
    default: return Object.fromEntries(Array.from({ length: r.int(6) }, () => [r.pick(['email', 'firstName', 'name', 'renditions', 'scope', 'document', '__proto__', 'constructor', 'ids', 'employeeIds', 'colours', 'role', text(r, 6)]), value(r, depth + 1)]));
  }
};

/** One hostile body for a content type: truncated, oversized, malformed or random. */
function body(r: Rng, contentType: string): { contentType: string; chunks: Buffer[]; slow?: boolean } {
  const kind = r.int(8);
  const ct = contentType;
  if (kind === 0) return { contentType: ct, chunks: [junk(r, r.int(4 * KB))] };
  if (kind === 1) return { contentType: ct, chunks: [Buffer.alloc(0)] };
  if (ct.startsWith('multipart/')) {
    const b = `b${r.int(1e6)}`;
    const full = multipartFile(b, r.pick(['photo', 'image', 'file']), junk(r, r.int(8 * KB)), r.next() < 0.5);
    const cut = kind === 2 ? full.subarray(0, r.int(full.length)) : full;
    return { contentType: `multipart/form-data; boundary=${r.next() < 0.8 ? b : 'other'}`, chunks: split(r, cut), slow: kind === 3 };
  }
  if (ct === 'text/csv') {
    if (kind === 2) return { contentType: ct, chunks: [Buffer.alloc(5 * KB * KB + 1, 0x61)] }; // over the 5 MB limit
    const rows = Array.from({ length: 1 + r.int(200) }, () => Array.from({ length: 1 + r.int(8) }, () => text(r, r.int(12))).join(','));
    return { contentType: ct, chunks: split(r, Buffer.from(['email,first_name,last_name', ...rows].join('\n'))), slow: kind === 3 };
  }
  if (ct === 'application/x-www-form-urlencoded') {
    const saml = r.next() < 0.5 ? Buffer.from(text(r, r.int(600))).toString('base64') : text(r, r.int(600));
    const form = `SAMLResponse=${encodeURIComponent(saml)}&RelayState=${encodeURIComponent(text(r, 20))}`;
    return { contentType: ct, chunks: split(r, Buffer.from(kind === 2 ? form.slice(0, r.int(form.length)) : form)), slow: kind === 3 };
  }
  // JSON
  if (kind === 2) return { contentType: ct, chunks: [Buffer.from(`{"x":"${'a'.repeat(300 * KB)}"}`)] }; // over the 256 kB limit
  if (kind === 3) return { contentType: ct, chunks: split(r, Buffer.from(`${'['.repeat(5000)}1${']'.repeat(5000)}`)), slow: true };
  const json = JSON.stringify(value(r)) ?? 'null';
  return { contentType: ct, chunks: split(r, Buffer.from(kind === 4 ? json.slice(0, Math.max(1, r.int(json.length))) : json)) };
}

function split(r: Rng, b: Buffer): Buffer[] {
  const n = 1 + r.int(4);
  return Array.from({ length: n }, (_, i) => b.subarray(Math.floor((i * b.length) / n), Math.floor(((i + 1) * b.length) / n)));
}

describe(`fuzzing every body-reading endpoint of the OpenAPI document (seed ${SEED})`, () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let token: string;
  const ops = operationsWithBodies();

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    api = await startApi({
      ...specEnv(db, smtp.url, OWNER),
      TEAMFRAME_ORG_NAME: 'Fuzz',
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    });
    const hr = new HttpClient(api.baseUrl);
    await hr.signIn(OWNER.email, OWNER.password);
    ({ token } = await inviteEmployee(hr, smtp, 'fuzzed@fuzz.test'));
    const employee = new HttpClient(api.baseUrl);
    await employee.get(`/api/invite/${token}`);
    await employee.post(`/api/invite/${token}/consent`);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  it('covers the body-reading endpoints, the SAML ACS and the uploads among them', () => {
    const paths = ops.map((o) => `${o.method} ${o.path}`);
    expect(paths).toEqual(expect.arrayContaining(['POST /api/sso/{orgSlug}/acs', 'POST /api/invite/{token}/photo', 'POST /api/employees/import', 'POST /api/auth/login']));
  });

  it(`answers ${CASES_PER_OPERATION} hostile bodies per endpoint with no 5xx and no dead process`, async () => {
    const r = prng(SEED);
    const failures: string[] = [];
    for (const op of ops) {
      // A fresh session per endpoint: a fuzzed body may sign out or change the owner's own settings.
      const hr = new HttpClient(api.baseUrl);
      await hr.signIn(OWNER.email, OWNER.password);
      const url = op.path.replace('{token}', token).replace('{orgSlug}', 'fuzz').replace('{version}', '1').replace(/\{[^}]+\}/g, '3f1c2a4e-7b9d-4e8f-a1b2-c3d4e5f6a7b8');
      for (let i = 0; i < CASES_PER_OPERATION; i++) {
        const b = body(r, r.pick(op.contentTypes));
        const answer = await rawRequest(api.baseUrl, op.method, url, { 'content-type': b.contentType, ...browserHeaders(hr) }, b.chunks, b.slow ? { chunkDelayMs: 50 } : {});
        const status = answer === 'closed' ? 'closed' : answer.status;
        if (status === 'closed' || status >= 500) failures.push(`${op.method} ${op.path} case ${i} (${b.contentType}, ${b.chunks.reduce((n, c) => n + c.length, 0)} bytes): ${status} ${answer === 'closed' ? '' : answer.text.slice(0, 200)}`);
        if (api.proc.exitCode !== null) throw new Error(`the API died on ${op.method} ${op.path} case ${i}:\n${api.output().slice(-2000)}`);
      }
    }
    expect(failures).toEqual([]);
    expect((await new HttpClient(api.baseUrl).get('/api/health')).status).toBe(200);
  }, 600_000);

  it('is counted in docs/security.md', () => {
    expectDocumentedCount('fuzzed bodies', ops.length * CASES_PER_OPERATION);
  });
});
