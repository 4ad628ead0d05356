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
    const attempt = async (api: RunningApi) => {
      const c = new HttpClient(api.baseUrl);
      await c.get('/api/auth/session');
      return (await c.post('/api/auth/login', { email: 'x@acme.test', password: 'nope' })).status;
    };
    const first: number[] = [];
    for (let i = 0; i < 5; i++) first.push(await attempt(apis[0]));
    expect(first).toEqual([401, 401, 401, 401, 401]);
    const second: number[] = [];
    for (let i = 0; i < 5; i++) second.push(await attempt(apis[1]));
    // 8 per minute in all: three more pass on the second process, then it refuses.
    expect(second).toEqual([401, 401, 401, 429, 429]);
  });
});
