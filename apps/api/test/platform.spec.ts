import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { createTestDatabase, REDIS_URL, REPO_ROOT, type TestDatabase, uniquePrefix } from './support/test-env';
import { waitForJob } from '../src/core/queue/job-result';

describe('first run, roles, OpenAPI and the served web app', () => {
  let db: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi({ DATABASE_URL: db.url, TEAMFRAME_ADMIN_EMAIL: 'first@corp.test', LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('prints a generated one-time password once, last, beside the address, and it signs in', async () => {
    // At the default level Nest's route mapping stays out of the way; the banner is what the start ends with
    // (checked before any request, whose log lines would follow it).
    expect(api.output()).not.toMatch(/Mapped \{/);
    const tail = api.output().trimEnd().split('\n').slice(-4);
    expect(tail[0]).toMatch(/^=+$/);
    expect(tail[1]).toMatch(/^Teamframe is running at http/);
    expect(tail[2]).toMatch(/one-time password/);
    expect(tail[3]).toBe(tail[0]);
    const match = api.output().match(/sign in as first@corp\.test with the one-time password (\S+)/);
    expect(match).not.toBeNull();
    const c = new HttpClient(api.baseUrl);
    expect((await c.signIn('first@corp.test', match![1])).status).toBe(200);

    // A second start finds the owner and prints no password again; at debug level the routes are listed.
    await api.stop();
    api = await startApi({ DATABASE_URL: db.url, TEAMFRAME_ADMIN_EMAIL: 'first@corp.test', LOG_LEVEL: 'debug' });
    expect(api.output()).not.toMatch(/one-time password/);
    expect(api.output()).toMatch(/Mapped \{\/api\/health, GET\} route/);
  });

  it('serves OpenAPI at /api/docs, identical to the committed apps/api/openapi.json', async () => {
    const c = new HttpClient(api.baseUrl);
    const live = await c.get('/api/docs/openapi.json');
    expect(live.status).toBe(200);
    const committed = JSON.parse(readFileSync(path.join(REPO_ROOT, 'apps/api/openapi.json'), 'utf8'));
    // If this fails, run `npm run openapi` and commit apps/api/openapi.json.
    expect(live.json).toEqual(committed);
    expect((await c.get('/api/docs')).status).toBe(200);
  });

  it('serves the admin web app on the same port, with deep links falling back to it', async () => {
    for (const p of ['/', '/sign-in', '/some/deep/link']) {
      const res = await fetch(api.baseUrl + p, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<tf-root');
    }
    const apiMiss = await fetch(`${api.baseUrl}/api/does-not-exist`, { headers: { accept: 'text/html' } });
    expect(apiMiss.status).toBe(404);
  });

  it('runs as a separate worker process that processes the maintenance queue', async () => {
    const prefix = uniquePrefix();
    const worker = await startApi({ DATABASE_URL: db.url, TEAMFRAME_ROLE: 'worker', QUEUE_PREFIX: prefix, LOG_LEVEL: 'info' }, { waitFor: /Teamframe worker started/ });
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const connection = { url: REDIS_URL };
    const queue = new Queue('maintenance', { connection, prefix });
    const events = new QueueEvents('maintenance', { connection, prefix });
    try {
      const { rows } = await pg.query('SELECT id, org_id FROM app_user LIMIT 1');
      await pg.query(`INSERT INTO session (token_hash, user_id, org_id, expires_at) VALUES ('expired-token-hash', $1, $2, now() - interval '1 hour')`, [rows[0].id, rows[0].org_id]);
      expect((await queue.getJobSchedulers()).map((s) => s.key)).toContain('purge-expired-sessions');
      await events.waitUntilReady();
      const job = await queue.add('purge-expired-sessions', {});
      const result = await waitForJob<{ deleted: number }>(queue, job, events, 30_000);
      expect(result.deleted).toBeGreaterThanOrEqual(1);
      const left = await pg.query(`SELECT count(*)::int AS n FROM session WHERE token_hash = 'expired-token-hash'`);
      expect(left.rows[0].n).toBe(0);
      // A worker has no HTTP listener.
      expect(worker.output()).not.toMatch(/Teamframe is running at/);
    } finally {
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      await events.close();
      await pg.end();
      await worker.stop();
    }
  });
});
