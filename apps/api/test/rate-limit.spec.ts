import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { createTestDatabase, type TestDatabase, uniquePrefix } from './support/test-env';

describe('rate limits shared by every API process', () => {
  let db: TestDatabase;
  const apis: RunningApi[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    // Two API processes behind one load balancer: same database, same Redis prefix.
    const env = { DATABASE_URL: db.url, QUEUE_PREFIX: uniquePrefix(), TEAMFRAME_ROLE: 'api', TEAMFRAME_ADMIN_EMAIL: 'owner@acme.test', TEAMFRAME_ADMIN_PASSWORD: 'a long enough passphrase', LOGIN_RATE_LIMIT_PER_MINUTE: '8' };
    apis.push(await startApi(env));
    apis.push(await startApi(env));
  });
  afterAll(async () => {
    await Promise.all(apis.map((a) => a.stop()));
    await db?.drop();
  });

  it('counts sign-in attempts across processes, so adding processes does not multiply the limit', async () => {
    // A different account each time, so only the per-address limit is in play.
    const attempt = async (api: RunningApi, i: number) => {
      const c = new HttpClient(api.baseUrl);
      await c.get('/api/auth/session');
      return (await c.post('/api/auth/login', { email: `x${i}@acme.test`, password: 'nope' })).status;
    };
    const first: number[] = [];
    for (let i = 0; i < 5; i++) first.push(await attempt(apis[0], i));
    expect(first).toEqual([401, 401, 401, 401, 401]);
    const second: number[] = [];
    for (let i = 5; i < 10; i++) second.push(await attempt(apis[1], i));
    // 8 per minute in all: three more pass on the second process, then it refuses.
    expect(second).toEqual([401, 401, 401, 429, 429]);
  });

  it('limits wrong passwords per account whatever address they come from, with a short cooling-off', async () => {
    // The loopback network is 127.0.0.0/8: each attempt below comes from a different source address.
    const pair = new HttpClient(apis[0].baseUrl);
    await pair.get('/api/auth/session');
    const xsrf = pair.cookies.get('XSRF-TOKEN')!;
    const login = (from: string, password: string, api = apis[Number(from.endsWith('1')) % 2]) =>
      new Promise<{ status: number; retryAfter: string | undefined }>((resolve, reject) => {
        const body = JSON.stringify({ email: 'owner@acme.test', password });
        const url = new URL('/api/auth/login', api.baseUrl);
        const req = request(url, { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'x-xsrf-token': xsrf, cookie: `XSRF-TOKEN=${xsrf}` } }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'] as string | undefined }));
        });
        req.on('error', reject);
        req.end(body);
      });

    // Five wrong passwords from three addresses, each well under its own per-address limit.
    const wrong = [];
    for (const from of ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.2', '127.0.0.3']) wrong.push((await login(from, 'wrong guess')).status);
    expect(wrong).toEqual([401, 401, 401, 401, 401]);
    // The right password from a fourth address now waits out the cooling-off, on either process.
    const cooling = await login('127.0.0.5', 'a long enough passphrase');
    expect(cooling.status).toBe(429);
    expect(Number(cooling.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(cooling.retryAfter)).toBeLessThanOrEqual(300);
    // A further wrong guess doubles the wait, and so on; the real person is out for seconds, not hours.
    await new Promise((r) => setTimeout(r, Number(cooling.retryAfter) * 1000 + 100));
    expect((await login('127.0.0.6', 'another guess')).status).toBe(401);
    const doubled = await login('127.0.0.7', 'a long enough passphrase');
    expect(doubled.status).toBe(429);
    expect(Number(doubled.retryAfter)).toBe(2);
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await login('127.0.0.8', 'a long enough passphrase')).status).toBe(200);
    // A success clears the count: the next wrong password is a plain 401 again.
    expect((await login('127.0.0.9', 'wrong guess')).status).toBe(401);
    expect((await login('127.0.0.10', 'a long enough passphrase')).status).toBe(200);
  });
});
