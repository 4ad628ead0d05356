import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { createOrgWithUser, sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { Queue, QueueEvents } from 'bullmq';
import { createTestDatabase, REDIS_URL, type TestDatabase, uniquePrefix } from './support/test-env';
import { waitForJob } from '../src/core/queue/job-result';

const OWNER = { email: 'owner@hooks.test', password: 'webhooks owner passphrase' };
// The receiver listens on 127.0.0.2, the only network the operator allows here; 127.0.0.1 stays "inside".
const RECEIVER_HOST = '127.0.0.2';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
}

/** A webhook receiver with a few behaviours by path, keeping every request it got. */
class Receiver {
  readonly requests: Received[] = [];
  private server!: Server;
  port = 0;

  constructor(
    private readonly host: string,
    private readonly redirectTo = '',
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.requests.push({ path, headers: req.headers, raw });
        const seen = this.requests.filter((r) => r.path === path && r.headers['teamframe-event-id'] === req.headers['teamframe-event-id']).length;
        if (path === '/flaky' && seen <= 2) res.writeHead(500).end('not yet');
        else if (path === '/down') res.writeHead(503).end('down');
        else if (path === '/redirect') res.writeHead(302, { location: this.redirectTo }).end();
        else res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => this.server.listen(0, this.host, () => r()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path: string): string {
    return `http://${this.host}:${this.port}${path}`;
  }

  at(path: string): Received[] {
    return this.requests.filter((r) => r.path === path);
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

/** The check a receiver writes from the docs: HMAC-SHA256 over `<t>.<raw body>`, any v1 may match. */
function verifies(secret: string, header: string | string[] | undefined, raw: string): boolean {
  const parts = String(header).split(',');
  const t = parts.find((p) => p.startsWith('t='))?.slice(2);
  if (!t || Math.abs(Date.now() / 1000 - Number(t)) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${raw}`).digest();
  return parts.filter((p) => p.startsWith('v1=')).some((p) => {
    const got = Buffer.from(p.slice(3), 'hex');
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}

async function until<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('webhooks: signed, queued, retried, switched off when failing, never into the inside network', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let owner: HttpClient;
  let receiver: Receiver;
  let inside: Receiver;
  const secrets: string[] = [];
  const prefix = uniquePrefix();

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    inside = await new Receiver('127.0.0.1').start();
    receiver = await new Receiver(RECEIVER_HOST, inside.url('/stolen')).start();
    api = await startApi({
      DATABASE_URL: db.url,
      SMTP_URL: smtp.url,
      TEAMFRAME_ADMIN_EMAIL: OWNER.email,
      TEAMFRAME_ADMIN_PASSWORD: OWNER.password,
      WEBHOOK_ALLOWED_NETWORKS: `${RECEIVER_HOST}/32`,
      WEBHOOK_RETRY_DELAY_MS: '300',
      WEBHOOK_DISABLE_AFTER_FAILURES: '4',
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    owner = new HttpClient(api.baseUrl);
    await owner.signIn(OWNER.email, OWNER.password);
  });
  afterAll(async () => {
    await api?.stop();
    await receiver?.stop();
    await inside?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  async function addEndpoint(path: string, events: string[] = ['campaign.ended', 'headshot.approved']) {
    const res = await owner.post('/api/webhooks', { url: receiver.url(path), events });
    expect(res.status).toBe(201);
    secrets.push(res.json.secret);
    return res.json as { item: { id: string }; secret: string };
  }

  const deliveries = async (id: string) => (await owner.get(`/api/webhooks/${id}/deliveries`)).json as { eventId: string; attempt: number; statusCode: number | null; error: string | null }[];

  it('refuses URLs that lead inside: private and loopback addresses, names that resolve there, plain http to the internet', async () => {
    for (const url of [
      'https://10.0.0.1/hook',
      `http://127.0.0.1:${inside.port}/hook`,
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/hook',
      'https://[::ffff:10.0.0.1]/hook',
      `http://localhost:${inside.port}/hook`,
      'http://93.184.216.34/hook',
      'ftp://93.184.216.34/hook',
    ]) {
      const res = await owner.post('/api/webhooks', { url, events: ['campaign.ended'] });
      expect(res.status, url).toBe(400);
      expect(res.json.error.details[0].path, url).toBe('url');
    }
    expect((await owner.get('/api/webhooks')).json).toEqual([]);
    expect(inside.requests).toHaveLength(0);
  });

  it('shows the secret once and signs a test event with it', async () => {
    const { item, secret } = await addEndpoint('/ok');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const listed = await owner.get('/api/webhooks');
    expect(listed.json).toMatchObject([{ id: item.id, url: receiver.url('/ok'), enabled: true, consecutiveFailures: 0 }]);
    expect(listed.text).not.toContain(secret);

    const sent = await owner.post(`/api/webhooks/${item.id}/test`);
    expect(sent.status).toBe(202);
    const got = await until('the test event', () => receiver.at('/ok')[0]);
    expect(verifies(secret, got.headers['teamframe-signature'], got.raw)).toBe(true);
    expect(verifies('whsec_wrong', got.headers['teamframe-signature'], got.raw)).toBe(false);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['teamframe-event']).toBe('webhook.test');
    const body = JSON.parse(got.raw);
    expect(body).toMatchObject({ id: sent.json.eventId, type: 'webhook.test', orgId: expect.any(String), data: expect.any(Object) });
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
    const log = await until('the delivery log', async () => (await deliveries(item.id))[0]);
    expect(log).toMatchObject({ eventId: sent.json.eventId, attempt: 1, statusCode: 200, error: null });
  });

  it('delivers a real event (campaign.ended) to endpoints that asked for it', async () => {
    await owner.post('/api/employees', { email: 'ann@hooks.test', firstName: 'Ann', lastName: 'Hook' });
    const campaign = await owner.post('/api/campaigns', { name: 'Spring', dueOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10), audience: { kind: 'everyone' } });
    expect(campaign.status).toBe(201);
    expect((await owner.post(`/api/campaigns/${campaign.json.campaign.id}/end`)).status).toBeLessThan(300);
    const got = await until('campaign.ended', () => receiver.at('/ok').find((r) => r.headers['teamframe-event'] === 'campaign.ended'));
    const body = JSON.parse(got.raw);
    expect(body).toMatchObject({ type: 'campaign.ended', data: { campaignId: campaign.json.campaign.id, automatically: false } });
    expect(verifies(secrets[0], got.headers['teamframe-signature'], got.raw)).toBe(true);
  });

  it('retries after a 500 with the same event, each attempt signed and logged', async () => {
    const { item, secret } = await addEndpoint('/flaky');
    const sent = await owner.post(`/api/webhooks/${item.id}/test`);
    await until('three attempts', () => receiver.at('/flaky').length >= 3);
    const attempts = receiver.at('/flaky');
    expect(attempts.map((a) => JSON.parse(a.raw).id)).toEqual([sent.json.eventId, sent.json.eventId, sent.json.eventId]);
    for (const a of attempts) expect(verifies(secret, a.headers['teamframe-signature'], a.raw)).toBe(true);
    const log = await until('three log rows', async () => ((await deliveries(item.id)).length === 3 ? deliveries(item.id) : null));
    expect(log.map((d) => [d.attempt, d.statusCode]).sort()).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    expect((await owner.get('/api/webhooks')).json.find((e: { id: string }) => e.id === item.id).consecutiveFailures).toBe(0);
  });

  it('switches an endpoint off after repeated failures and mails the owner', async () => {
    const { item } = await addEndpoint('/down');
    await owner.post(`/api/webhooks/${item.id}/test`);
    const mail = await smtp.waitFor(OWNER.email, /switched off/i);
    expect(mail.text).toMatch(/4 failed deliveries in a row/);
    const endpoint = (await owner.get('/api/webhooks')).json.find((e: { id: string }) => e.id === item.id);
    expect(endpoint).toMatchObject({ enabled: false, consecutiveFailures: 4, disabledReason: expect.stringMatching(/failed deliveries/) });
    expect((await deliveries(item.id)).map((d) => d.statusCode)).toEqual([503, 503, 503, 503]);
    expect(receiver.at('/down')).toHaveLength(4);

    const campaign = await owner.post('/api/campaigns', { name: 'Summer', dueOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10), audience: { kind: 'everyone' } });
    await owner.post(`/api/campaigns/${campaign.json.campaign.id}/end`);
    await until('the event at the live endpoint', () => receiver.at('/ok').some((r) => JSON.parse(r.raw).data.campaignId === campaign.json.campaign.id));
    expect(receiver.at('/down')).toHaveLength(4);

    const on = await owner.request('PATCH', `/api/webhooks/${item.id}`, { enabled: true });
    expect(on.json).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
    await owner.request('DELETE', `/api/webhooks/${item.id}`);
  });

  it('does not follow a redirect into the inside network', async () => {
    const { item } = await addEndpoint('/redirect');
    await owner.post(`/api/webhooks/${item.id}/test`);
    const first = await until('the redirect attempt', async () => (await deliveries(item.id))[0]);
    expect(first).toMatchObject({ statusCode: 302, error: expect.stringMatching(/redirect/i) });
    expect(inside.requests).toHaveLength(0);
    expect((await owner.request('DELETE', `/api/webhooks/${item.id}`)).status).toBe(204);
  });

  it('checks the address again when connecting (a name that now resolves inside is refused)', async () => {
    const { item } = await addEndpoint('/ok');
    // As if DNS had changed since the endpoint was saved: the name now leads to 127.0.0.1.
    await sql(db.url, `UPDATE webhook_endpoint SET url = $2 WHERE id = $1`, [item.id, `http://localhost:${inside.port}/rebound`]);
    await owner.post(`/api/webhooks/${item.id}/test`);
    const first = await until('the refused attempt', async () => (await deliveries(item.id))[0]);
    expect(first).toMatchObject({ statusCode: null, error: expect.stringMatching(/not a public address/) });
    expect(inside.requests).toHaveLength(0);
    expect((await owner.request('DELETE', `/api/webhooks/${item.id}`)).status).toBe(204);
  });

  it('rotates the secret: the new one signs at once, the old one alongside it for a day', async () => {
    const id = (await owner.get('/api/webhooks')).json.find((e: { url: string }) => e.url.endsWith('/ok')).id;
    const rotated = await owner.post(`/api/webhooks/${id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    secrets.push(rotated.json.secret);
    expect(rotated.json.secret).not.toBe(secrets[0]);
    const sent = await owner.post(`/api/webhooks/${id}/test`);
    const got = await until('the event after rotation', () => receiver.at('/ok').find((r) => JSON.parse(r.raw).id === sent.json.eventId));
    expect(verifies(rotated.json.secret, got.headers['teamframe-signature'], got.raw)).toBe(true);
    expect(verifies(secrets[0], got.headers['teamframe-signature'], got.raw)).toBe(true);
    expect(String(got.headers['teamframe-signature']).match(/v1=/g)).toHaveLength(2);
  });

  it("keeps each org's endpoints and events to itself", async () => {
    await createOrgWithUser(db.url, { orgName: 'Other', slug: 'other-hooks', email: 'owner@other-hooks.test', password: 'other hooks passphrase', role: 'owner' });
    const other = new HttpClient(api.baseUrl);
    await other.signIn('owner@other-hooks.test', 'other hooks passphrase');
    const theirs = await other.post('/api/webhooks', { url: receiver.url('/other'), events: ['campaign.ended'] });
    expect(theirs.status).toBe(201);
    secrets.push(theirs.json.secret);
    const mine = (await owner.get('/api/webhooks')).json[0].id;
    expect((await other.get('/api/webhooks')).json.map((e: { id: string }) => e.id)).toEqual([theirs.json.item.id]);
    expect((await other.request('PATCH', `/api/webhooks/${mine}`, { url: receiver.url('/other') })).status).toBe(404);
    expect((await other.post(`/api/webhooks/${mine}/test`)).status).toBe(404);
    expect((await other.post(`/api/webhooks/${mine}/rotate-secret`)).status).toBe(404);
    expect((await other.get(`/api/webhooks/${mine}/deliveries`)).status).toBe(404);
    expect((await other.request('DELETE', `/api/webhooks/${mine}`)).status).toBe(404);

    const campaign = await owner.post('/api/campaigns', { name: 'Autumn', dueOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10), audience: { kind: 'everyone' } });
    await owner.post(`/api/campaigns/${campaign.json.campaign.id}/end`);
    await until('our event', () => receiver.at('/ok').some((r) => JSON.parse(r.raw).data.campaignId === campaign.json.campaign.id));
    expect(receiver.at('/other')).toHaveLength(0);
  });

  it('keeps the delivery log for 30 days', async () => {
    const purge = async (now: Date) => {
      const queue = new Queue('webhook', { connection: { url: REDIS_URL }, prefix });
      const events = new QueueEvents('webhook', { connection: { url: REDIS_URL }, prefix });
      try {
        await events.waitUntilReady();
        const job = await queue.add('purge-webhook-log', { now: now.toISOString() });
        return await waitForJob<{ events: number }>(queue, job, events, 30_000);
      } finally {
        await events.close();
        await queue.close();
      }
    };
    const id = (await owner.get('/api/webhooks')).json[0].id;
    expect((await deliveries(id)).length).toBeGreaterThan(0);
    expect(await purge(new Date(Date.now() + 29 * 86_400_000))).toEqual({ events: 0 });
    expect((await purge(new Date(Date.now() + 31 * 86_400_000))).events).toBeGreaterThan(0);
    expect(await deliveries(id)).toEqual([]);
  });

  it('leaves no secret in the log, the audit log, lists or the database in the clear', async () => {
    const audit = JSON.stringify(await sql(db.url, 'SELECT * FROM audit_event')) + (await owner.get('/api/audit?pageSize=200')).text;
    const stored = JSON.stringify(await sql(db.url, 'SELECT * FROM webhook_endpoint')) + JSON.stringify(await sql(db.url, 'SELECT * FROM webhook_event')) + JSON.stringify(await sql(db.url, 'SELECT * FROM webhook_delivery'));
    const list = (await owner.get('/api/webhooks')).text;
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    for (const s of secrets) {
      for (const [where, text] of [['log', api.output()], ['audit', audit], ['database', stored], ['list', list]] as const) expect(text.includes(s), `${where} holds a secret`).toBe(false);
    }
  });
});
