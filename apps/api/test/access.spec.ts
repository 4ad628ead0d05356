import { randomUUID } from 'node:crypto';
import { USER_ROLES, type UserRole } from '@teamframe/shared-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { addUser, sql } from './support/orgs';
import { createTestDatabase, type TestDatabase } from './support/test-env';

const PASSWORD = 'access matrix passphrase';
const OPERATOR_TOKEN = 'access-matrix-operator-token-0123456789';

// Who may call what. Written and reviewed by a person, not read from the routes' own decorators: a
// wrong @Roles() on a route then fails this test instead of passing it. A route the API serves that
// is missing here fails too, so every new route gets a line (and a review) of its own.
const OWNER: readonly UserRole[] = ['owner'];
/** Owners and HR admins: the directory, invites, campaigns, styles, review, settings. */
const HR: readonly UserRole[] = ['owner', 'hr_admin'];
/** Everyone signed in: marketing publishes approved headshots (exports, renditions, brand). */
const ALL: readonly UserRole[] = ['owner', 'hr_admin', 'marketing'];
/** No session: sign-in, SSO, the employee's invite link, signed image URLs, health. */
const PUBLIC = 'public';
/** The platform operator's bearer token only (TEAMFRAME_OPERATOR_TOKEN); no org session counts. */
const OPERATOR = 'operator';

const ACCESS: Record<string, readonly UserRole[] | typeof PUBLIC | typeof OPERATOR> = {
  'GET /api/audit': HR,
  'GET /api/styles/presets': HR,
  'GET /api/styles/versions': HR,
  'GET /api/styles/versions/{version}': HR,
  'GET /api/styles/versions/{a}/diff/{b}': HR,
  'POST /api/styles': HR,
  'POST /api/styles/versions/{version}/restore': HR,
  'POST /api/styles/preview': HR,
  'GET /api/org/brand': ALL,
  'PUT /api/org/brand/logo': HR,
  'DELETE /api/org/brand/logo': HR,
  'GET /api/org/brand/logo': ALL,
  'PUT /api/org/brand/colours': HR,
  'POST /api/org/brand/backgrounds': HR,
  'GET /api/org/brand/backgrounds/{name}': HR,
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/logout': ALL,
  'GET /api/auth/session': ALL,
  'GET /api/sso/config': OWNER,
  'PUT /api/sso/config': OWNER,
  'GET /api/sso/discover': PUBLIC,
  'GET /api/sso/{orgSlug}/metadata': PUBLIC,
  'GET /api/sso/{orgSlug}/login': PUBLIC,
  'POST /api/sso/{orgSlug}/acs': PUBLIC,
  'GET /api/employees': HR,
  'POST /api/employees': HR,
  'GET /api/employees/departments': HR,
  'POST /api/employees/import': HR,
  'GET /api/employees/status.csv': HR,
  'GET /api/employees/{id}': HR,
  'PATCH /api/employees/{id}': HR,
  'POST /api/employees/{id}/deactivate': HR,
  'POST /api/employees/{id}/reactivate': HR,
  'GET /api/custom-fields': HR,
  'POST /api/custom-fields': HR,
  'PATCH /api/custom-fields/{id}': HR,
  'DELETE /api/custom-fields/{id}': HR,
  'GET /api/members': OWNER,
  'POST /api/members': OWNER,
  'PATCH /api/members/{id}': OWNER,
  'GET /api/org/retention': HR,
  'PUT /api/org/retention': OWNER,
  'POST /api/employees/{id}/erase': HR,
  'GET /api/employees/{id}/erase': HR,
  'GET /api/employees/{id}/refused-uploads': HR,
  'POST /api/invites': HR,
  'GET /api/invites/settings': HR,
  'PUT /api/invites/settings': HR,
  'GET /api/invites/needs-attention': HR,
  'POST /api/invites/{employeeId}/link': HR,
  'GET /api/campaigns': HR,
  'POST /api/campaigns': HR,
  'POST /api/campaigns/audience': HR,
  'GET /api/campaigns/settings': HR,
  'PUT /api/campaigns/settings': HR,
  'GET /api/campaigns/{id}': HR,
  'GET /api/campaigns/{id}/members': HR,
  'POST /api/campaigns/{id}/remind': HR,
  'POST /api/campaigns/{id}/end': HR,
  'GET /api/campaigns/{id}/status.csv': HR,
  'GET /api/invite/{token}': PUBLIC,
  'GET /api/i18n/{language}': PUBLIC,
  'POST /api/invite/{token}/consent': PUBLIC,
  'POST /api/invite/{token}/photo': PUBLIC,
  'GET /api/invite/{token}/headshot': PUBLIC,
  'GET /api/invite/{token}/profile-picture': PUBLIC,
  'GET /api/invite/{token}/logo': PUBLIC,
  'POST /api/batches': HR,
  'GET /api/batches': HR,
  'POST /api/batches/apply-style': HR,
  'GET /api/batches/{id}': HR,
  'GET /api/batches/{id}/events': HR,
  'POST /api/headshots/{id}/retry': HR,
  'GET /api/org/settings': HR,
  'PUT /api/org/settings': HR,
  'GET /api/review': HR,
  'POST /api/review/approve': HR,
  'POST /api/headshots/{id}/approve': HR,
  'POST /api/headshots/{id}/reject': HR,
  'POST /api/headshots/{id}/regenerate': HR,
  'POST /api/headshots/{id}/preview': HR,
  'GET /api/headshots/{id}/results': HR,
  'GET /api/activity': HR,
  'GET /api/activity/events': HR,
  'GET /api/headshots/{id}/renditions/{name}': ALL,
  'GET /api/uploads/{id}/original': HR,
  'GET /api/headshots/{id}/image-url': ALL,
  'GET /api/signed/headshots/{id}/renditions/{name}': PUBLIC,
  'GET /api/signed/uploads/{id}/original': PUBLIC,
  'POST /api/exports': ALL,
  'GET /api/exports': ALL,
  'GET /api/exports/options': ALL,
  'GET /api/exports/settings': HR,
  'PUT /api/exports/settings': HR,
  'GET /api/exports/{id}': ALL,
  'GET /api/exports/{id}/download': ALL,
  'GET /api/me/notifications': HR,
  'PUT /api/me/notifications': HR,
  // Integrations: credentials and outbound endpoints are the owner's; HR may see and run the photo sync.
  'GET /api/api-tokens': OWNER,
  'POST /api/api-tokens': OWNER,
  'DELETE /api/api-tokens/{id}': OWNER,
  'GET /api/scim-settings': OWNER,
  'PATCH /api/scim-settings': OWNER,
  'POST /api/scim-settings/token': OWNER,
  'DELETE /api/scim-settings/token': OWNER,
  'GET /api/webhooks': OWNER,
  'POST /api/webhooks': OWNER,
  'PATCH /api/webhooks/{id}': OWNER,
  'DELETE /api/webhooks/{id}': OWNER,
  'POST /api/webhooks/{id}/rotate-secret': OWNER,
  'POST /api/webhooks/{id}/test': OWNER,
  'GET /api/webhooks/{id}/deliveries': OWNER,
  'GET /api/directory-sync': HR,
  'GET /api/directory-sync/people': HR,
  'PUT /api/directory-sync/{kind}': OWNER,
  'DELETE /api/directory-sync/{kind}': OWNER,
  'POST /api/directory-sync/{kind}/run': HR,
  'GET /api/health': PUBLIC,
  'GET /api/health/live': PUBLIC,
  'GET /api/sso/domains': OWNER,
  'POST /api/sso/domains/{domain}/check': OWNER,
  'POST /api/sso/domains/{domain}/mail': OWNER,
  'GET /api/sso/domains/confirm': PUBLIC,
  'GET /api/operator/domains': OPERATOR,
  'DELETE /api/operator/domains/{domain}/orgs/{orgId}': OPERATOR,
  'POST /api/operator/orgs': OPERATOR,
  'GET /api/operator/orgs': OPERATOR,
  'GET /api/operator/orgs/{id}': OPERATOR,
  'PATCH /api/operator/orgs/{id}': OPERATOR,
  'DELETE /api/operator/orgs/{id}': OPERATOR,
  'POST /api/operator/orgs/{id}/suspend': OPERATOR,
  'POST /api/operator/orgs/{id}/unsuspend': OPERATOR,
};

interface Operation {
  method: string;
  path: string;
  access: readonly UserRole[] | typeof PUBLIC | typeof OPERATOR;
}

/**
 * Walks every operation of the live OpenAPI document with no session, with each role and with the
 * operator's token, and checks each answer against ACCESS: 401 signed out, 403 for a role not
 * allowed, neither for a role allowed; operator routes answer only to the operator's token.
 */
describe('every route, every role', () => {
  let db: TestDatabase;
  let api: RunningApi;
  const clients = new Map<UserRole, HttpClient>();
  let served: string[] = [];
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
    served = Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    operations = served.filter((k) => ACCESS[k]).map((k) => ({ method: k.split(' ')[0], path: k.split(' ')[1], access: ACCESS[k] }));
    // Signing out last, so it does not end the sessions the other calls use.
    operations = [...operations.filter((o) => !o.path.endsWith('/logout')), ...operations.filter((o) => o.path.endsWith('/logout'))];
  });
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  const concretePath = (p: string) => p.replace(/\{[^}]+\}/g, () => randomUUID());
  const guarded = () => operations.filter((o) => o.access !== PUBLIC);

  it('has a reviewed line for every route the API serves, and no line for a route it does not', () => {
    expect(served.length).toBeGreaterThan(10);
    expect(served.filter((k) => !ACCESS[k])).toEqual([]);
    expect(Object.keys(ACCESS).filter((k) => !served.includes(k))).toEqual([]);
  });

  it('answers 401 to a caller without a session (or token) on every route that is not public', async () => {
    const anon = new HttpClient(api.baseUrl);
    await anon.get('/api/health'); // picks up the CSRF cookie, so CSRF is not what refuses
    const wrong: string[] = [];
    for (const op of guarded()) {
      const res = await anon.request(op.method, concretePath(op.path), op.method === 'GET' ? undefined : {});
      if (res.status !== 401) wrong.push(`${op.method} ${op.path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  /** An event stream never ends: its status is read from the headers, then the stream is dropped. */
  const openStream = async (c: HttpClient, p: string) => {
    const ac = new AbortController();
    const res = await fetch(`${api.baseUrl}${p}`, { headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }, signal: ac.signal });
    ac.abort();
    return { status: res.status };
  };

  it.each(USER_ROLES)('gives %s exactly the routes the table allows it', async (role) => {
    const c = clients.get(role)!;
    const wrong: string[] = [];
    for (const op of guarded()) {
      const res = op.path.endsWith('/events') ? await openStream(c, concretePath(op.path)) : await c.request(op.method, concretePath(op.path), op.method === 'GET' ? undefined : {});
      if (op.access === OPERATOR) {
        if (res.status !== 401) wrong.push(`${op.method} ${op.path} → ${res.status}, expected 401 (operator only)`);
        continue;
      }
      const allowed = (op.access as readonly UserRole[]).includes(role);
      if (allowed && (res.status === 401 || res.status === 403)) wrong.push(`${op.method} ${op.path} refused ${res.status}`);
      if (!allowed && res.status !== 403) wrong.push(`${op.method} ${op.path} → ${res.status}, expected 403`);
    }
    expect(wrong).toEqual([]);
  });

  it('lets the operator token reach the operator routes and nothing an org session guards', async () => {
    const wrong: string[] = [];
    for (const op of guarded()) {
      const res = await fetch(`${api.baseUrl}${concretePath(op.path)}`, { method: op.method, headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, accept: 'application/json' } });
      if (op.access === OPERATOR && (res.status === 401 || res.status === 403)) wrong.push(`${op.method} ${op.path} refused the operator (${res.status})`);
      if (op.access !== OPERATOR && res.status !== 401 && res.status !== 403) wrong.push(`${op.method} ${op.path} → ${res.status} to the operator token`);
    }
    expect(wrong).toEqual([]);
  });
});
