import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { createTestDatabase, type TestDatabase } from './support/test-env';

const OWNER = { email: 'owner@acme.test', password: 'a long enough passphrase' };

describe('password sign-in, session cookie, CSRF, logout', () => {
  let db: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi({
      DATABASE_URL: db.url,
      TEAMFRAME_ADMIN_EMAIL: OWNER.email,
      TEAMFRAME_ADMIN_PASSWORD: OWNER.password,
      TEAMFRAME_ORG_NAME: 'Acme Test',
      LOGIN_RATE_LIMIT_PER_MINUTE: '8',
    });
  });
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('reports database and Redis separately on /api/health', async () => {
    const res = await new HttpClient(api.baseUrl).get('/api/health');
    expect(res.status).toBe(200);
    // An `all` process takes headshot jobs itself: one worker.
    expect(res.json).toMatchObject({ status: 'ok', role: 'all', database: { status: 'up' }, redis: { status: 'up' }, workers: 1 });
  });

  it('answers 401 with a stable code and a request id when signed out', async () => {
    const res = await new HttpClient(api.baseUrl).get('/api/auth/session');
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('UNAUTHENTICATED');
    expect(res.json.error.requestId).toBe(res.headers.get('x-request-id'));
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('refuses a sign-in without the CSRF header', async () => {
    const c = new HttpClient(api.baseUrl);
    await c.get('/api/auth/session');
    const res = await c.post('/api/auth/login', OWNER, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('CSRF_TOKEN_MISMATCH');
    expect(c.cookies.has('tf_session')).toBe(false);
  });

  it('refuses a wrong password with the same answer as an unknown email', async () => {
    const c = new HttpClient(api.baseUrl);
    const wrong = await c.signIn(OWNER.email, 'not the password');
    const unknown = await c.signIn('nobody@acme.test', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json.error.message).toBe(unknown.json.error.message);
    expect(wrong.json.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('validates the body and names the bad field', async () => {
    const c = new HttpClient(api.baseUrl);
    await c.get('/api/auth/session');
    const res = await c.post('/api/auth/login', { email: 'not-an-email', password: 'x', admin: true });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain('email');
    const broken = await c.post('/api/auth/login', undefined, { raw: '{"email":' });
    expect(broken.status).toBe(400);
    expect(broken.json.error.requestId).toBeTruthy();
    expect(broken.text).not.toMatch(/at .*\.js:\d+/);
  });

  it('signs in, sets an httpOnly SameSite=Lax cookie, reports the session, and logs out', async () => {
    const c = new HttpClient(api.baseUrl);
    const login = await c.signIn(OWNER.email.toUpperCase(), OWNER.password);
    expect(login.status).toBe(200);
    expect(login.json).toMatchObject({ user: { email: OWNER.email, role: 'owner' }, org: { name: 'Acme Test', slug: 'acme-test' } });
    const cookie = c.lastSetCookies.find((s) => s.startsWith('tf_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http on loopback; Secure is set when PUBLIC_URL is https

    const session = await c.get('/api/auth/session');
    expect(session.status).toBe(200);
    expect(session.json.user.email).toBe(OWNER.email);

    const stolen = new HttpClient(api.baseUrl);
    stolen.cookies.set('tf_session', c.cookies.get('tf_session')!);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect((await c.get('/api/auth/session')).status).toBe(401);
    // The server revoked the session: the old cookie value is worthless too.
    expect((await stolen.get('/api/auth/session')).status).toBe(401);
  });

  it('stores only a scrypt hash and the session token hash, and audits sign-ins', async () => {
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const { rows: users } = await pg.query('SELECT password_hash FROM app_user');
      expect(users[0].password_hash).toMatch(/^scrypt\$/);
      expect(users[0].password_hash).not.toContain(OWNER.password);
      const { rows: actions } = await pg.query('SELECT action FROM audit_event ORDER BY at');
      expect(actions.map((r) => r.action)).toEqual(expect.arrayContaining(['bootstrap.owner_created', 'auth.login', 'auth.login_failed', 'auth.logout']));
    } finally {
      await pg.end();
    }
  });

  it('rate-limits sign-in attempts per client', async () => {
    const c = new HttpClient(api.baseUrl);
    await c.get('/api/auth/session');
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await c.post('/api/auth/login', { email: 'x@acme.test', password: 'nope' })).status);
    expect(statuses).toContain(429);
    const limited = await c.post('/api/auth/login', { email: 'x@acme.test', password: 'nope' });
    expect(limited.json.error.code).toBe('RATE_LIMITED');
  });
});
