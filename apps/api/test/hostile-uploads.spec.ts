import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectDocumentedCount } from './support/hostile-table';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { inviteEmployee } from './support/invite-link';
import { browserHeaders, multipartFile, type RawOptions, rawRequest } from './support/raw-http';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from './support/test-env';

const OWNER = { email: 'hr@hostile.test', password: 'hostile owner passphrase' };
const MB = 1024 * 1024;

interface HostileCase {
  name: string;
  contentType?: string;
  headers?: Record<string, string>;
  chunks: (field: string) => (Buffer | string)[];
  opts?: RawOptions;
  /** The status the client must see; 'closed' when it hung up itself and cannot see one. */
  expect: number | 'closed';
}

const mp = 'multipart/form-data; boundary=x';
const repeat = (s: string, n: number) => s.repeat(n);
const pieces = (b: Buffer, n: number) => Array.from({ length: n }, (_, i) => b.subarray(Math.floor((i * b.length) / n), Math.floor(((i + 1) * b.length) / n)));

// Each case goes to every multipart endpoint. The first is issue 13's: it used to kill the process.
const CASES: HostileCase[] = [
  { name: 'body ends inside the file part', chunks: (f) => [multipartFile('x', f, 'AAAA', false)], expect: 400 },
  { name: 'body ends inside the part headers', chunks: () => ['--x\r\nContent-Disposition: form-da'], expect: 400 },
  { name: 'body ends after the opening boundary', chunks: () => ['--x\r\n'], expect: 400 },
  { name: 'empty body', chunks: () => [], expect: 400 },
  { name: 'no boundary in the content type', contentType: 'multipart/form-data', chunks: (f) => [multipartFile('x', f, 'AAAA')], expect: 400 },
  { name: 'boundary that is not in the body', contentType: 'multipart/form-data; boundary=nothere', chunks: (f) => [multipartFile('x', f, 'AAAA')], expect: 400 },
  { name: 'part header flood (40 kB of headers)', chunks: (f) => [`--x\r\nContent-Disposition: form-data; name="${f}"; filename="a.jpg"\r\n${repeat('X-Flood: aaaaaaaaaaaaaa\r\n', 1700)}\r\nAAAA\r\n--x--\r\n`], expect: 400 },
  { name: 'fifty fields', chunks: () => [`${Array.from({ length: 50 }, (_, i) => `--x\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv\r\n`).join('')}--x--\r\n`], expect: 400 },
  { name: 'three files', chunks: (f) => [Buffer.concat([multipartFile('x', f, 'AAAA', false), Buffer.from('\r\n'), multipartFile('x', f, 'BBBB', false), Buffer.from('\r\n'), multipartFile('x', f, 'CCCC')])], expect: 400 },
  { name: 'the file under another field name', chunks: () => [multipartFile('x', 'other', 'AAAA')], expect: 400 },
  { name: 'a file larger than the limit', chunks: (f) => [multipartFile('x', f, Buffer.alloc(26 * MB, 0xff))], expect: 413 },
  { name: 'garbage instead of multipart', chunks: () => [Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))], expect: 400 },
  { name: 'slow client whose body then ends early', chunks: (f) => pieces(multipartFile('x', f, Buffer.alloc(2000, 0x41), false), 10), opts: { chunkDelayMs: 30 }, expect: 400 },
  { name: 'client hangs up mid-upload', chunks: (f) => [multipartFile('x', f, Buffer.alloc(MB, 0x41), false)], opts: { abortAfterMs: 100 }, expect: 'closed' },
  { name: 'request header flood (40 kB of headers)', headers: Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`x-flood-${i}`, 'a'.repeat(90)])), chunks: (f) => [multipartFile('x', f, 'AAAA')], expect: 431 },
  { name: 'JSON sent to a file upload', contentType: 'application/json', chunks: () => ['{"photo":"AAAA"}'], expect: 415 },
];

// Every multipart endpoint of the product, behind the credentials it needs.
describe('hostile multipart bodies end in a 4xx and the process keeps serving', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let hr: HttpClient;
  let employee: HttpClient;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    api = await startApi({ DATABASE_URL: db.url, SMTP_URL: smtp.url, STORAGE_DIR: path.join(REPO_ROOT, 'var', `test-storage-${db.name}`), TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password });
    hr = new HttpClient(api.baseUrl);
    await hr.signIn(OWNER.email, OWNER.password);
    ({ token } = await inviteEmployee(hr, smtp, 'eve@hostile.test', 'Eve', 'Hostile'));
    employee = new HttpClient(api.baseUrl);
    await employee.get(`/api/invite/${token}`);
    expect((await employee.post(`/api/invite/${token}/consent`)).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  const endpoints = () => [
    { method: 'POST', path: `/api/invite/${token}/photo`, field: 'photo', client: employee },
    { method: 'PUT', path: '/api/org/brand/logo', field: 'image', client: hr },
    { method: 'POST', path: '/api/org/brand/backgrounds', field: 'image', client: hr },
  ];

  it.each(CASES)('$name', async (c) => {
    for (const e of endpoints()) {
      const answer = await rawRequest(api.baseUrl, e.method, e.path, { 'content-type': c.contentType ?? mp, ...browserHeaders(e.client), ...c.headers }, c.chunks(e.field), c.opts);
      const status = answer === 'closed' ? 'closed' : answer.status;
      expect({ endpoint: e.path, status }).toEqual({ endpoint: e.path, status: c.expect });
      // Node itself answers a header flood, before the app sees it, with an empty body.
      if (answer !== 'closed' && c.expect !== 431) expect(JSON.parse(answer.text).error.message).toMatch(/\w+ \w+/);
      expect((await hr.get('/api/health')).status).toBe(200);
    }
    expect(api.proc.exitCode).toBeNull();
  }, 60_000);

  it('still takes a good upload afterwards, and never logged an uncaught error', async () => {
    const logo = await fetch(`${api.baseUrl}/api/org/brand/logo`, { method: 'PUT', body: form('image', await pngLogo()), headers: browserHeaders(hr) });
    expect(logo.status).toBe(200);
    expect(api.output()).not.toMatch(/uncaught|unhandled/i);
  });

  it('is counted in docs/security.md', () => {
    expectDocumentedCount('multipart bodies', CASES.length * 3);
  });
});

function form(field: string, bytes: Buffer): FormData {
  const f = new FormData();
  f.append(field, new Blob([new Uint8Array(bytes)]), 'logo.png');
  return f;
}

async function pngLogo(): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  return sharp({ create: { width: 300, height: 100, channels: 4, background: { r: 10, g: 40, b: 90, alpha: 1 } } }).png().toBuffer();
}
