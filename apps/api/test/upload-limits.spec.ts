import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { inviteEmployee, uploadPhoto } from './support/invite-link';
import { expectDocumentedCount } from './support/hostile-table';
import { browserHeaders, multipartFile, type RawAnswer, rawRequest } from './support/raw-http';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, specEnv, TESTDATA, type TestDatabase } from './support/test-env';

const OWNER = { email: 'hr@limits.test', password: 'limits owner passphrase' };
const MB = 1024 * 1024;
const UPLOAD_CONCURRENCY = 3;
// Measured on the 2-core CI machine: decoded one at a time, +930 MB at the peak; all ten at once, +3,211 MB.
const BOUND_MB = 1300;

/** The answer, or 'no answer' if none came while the body was still unfinished. */
function answerWithin(ms: number, pending: Promise<RawAnswer | 'closed'>): Promise<RawAnswer | 'closed' | 'no answer'> {
  return Promise.race([pending, new Promise<'no answer'>((r) => setTimeout(() => r('no answer'), ms))]);
}

/** An upload whose headers promise 24 MB and whose body stops after the first 64 kB, held open. */
const heldUpload = (baseUrl: string, token: string, c: HttpClient) =>
  rawRequest(baseUrl, 'POST', `/api/invite/${token}/photo`, { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(24 * MB), ...browserHeaders(c) }, [multipartFile('x', 'photo', Buffer.alloc(64 * 1024, 0xff), false)], { abortAfterMs: 8_000 });

describe('upload limits: the link before the body, a bound on uploads and on decodes', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let hr: HttpClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    api = await startApi({
      ...specEnv(db, smtp.url, OWNER),
      UPLOAD_CONCURRENCY: String(UPLOAD_CONCURRENCY),
    });
    hr = new HttpClient(api.baseUrl);
    await hr.signIn(OWNER.email, OWNER.password);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  async function consentedLink(email: string) {
    const { token } = await inviteEmployee(hr, smtp, email);
    const c = new HttpClient(api.baseUrl);
    await c.get(`/api/invite/${token}`);
    await c.post(`/api/invite/${token}/consent`);
    return { token, c };
  }

  it('refuses an unknown link, or one without consent, before reading the body', async () => {
    const stranger = new HttpClient(api.baseUrl);
    await stranger.get('/api/health');
    const unknown = await answerWithin(10_000, heldUpload(api.baseUrl, 'A'.repeat(43), stranger));
    expect(unknown === 'closed' || unknown === 'no answer' ? unknown : unknown.status).toBe(404);

    const { token } = await inviteEmployee(hr, smtp, 'noconsent@limits.test');
    const c = new HttpClient(api.baseUrl);
    await c.get(`/api/invite/${token}`);
    const early = await answerWithin(10_000, heldUpload(api.baseUrl, token, c));
    expect(early === 'closed' || early === 'no answer' ? early : early.status).toBe(409);
  }, 60_000);

  it(`reads at most ${UPLOAD_CONCURRENCY} uploads at once, answers 503 with Retry-After beyond, and frees a place when a client hangs up`, async () => {
    const { token, c } = await consentedLink('busy@limits.test');
    const held = Array.from({ length: UPLOAD_CONCURRENCY }, () => heldUpload(api.baseUrl, token, c));
    await new Promise((r) => setTimeout(r, 1_000));
    const refused = await answerWithin(5_000, heldUpload(api.baseUrl, token, c));
    expect(refused === 'closed' || refused === 'no answer' ? refused : refused.status).toBe(503);
    expect((refused as RawAnswer).headers['retry-after']).toBe('5');
    expect(JSON.parse((refused as RawAnswer).text).error.code).toBe('SERVICE_UNAVAILABLE');
    // The held clients hang up (after 8 s); their places come back.
    expect(await Promise.all(held)).toEqual(held.map(() => 'closed'));
    const after = await uploadPhoto(api.baseUrl, token, 'portraits/obama-official.jpg', 'me.jpg', c);
    expect(after.status).toBe(201);
  }, 60_000);
});

describe('ten 49-megapixel selfies at once', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    api = await startApi({
      ...specEnv(db, smtp.url, OWNER),
      UPLOAD_CONCURRENCY: '10',
      ...(process.env.MEASURE_DECODE_CONCURRENCY ? { DECODE_CONCURRENCY: process.env.MEASURE_DECODE_CONCURRENCY } : {}),
    });
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  it('decodes them in turn, so the API process stays within a bound', async () => {
    const hr = new HttpClient(api.baseUrl);
    await hr.signIn(OWNER.email, OWNER.password);
    // Batch mode: only the API's own decoding is measured, not rendering.
    await hr.request('PUT', '/api/org/settings', { processingMode: 'batch' });
    // The whole 910 × 1137 portrait scaled to 6,262 × 7,824 (49 MP): a cropped square would cut the person off.
    const big = await sharp(readFileSync(path.join(TESTDATA, 'portraits/obama-official.jpg'))).resize({ width: Math.round(Math.sqrt((49e6 * 910) / 1137)) }).jpeg({ quality: 80 }).toBuffer();
    const links = [];
    for (let i = 0; i < 10; i++) {
      const { token } = await inviteEmployee(hr, smtp, `big${i}@limits.test`);
      const c = new HttpClient(api.baseUrl);
      await c.get(`/api/invite/${token}`);
      await c.post(`/api/invite/${token}/consent`);
      links.push({ token, c });
    }
    // One upload first, alone, so the engine and its models are loaded before the peak is measured.
    expect((await uploadPhoto(api.baseUrl, links[0].token, 'portraits/biden-official.jpg', 'me.jpg', links[0].c)).status).toBe(201);
    const pid = api.proc.pid!;
    const status = (field: string) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`))![1]) * 1024;
    const before = status('VmRSS');
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    const results = await Promise.all(links.map((l) => uploadPhoto(api.baseUrl, l.token, big, 'big.jpg', l.c)));
    const peak = status('VmHWM');
    console.log(`ten ${(big.length / MB).toFixed(1)} MB 49-MP uploads at once: API RSS ${(before / 1e6).toFixed(0)} → peak ${(peak / 1e6).toFixed(0)} MB (+${((peak - before) / 1e6).toFixed(0)} MB)`);
    expect(results.map((r) => r.status)).toEqual(links.map(() => 201));
    expect(api.proc.exitCode).toBeNull();
    expect(peak - before).toBeLessThan(BOUND_MB * MB);
  }, 600_000);
});

it('is counted in docs/security.md', () => {
  // Two held uploads to refused links, one over the bound, ten large selfies.
  expectDocumentedCount('upload bounds', 2 + 1 + 10);
});
