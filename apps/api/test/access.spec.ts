import { randomUUID } from 'node:crypto';
import { USER_ROLES, type UserRole } from '@teamframe/shared-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { addUser, sql } from './support/orgs';
import { createTestDatabase, type TestDatabase } from './support/test-env';

const PASSWORD = 'access matrix passphrase';
const OPERATOR_TOKEN = 'access-matrix-operator-token-0123456789';

interface Operation {
  method: string;
  path: string;
  roles?: UserRole[];
  public?: boolean;
  operator?: boolean;
}

/**
 * Walks every operation of the live OpenAPI document with no session and with each role, and checks
 * the answer against the roles the route declares: 401 signed out, 403 for a role not allowed, and
 * neither for a role allowed. Operator routes answer only the operator's bearer token: 401 to every
 * session. A route that declares no roles and is neither public nor an operator route fails the test.
 */
describe('every route, every role', () => {
  let db: TestDatabase;
  let api: RunningApi;
  const clients = new Map<UserRole, HttpClient>();
  let operations: Operation[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi({ DATABASE_URL: db.url, TEAMFRAME_ADMIN_EMAIL: 'owner@matrix.test', TEAMFRAME_ADMIN_PASSWORD: PASSWORD, RATE_LIMIT_PER_MINUTE: '100000', TEAMFRAME_OPERATOR_TOKEN: OPERATOR_TOKEN });
    const [{ org_id }] = await sql<{ org_id: string }>(db.url, 'SELECT org_id FROM app_user LIMIT 1');
    await addUser(db.url, org_id, 'hr@matrix.test', PASSWORD, 'hr_admin');
    await addUser(db.url, org_id, 'mkt@matrix.test', PASSWORD, 'marketing');
    for (const [role, email] of [['owner', 'owner@matrix.test'], ['hr_admin', 'hr@matrix.test'], ['marketing', 'mkt@matrix.test']] as const) {
      const c = new HttpClient(api.baseUrl);
      expect((await c.signIn(email, PASSWORD)).status).toBe(200);
      clients.set(role, c);
    }
    const doc = (await new HttpClient(api.baseUrl).get('/api/docs/openapi.json')).json;
    for (const [path, item] of Object.entries<Record<string, { 'x-roles'?: UserRole[]; 'x-public'?: boolean; 'x-operator'?: boolean }>>(doc.paths)) {
      for (const [method, op] of Object.entries(item)) operations.push({ method: method.toUpperCase(), path, roles: op['x-roles'], public: op['x-public'], operator: op['x-operator'] });
    }
    // Signing out last, so it does not end the sessions the other calls use.
    operations = [...operations.filter((o) => !o.path.endsWith('/logout')), ...operations.filter((o) => o.path.endsWith('/logout'))];
  });
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  const concretePath = (p: string) => p.replace(/\{[^}]+\}/g, () => randomUUID());

  it('every route declares its roles, is public or is an operator route', () => {
    expect(operations.length).toBeGreaterThan(10);
    expect(operations.filter((o) => !o.public && !o.operator && !o.roles?.length).map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  it('answers 401 to a caller without a session on every non-public route', async () => {
    const anon = new HttpClient(api.baseUrl);
    await anon.get('/api/health'); // picks up the CSRF cookie, so CSRF is not what refuses
    const wrong: string[] = [];
    for (const op of operations.filter((o) => !o.public)) {
      const res = await anon.request(op.method, concretePath(op.path), op.method === 'GET' ? undefined : {});
      if (res.status !== 401) wrong.push(`${op.method} ${op.path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(USER_ROLES)('gives %s exactly the routes it is allowed', async (role) => {
    const c = clients.get(role)!;
    const wrong: string[] = [];
    for (const op of operations.filter((o) => !o.public)) {
      const res = await c.request(op.method, concretePath(op.path), op.method === 'GET' ? undefined : {});
      if (op.operator) {
        if (res.status !== 401) wrong.push(`${op.method} ${op.path} → ${res.status} to a ${role} session, expected 401`);
        continue;
      }
      const allowed = op.roles!.includes(role);
      if (allowed && (res.status === 401 || res.status === 403)) wrong.push(`${op.method} ${op.path} refused ${res.status}`);
      if (!allowed && res.status !== 403) wrong.push(`${op.method} ${op.path} → ${res.status}, expected 403`);
    }
    expect(wrong).toEqual([]);
  });

  it('lets the operator token through every operator route', async () => {
    const operator = new HttpClient(api.baseUrl);
    const wrong: string[] = [];
    const ops = operations.filter((o) => o.operator);
    expect(ops.length).toBeGreaterThan(0);
    for (const op of ops) {
      const res = await operator.request(op.method, concretePath(op.path), op.method === 'GET' ? undefined : {}, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
      if (res.status === 401 || res.status === 403) wrong.push(`${op.method} ${op.path} refused ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });
});
