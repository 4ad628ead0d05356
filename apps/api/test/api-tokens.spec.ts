import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { createOrgWithUser, sql } from './support/orgs';
import { createTestDatabase, type TestDatabase } from './support/test-env';

const OWNER = { email: 'owner@tokens.test', password: 'tokens owner passphrase' };

/** A script's call: no cookies, no CSRF header, only the bearer token. */
async function bearer(api: RunningApi, secret: string, method: string, path: string, body?: unknown) {
  const res = await fetch(api.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${secret}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

describe('API tokens: created by an owner, shown once, stored hashed, scoped to a role and an org', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let owner: HttpClient;
  const secrets: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi({ DATABASE_URL: db.url, TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, LOG_LEVEL: 'debug' });
    owner = new HttpClient(api.baseUrl);
    await owner.signIn(OWNER.email, OWNER.password);
  });
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  async function createToken(body: { name: string; role: string; expiresInDays: number }, by = owner) {
    const res = await by.post('/api/api-tokens', body);
    expect(res.status).toBe(201);
    secrets.push(res.json.secret);
    return res.json as { item: { id: string; prefix: string; lastUsedAt: string | null }; secret: string };
  }

  it('shows the token once and keeps only its SHA-256', async () => {
    const { item, secret } = await createToken({ name: 'HRIS sync', role: 'hr_admin', expiresInDays: 30 });
    expect(secret).toMatch(/^tf_[A-Za-z0-9_-]{43}$/);
    expect(secret.slice(3, 3 + item.prefix.length)).toBe(item.prefix);
    const listed = await owner.get('/api/api-tokens');
    expect(listed.json).toHaveLength(1);
    expect(listed.text).not.toContain(secret);
    const [row] = await sql<{ token_hash: string }>(db.url, 'SELECT token_hash FROM api_token WHERE id = $1', [item.id]);
    expect(row.token_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect((await owner.post('/api/api-tokens', { name: 'x', role: 'owner', expiresInDays: 0 })).status).toBe(400);
  });

  it("acts with the token's role without cookies or CSRF header, and records last use", async () => {
    const hr = await createToken({ name: 'hr script', role: 'hr_admin', expiresInDays: 7 });
    const mkt = await createToken({ name: 'marketing script', role: 'marketing', expiresInDays: 7 });
    const created = await bearer(api, hr.secret, 'POST', '/api/employees', { email: 'ada@tokens.test', firstName: 'Ada', lastName: 'Lovelace' });
    expect(created.status).toBe(201);
    expect((await bearer(api, hr.secret, 'GET', '/api/employees')).json.items.map((e: { email: string }) => e.email)).toContain('ada@tokens.test');
    expect((await bearer(api, mkt.secret, 'GET', '/api/employees')).status).toBe(403);
    expect((await bearer(api, hr.secret, 'GET', '/api/members')).status).toBe(403);
    expect((await bearer(api, 'tf_' + 'x'.repeat(43), 'GET', '/api/employees')).status).toBe(401);
    const listed = (await owner.get('/api/api-tokens')).json.find((t: { id: string }) => t.id === hr.item.id);
    expect(listed.lastUsedAt).not.toBeNull();
  });

  it('audits every write and reads at most once per minute, never with the token in it', async () => {
    const { item, secret } = await createToken({ name: 'audited', role: 'hr_admin', expiresInDays: 7 });
    for (let i = 0; i < 3; i++) expect((await bearer(api, secret, 'GET', '/api/employees')).status).toBe(200);
    expect((await bearer(api, secret, 'POST', '/api/employees', { email: 'b1@tokens.test', firstName: 'B', lastName: 'One' })).status).toBe(201);
    expect((await bearer(api, secret, 'POST', '/api/employees', { email: 'b2@tokens.test', firstName: 'B', lastName: 'Two' })).status).toBe(201);
    const uses = await sql<{ details: { method: string; path: string } }>(db.url, `SELECT details FROM audit_event WHERE action = 'api_token.used' AND subject_id = $1`, [item.id]);
    expect(uses.filter((u) => u.details.method === 'POST')).toHaveLength(2);
    // Three reads inside a few milliseconds: one entry, or two when a minute boundary fell between them.
    expect(uses.filter((u) => u.details.method === 'GET').length).toBeGreaterThanOrEqual(1);
    expect(uses.filter((u) => u.details.method === 'GET').length).toBeLessThanOrEqual(2);
    expect(uses[0].details.path).toBe('/api/employees');
  });

  it('cannot mint or revoke tokens with a token', async () => {
    const { item, secret } = await createToken({ name: 'owner script', role: 'owner', expiresInDays: 7 });
    expect((await bearer(api, secret, 'GET', '/api/api-tokens')).status).toBe(200);
    expect((await bearer(api, secret, 'POST', '/api/api-tokens', { name: 'child', role: 'owner', expiresInDays: 7 })).status).toBe(403);
    expect((await bearer(api, secret, 'DELETE', `/api/api-tokens/${item.id}`)).status).toBe(403);
  });

  it('stops working when revoked or expired', async () => {
    const revoked = await createToken({ name: 'to revoke', role: 'hr_admin', expiresInDays: 7 });
    expect((await bearer(api, revoked.secret, 'GET', '/api/employees')).status).toBe(200);
    expect((await owner.request('DELETE', `/api/api-tokens/${revoked.item.id}`)).json.revokedAt).not.toBeNull();
    expect((await bearer(api, revoked.secret, 'GET', '/api/employees')).status).toBe(401);

    const expiring = await createToken({ name: 'to expire', role: 'hr_admin', expiresInDays: 1 });
    await sql(db.url, `UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1`, [expiring.item.id]);
    expect((await bearer(api, expiring.secret, 'GET', '/api/employees')).status).toBe(401);
  });

  it("never reaches another org's data, either way", async () => {
    const other = await createOrgWithUser(db.url, { orgName: 'Other', slug: 'other-tokens', email: 'owner@other-tokens.test', password: 'other owner passphrase', role: 'owner' });
    const otherOwner = new HttpClient(api.baseUrl);
    await otherOwner.signIn('owner@other-tokens.test', 'other owner passphrase');
    const theirs = await createToken({ name: 'theirs', role: 'owner', expiresInDays: 7 }, otherOwner);
    const ours = await createToken({ name: 'ours', role: 'owner', expiresInDays: 7 });
    const bob = await bearer(api, theirs.secret, 'POST', '/api/employees', { email: 'bob@other-tokens.test', firstName: 'Bob', lastName: 'Other' });
    expect(bob.status).toBe(201);

    const ourList = (await bearer(api, ours.secret, 'GET', '/api/employees')).json.items.map((e: { email: string }) => e.email);
    expect(ourList).not.toContain('bob@other-tokens.test');
    expect(ourList).toContain('ada@tokens.test');
    expect((await bearer(api, ours.secret, 'GET', `/api/employees/${bob.json.id}`)).status).toBe(404);
    expect((await bearer(api, ours.secret, 'PATCH', `/api/employees/${bob.json.id}`, { title: 'hijacked' })).status).toBe(404);
    expect((await bearer(api, ours.secret, 'DELETE', `/api/api-tokens/${theirs.item.id}`)).status).toBe(403);
    expect((await owner.request('DELETE', `/api/api-tokens/${theirs.item.id}`)).status).toBe(404);
    expect((await bearer(api, theirs.secret, 'GET', '/api/employees')).json.items.map((e: { email: string }) => e.email)).toEqual(['bob@other-tokens.test']);
    expect((await bearer(api, theirs.secret, 'GET', '/api/api-tokens')).json.map((t: { name: string }) => t.name)).toEqual(['theirs']);
    expect(other.orgId).toBeTruthy();
  });

  it('names the bearer scheme in the OpenAPI document on every role route', async () => {
    const doc = (await owner.get('/api/docs/openapi.json')).json;
    expect(doc.components.securitySchemes['api-token']).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/employees'].get.security).toContainEqual({ 'api-token': [] });
  });

  it('leaves no token in the log, the audit log or any list', async () => {
    expect(secrets.length).toBeGreaterThan(5);
    const audit = JSON.stringify(await sql(db.url, 'SELECT * FROM audit_event'));
    const tokens = JSON.stringify(await sql(db.url, 'SELECT * FROM api_token'));
    const apiAudit = (await owner.get('/api/audit?pageSize=200')).text;
    for (const s of secrets) {
      expect(api.output()).not.toContain(s);
      expect(audit).not.toContain(s);
      expect(tokens).not.toContain(s);
      expect(apiAudit).not.toContain(s);
    }
  });
});
