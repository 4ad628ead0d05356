import { createPublicKey, generateKeyPairSync, verify as verifySignature } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { personWithSelfie, type ReviewablePerson, waitForHeadshot } from './support/headshot-flow';
import { HttpClient } from './support/http-client';
import { createOrgWithUser, sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from './support/test-env';

const OWNER = { email: 'owner@dir.test', password: 'directory owner passphrase' };
const MS = { tenantId: 'contoso-tenant', clientId: 'app-client-id', clientSecret: 'graph-client-secret-value-123', token: 'graph-access-token' };
const GOOGLE = { serviceAccountEmail: 'teamframe@project.iam.gserviceaccount.com', adminEmail: 'admin@dir.test', token: 'google-access-token' };
const BAMBOO = { companyDomain: 'acme', apiKey: 'bamboo-api-key-0123456789' };
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

interface Hit {
  method: string;
  path: string;
  at: number;
  status: number;
  photo?: Buffer;
}

const isJpeg = (b: Buffer) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

/** A local server implementing one service's documented endpoints strictly; anything else is refused. */
async function strictServer(handle: (req: IncomingMessage, body: Buffer, res: ServerResponse, hits: Hit[]) => Promise<{ status: number; photo?: Buffer }>) {
  const hits: Hit[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handle(req, Buffer.concat(chunks), res, hits).then(({ status, photo }) => {
        hits.push({ method: req.method!, path: req.url!, at: Date.now(), status, photo });
        if (!res.writableEnded) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: status >= 400 ? 'refused' : undefined }));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { hits, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(r)) };
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  return { status };
};

/** Microsoft identity platform (client credentials) and Graph's `PUT /users/{UPN}/photo/$value`, throttling the first photo. */
const graph = () =>
  strictServer(async (req, body, res, hits) => {
    const url = new URL(req.url!, 'http://x');
    if (req.method === 'POST' && url.pathname === `/${MS.tenantId}/oauth2/v2.0/token`) {
      if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') return json(res, 400, { error: 'invalid_request' });
      const f = new URLSearchParams(body.toString());
      if (f.get('grant_type') !== 'client_credentials' || f.get('scope') !== 'https://graph.microsoft.com/.default') return json(res, 400, { error: 'invalid_grant' });
      if (f.get('client_id') !== MS.clientId || f.get('client_secret') !== MS.clientSecret) return json(res, 401, { error: 'invalid_client' });
      return json(res, 200, { token_type: 'Bearer', expires_in: 3599, access_token: MS.token });
    }
    const m = /^\/v1\.0\/users\/([^/]+)\/photo\/\$value$/.exec(url.pathname);
    if (req.method === 'PUT' && m) {
      if (req.headers.authorization !== `Bearer ${MS.token}`) return json(res, 401, { error: { code: 'InvalidAuthenticationToken' } });
      if (req.headers['content-type'] !== 'image/jpeg') return json(res, 415, { error: { code: 'UnsupportedMediaType' } });
      if (body.length >= 4 * 1024 * 1024) return json(res, 413, { error: { code: 'RequestEntityTooLarge' } });
      if (!isJpeg(body)) return json(res, 400, { error: { code: 'ImageCorrupt' } });
      if (!hits.some((h) => h.path === req.url && h.status === 429)) {
        res.writeHead(429, { 'retry-after': '2', 'content-type': 'application/json' }).end('{"error":{"code":"TooManyRequests"}}');
        return { status: 429 };
      }
      return { status: 200, photo: body };
    }
    if (req.method === 'DELETE' && m) {
      if (req.headers.authorization !== `Bearer ${MS.token}`) return json(res, 401, { error: { code: 'InvalidAuthenticationToken' } });
      res.writeHead(204).end();
      return { status: 204 };
    }
    return json(res, 404, { error: 'unknown endpoint' });
  });

/** Google's OAuth token endpoint (JWT bearer, RS256, domain-wide delegation) and users.photos.update. */
const google = (tokenUrl: () => string) =>
  strictServer(async (req, body, res) => {
    const url = new URL(req.url!, 'http://x');
    if (req.method === 'POST' && url.pathname === '/token') {
      const f = new URLSearchParams(body.toString());
      if (f.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return json(res, 400, { error: 'unsupported_grant_type' });
      const [h, c, s] = (f.get('assertion') ?? '').split('.');
      const header = JSON.parse(Buffer.from(h ?? '', 'base64url').toString() || '{}');
      const claims = JSON.parse(Buffer.from(c ?? '', 'base64url').toString() || '{}');
      const signed = header.alg === 'RS256' && verifySignature('RSA-SHA256', Buffer.from(`${h}.${c}`), createPublicKey(publicKey), Buffer.from(s ?? '', 'base64url'));
      const ok = signed && claims.iss === GOOGLE.serviceAccountEmail && claims.sub === GOOGLE.adminEmail && claims.scope === 'https://www.googleapis.com/auth/admin.directory.user' && claims.aud === tokenUrl() && claims.exp - claims.iat <= 3600;
      return ok ? json(res, 200, { access_token: GOOGLE.token, expires_in: 3599, token_type: 'Bearer' }) : json(res, 401, { error: 'invalid_grant' });
    }
    const m = /^\/admin\/directory\/v1\/users\/([^/]+)\/photos\/thumbnail$/.exec(url.pathname);
    if (req.method === 'PUT' && m) {
      if (req.headers.authorization !== `Bearer ${GOOGLE.token}`) return json(res, 401, { error: { code: 401 } });
      if (!String(req.headers['content-type']).startsWith('application/json')) return json(res, 400, { error: { code: 400 } });
      const b = JSON.parse(body.toString());
      // Web-safe base64 only: a + or / is refused, as the API does.
      if (typeof b.photoData !== 'string' || !/^[A-Za-z0-9_-]+={0,2}$/.test(b.photoData) || b.mimeType !== 'JPEG') return json(res, 400, { error: { code: 400, message: 'Invalid photoData' } });
      const photo = Buffer.from(b.photoData.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
      if (!isJpeg(photo)) return json(res, 400, { error: { code: 400 } });
      return { status: 200, photo };
    }
    if (req.method === 'DELETE' && m) {
      if (req.headers.authorization !== `Bearer ${GOOGLE.token}`) return json(res, 401, { error: { code: 401 } });
      res.writeHead(204).end();
      return { status: 204 };
    }
    return json(res, 404, { error: 'unknown endpoint' });
  });

/** BambooHR: Basic auth with the API key, the employee directory, and the multipart photo upload. */
const bamboo = () =>
  strictServer(async (req, body, res) => {
    const url = new URL(req.url!, 'http://x');
    const base = `/api/gateway.php/${BAMBOO.companyDomain}/v1`;
    if (req.headers.authorization !== `Basic ${Buffer.from(`${BAMBOO.apiKey}:x`).toString('base64')}`) return json(res, 401, { error: 'unauthorized' });
    if (req.method === 'GET' && url.pathname === `${base}/employees/directory`) {
      if (req.headers.accept !== 'application/json') return json(res, 406, { error: 'xml unless asked for json' });
      return json(res, 200, { employees: [{ id: '123', workEmail: 'Ana@dir.test' }, { id: '124', workEmail: 'bo@dir.test' }] });
    }
    const m = new RegExp(`^${base}/employees/(\\d+)/photo$`).exec(url.pathname);
    if (req.method === 'POST' && m) {
      if (!String(req.headers['content-type']).startsWith('multipart/form-data')) return json(res, 415, { error: 'multipart only' });
      const form = await new Response(body, { headers: { 'content-type': String(req.headers['content-type']) } }).formData();
      const file = form.get('file');
      if (!(file instanceof Blob) || file.type !== 'image/jpeg') return json(res, 400, { error: 'file missing' });
      const photo = Buffer.from(await file.arrayBuffer());
      if (!isJpeg(photo) || photo.length > 20 * 1024 * 1024) return json(res, 400, { error: 'not a jpeg' });
      return { status: 201, photo };
    }
    return json(res, 404, { error: 'unknown endpoint' });
  });

async function until<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('directory photo sync: approved headshots go to Microsoft Graph, Google Admin SDK and BambooHR', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let owner: HttpClient;
  let g: Awaited<ReturnType<typeof graph>>;
  let go: Awaited<ReturnType<typeof google>>;
  let bh: Awaited<ReturnType<typeof bamboo>>;
  let ana: ReviewablePerson;
  let bo: ReviewablePerson;
  let rendition = '';

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    g = await graph();
    go = await google(() => `${go.url}/token`);
    bh = await bamboo();
    api = await startApi({
      DATABASE_URL: db.url,
      SMTP_URL: smtp.url,
      STORAGE_DIR: path.join(REPO_ROOT, 'var', `test-storage-${db.name}`),
      TEAMFRAME_ADMIN_EMAIL: OWNER.email,
      TEAMFRAME_ADMIN_PASSWORD: OWNER.password,
      RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'info',
      DIRECTORY_MICROSOFT_LOGIN_URL: g.url,
      DIRECTORY_MICROSOFT_GRAPH_URL: g.url,
      DIRECTORY_GOOGLE_TOKEN_URL: `${go.url}/token`,
      DIRECTORY_GOOGLE_API_URL: go.url,
      DIRECTORY_BAMBOOHR_API_URL: bh.url,
    });
    owner = new HttpClient(api.baseUrl);
    await owner.signIn(OWNER.email, OWNER.password);
    ana = await personWithSelfie(owner, smtp, api.baseUrl, { email: 'ana@dir.test', firstName: 'Ana', lastName: 'Lima', photo: 'portraits/obama-official.jpg' });
    bo = await personWithSelfie(owner, smtp, api.baseUrl, { email: 'bo@dir.test', firstName: 'Bo', lastName: 'Ek', photo: 'portraits/biden-official.jpg' });
    for (const p of [ana, bo]) await waitForHeadshot(db.url, p.employeeId);
    const [h] = await sql<{ renditions: { name: string; mime: string }[] }>(db.url, `SELECT renditions FROM headshot WHERE employee_id = $1`, [ana.employeeId]);
    rendition = h.renditions.find((r) => r.mime === 'image/jpeg')!.name;
  }, 400_000);
  afterAll(async () => {
    await api?.stop();
    await Promise.all([g?.close(), go?.close(), bh?.close()]);
    await smtp?.stop();
    await db?.drop();
  });

  it('connects the three directories; credentials are write-only', async () => {
    const ms = await owner.request('PUT', '/api/directory-sync/microsoft', { kind: 'microsoft', enabled: true, rendition, config: { tenantId: MS.tenantId, clientId: MS.clientId }, credentials: { clientSecret: MS.clientSecret } });
    expect(ms.status).toBe(200);
    expect(ms.json).toMatchObject({ kind: 'microsoft', hasCredentials: true, config: { tenantId: MS.tenantId } });
    expect((await owner.request('PUT', '/api/directory-sync/google', { kind: 'google', enabled: true, rendition, config: { adminEmail: GOOGLE.adminEmail, serviceAccountEmail: GOOGLE.serviceAccountEmail }, credentials: { privateKeyPem: privateKey } })).status).toBe(200);
    expect((await owner.request('PUT', '/api/directory-sync/bamboohr', { kind: 'bamboohr', enabled: true, rendition, config: { companyDomain: BAMBOO.companyDomain }, credentials: { apiKey: BAMBOO.apiKey } })).status).toBe(200);
    const listed = await owner.get('/api/directory-sync');
    expect(listed.json.map((c: { kind: string }) => c.kind)).toEqual(['bamboohr', 'google', 'microsoft']);
    expect((await owner.request('PUT', '/api/directory-sync/bamboohr', { kind: 'bamboohr', enabled: true, rendition, config: { companyDomain: 'not a domain' } })).status).toBe(400);
    expect((await owner.request('PUT', '/api/directory-sync/workday', { kind: 'bamboohr', enabled: true, rendition, config: { companyDomain: 'acme' } })).status).toBe(404);
    expect((await owner.request('PUT', '/api/directory-sync/google', { kind: 'bamboohr', enabled: true, rendition, config: { companyDomain: 'acme' } })).status).toBe(400);
  });

  it('a dry run lists nobody before approval, the approved person after', async () => {
    expect((await owner.post('/api/directory-sync/microsoft/run', { dryRun: true })).json.people).toEqual([]);
    // Approved straight in the database, so nothing is queued: this is what a dry run is for.
    await sql(db.url, `UPDATE headshot SET state = 'approved', reviewed_at = now() WHERE employee_id = $1 AND state = 'in_review'`, [bo.employeeId]);
    const dry = await owner.post('/api/directory-sync/microsoft/run', { dryRun: true });
    expect(dry.json).toEqual({ dryRun: true, people: [{ employeeId: bo.employeeId, name: 'Bo Ek', email: 'bo@dir.test' }] });
    await new Promise((r) => setTimeout(r, 1500));
    expect(g.hits.filter((h) => h.photo)).toHaveLength(0);
    await sql(db.url, `UPDATE headshot SET state = 'in_review', reviewed_at = NULL WHERE employee_id = $1`, [bo.employeeId]);
  });

  it('approving a headshot pushes it to all three within seconds, honouring a 429 Retry-After', async () => {
    const [h] = await sql<{ id: string }>(db.url, `SELECT id FROM headshot WHERE employee_id = $1 AND state = 'in_review'`, [ana.employeeId]);
    expect((await owner.post(`/api/headshots/${h.id}/approve`)).status).toBeLessThan(300);
    const people = await until('three synced rows', async () => {
      const rows = (await owner.get('/api/directory-sync/people')).json.filter((r: { employeeId: string; state: string }) => r.employeeId === ana.employeeId && r.state === 'synced');
      return rows.length === 3 ? rows : null;
    });
    expect(people.map((r: { kind: string }) => r.kind).sort()).toEqual(['bamboohr', 'google', 'microsoft']);
    expect(people.every((r: { syncedAt: string | null }) => r.syncedAt)).toBe(true);

    const photoPath = `/v1.0/users/${encodeURIComponent('ana@dir.test')}/photo/$value`;
    const attempts = g.hits.filter((x) => x.path === photoPath);
    expect(attempts.map((x) => x.status)).toEqual([429, 200]);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(2000);
    expect(go.hits.find((x) => x.path === `/admin/directory/v1/users/${encodeURIComponent('ana@dir.test')}/photos/thumbnail`)?.status).toBe(200);
    expect(bh.hits.find((x) => x.path === '/api/gateway.php/acme/v1/employees/123/photo')?.status).toBe(201);
    // The same JPEG (the chosen rendition) went to every service.
    const sent = [attempts[1].photo!, go.hits.find((x) => x.photo)!.photo!, bh.hits.find((x) => x.photo)!.photo!];
    expect(sent[1].equals(sent[0]) && sent[2].equals(sent[0])).toBe(true);
    expect((await owner.post('/api/directory-sync/google/run', { dryRun: true })).json.people).toEqual([]);
  });

  it('sends nothing for someone who has not consented', async () => {
    await sql(db.url, `UPDATE employee SET consent_accepted_at = NULL WHERE id = $1`, [bo.employeeId]);
    const [h] = await sql<{ id: string }>(db.url, `SELECT id FROM headshot WHERE employee_id = $1 AND state = 'in_review'`, [bo.employeeId]);
    expect((await owner.post(`/api/headshots/${h.id}/approve`)).status).toBeLessThan(300);
    const rows = await until('three skipped rows', async () => {
      const r = (await owner.get('/api/directory-sync/people')).json.filter((x: { employeeId: string; state: string }) => x.employeeId === bo.employeeId && x.state === 'skipped');
      return r.length === 3 ? r : null;
    });
    expect(rows[0].detail).toMatch(/consent/);
    expect(g.hits.some((x) => x.path.includes('bo%40dir.test'))).toBe(false);
    expect(go.hits.some((x) => x.path.includes('bo%40dir.test'))).toBe(false);
    expect(bh.hits.some((x) => x.path.includes('/124/'))).toBe(false);
    expect((await owner.post('/api/directory-sync/bamboohr/run', { dryRun: true })).json.people).toEqual([]);
  });

  it('records a refusal as a failure HR can act on', async () => {
    expect((await owner.request('PUT', '/api/directory-sync/bamboohr', { kind: 'bamboohr', enabled: true, rendition, config: { companyDomain: BAMBOO.companyDomain }, credentials: { apiKey: 'a-wrong-key' } })).status).toBe(200);
    await sql(db.url, `UPDATE directory_photo_sync SET synced_headshot_id = NULL`);
    expect((await owner.post('/api/directory-sync/bamboohr/run', { dryRun: false })).json.people.map((p: { email: string }) => p.email)).toEqual(['ana@dir.test']);
    const row = await until('the failed row', async () => (await owner.get('/api/directory-sync/people')).json.find((x: { employeeId: string; kind: string; state: string }) => x.employeeId === ana.employeeId && x.kind === 'bamboohr' && x.state === 'failed'));
    expect(row.detail).toMatch(/refused with 401.*credentials/);
  });

  it('takes the pushed photos down when the employee is erased, where the API allows', async () => {
    expect((await owner.post(`/api/employees/${ana.employeeId}/erase`)).status).toBeLessThan(300);
    const removals = await until('three tried removals', async () => {
      const rows = await sql<{ kind: string; state: string; email: string | null; detail: string | null }>(
        db.url,
        `SELECT c.kind, r.state, r.email, r.detail FROM directory_photo_removal r JOIN directory_connection c ON c.id = r.connection_id ORDER BY c.kind`,
      );
      return rows.length === 3 && rows.every((r) => !['pending', 'queued'].includes(r.state)) ? rows : null;
    });
    expect(removals.map((r) => [r.kind, r.state])).toEqual([
      ['bamboohr', 'unsupported'],
      ['google', 'done'],
      ['microsoft', 'done'],
    ]);
    expect(removals.every((r) => r.email === null)).toBe(true);
    expect(removals[0].detail).toMatch(/by hand/);
    expect(g.hits.filter((x) => x.method === 'DELETE').map((x) => [x.path, x.status])).toEqual([[`/v1.0/users/${encodeURIComponent('ana@dir.test')}/photo/$value`, 204]]);
    expect(go.hits.filter((x) => x.method === 'DELETE').map((x) => x.status)).toEqual([204]);
    // The worker kept its connectors: one token each for the push and the removal.
    expect(g.hits.filter((x) => x.path.endsWith('/oauth2/v2.0/token'))).toHaveLength(1);
    expect(go.hits.filter((x) => x.path === '/token')).toHaveLength(1);
  });

  it("keeps each org's connections to itself and no credential in logs, answers or the audit log", async () => {
    await createOrgWithUser(db.url, { orgName: 'Other', slug: 'other-dir', email: 'owner@other-dir.test', password: 'other directory passphrase', role: 'owner' });
    const other = new HttpClient(api.baseUrl);
    await other.signIn('owner@other-dir.test', 'other directory passphrase');
    expect((await other.get('/api/directory-sync')).json).toEqual([]);
    expect((await other.get('/api/directory-sync/people')).json).toEqual([]);
    expect((await other.post('/api/directory-sync/microsoft/run', { dryRun: true })).status).toBe(404);

    const answers = (await owner.get('/api/directory-sync')).text + (await owner.get('/api/directory-sync/people')).text;
    const audit = JSON.stringify(await sql(db.url, 'SELECT * FROM audit_event'));
    const stored = JSON.stringify(await sql(db.url, 'SELECT * FROM directory_connection'));
    const keyBody = privateKey.split('\n')[5];
    for (const secret of [MS.clientSecret, BAMBOO.apiKey, 'a-wrong-key', keyBody]) {
      for (const [where, text] of [['log', api.output()], ['answers', answers], ['audit', audit], ['database', stored]] as const) expect(text.includes(secret), `${where} holds a credential`).toBe(false);
    }
  });
});
