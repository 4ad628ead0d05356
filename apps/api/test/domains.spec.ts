import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { runMaintenanceJob } from './support/maintenance';
import { createOrgWithUser, sql } from './support/orgs';
import { TestIdp } from './support/saml-idp';
import { TestDns } from './support/dns-server';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, type TestDatabase, uniquePrefix } from './support/test-env';

const OPERATOR_TOKEN = 'operator-token-operator-token-0123456789';
const VICTIM = { email: 'owner@victim.example', password: 'the real owner passphrase' };
const SQUATTER = { email: 'owner@squat.example', password: 'the squatter passphrase!' };
const CHALLENGE = '_teamframe-challenge.victim.example';

/**
 * SSO discovery by e-mail domain, attacked: a squatter org claims a company's domain. A claim routes
 * nobody until proven by a TXT record (a DNS server of the test's own on loopback) or a link mailed to
 * a role mailbox at the domain (the test's SMTP server); proofs are re-checked daily; the platform
 * operator settles disputes.
 */
describe('SSO e-mail domains must be proven', () => {
  let db: TestDatabase;
  let api: RunningApi;
  const dns = new TestDns();
  const smtp = new TestSmtp();
  const prefix = uniquePrefix();
  let victim: HttpClient;
  let squatter: HttpClient;
  let victimOrg: string;
  let squatterOrg: string;
  const idp = new TestIdp('domains');
  const discover = async (email: string) => {
    const res = await new HttpClient(api.baseUrl).get(`/api/sso/discover?email=${encodeURIComponent(email)}`);
    return res.status === 200 ? res.json.orgSlug : res.status;
  };
  const claim = async (c: HttpClient, domain: string) => (await c.get('/api/sso/domains')).json.find((d: { domain: string }) => d.domain === domain);
  const operator = (method: string, path: string, token = OPERATOR_TOKEN) => fetch(`${api.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });

  beforeAll(async () => {
    db = await createTestDatabase();
    await dns.start();
    await smtp.start();
    api = await startApi({
      DATABASE_URL: db.url,
      QUEUE_PREFIX: prefix,
      SMTP_URL: smtp.url,
      DNS_SERVERS: dns.server,
      TEAMFRAME_OPERATOR_TOKEN: OPERATOR_TOKEN,
      TEAMFRAME_ORG_NAME: 'Victim Inc',
      TEAMFRAME_ADMIN_EMAIL: VICTIM.email,
      TEAMFRAME_ADMIN_PASSWORD: VICTIM.password,
    });
    [{ org_id: victimOrg }] = await sql<{ org_id: string }>(db.url, 'SELECT org_id FROM app_user WHERE email = $1', [VICTIM.email]);
    ({ orgId: squatterOrg } = await createOrgWithUser(db.url, { orgName: 'Squatter', slug: 'squatter', email: SQUATTER.email, password: SQUATTER.password, role: 'owner' }));
    victim = new HttpClient(api.baseUrl);
    squatter = new HttpClient(api.baseUrl);
    expect((await victim.signIn(VICTIM.email, VICTIM.password)).status).toBe(200);
    expect((await squatter.signIn(SQUATTER.email, SQUATTER.password)).status).toBe(200);
  });
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
    await dns.stop();
    await smtp.stop();
  });

  it('lets a squatter claim a domain, but the claim routes nobody and cannot be proven', async () => {
    const res = await squatter.request('PUT', '/api/sso/config', { metadataXml: idp.metadataXml(), emailDomains: ['victim.example'] });
    expect(res.status).toBe(200);
    expect(res.json.enabled).toBe(true);
    expect(res.json.domainClaims).toEqual([expect.objectContaining({ domain: 'victim.example', state: 'pending', verifiedAt: null, dns: { name: CHALLENGE, value: expect.stringMatching(/^teamframe-domain-verification=[A-Za-z0-9_-]{32}$/) } })]);
    expect(await discover('ceo@victim.example')).toBe(404);
    const check = await squatter.post('/api/sso/domains/victim.example/check');
    expect(check.status).toBe(400);
    expect(check.json.error.message).toContain(CHALLENGE);
    // Only role mailboxes: a personal address at a shared mail provider proves nothing.
    expect((await squatter.post('/api/sso/domains/victim.example/mail', { mailbox: 'squatter' })).status).toBe(400);
    expect((await squatter.post('/api/sso/domains/unclaimed.example/check')).status).toBe(404);
  });

  it('routes the domain to the org whose TXT record is published there, and to no other', async () => {
    const res = await victim.request('PUT', '/api/sso/config', { metadataXml: idp.metadataXml(), emailDomains: ['victim.example'] });
    expect(res.status).toBe(200);
    const mine = res.json.domainClaims[0];
    const theirs = await claim(squatter, 'victim.example');
    expect(mine.dns.value).not.toBe(theirs.dns.value);
    dns.txt.set(CHALLENGE, ['v=unrelated', mine.dns.value]);

    const verified = await victim.post('/api/sso/domains/victim.example/check');
    expect(verified.status).toBe(200);
    expect(verified.json).toMatchObject({ state: 'verified', verifiedBy: 'dns', lastCheckResult: 'found' });
    expect(await discover('ceo@victim.example')).toBe('victim-inc');

    // The squatter's value is not in DNS; nor can it take the domain by mail or by saving it again.
    expect((await squatter.post('/api/sso/domains/victim.example/check')).status).toBe(400);
    expect((await squatter.post('/api/sso/domains/victim.example/mail', { mailbox: 'postmaster' })).status).toBe(409);
    expect(smtp.count('postmaster@victim.example')).toBe(0);
    const again = await squatter.request('PUT', '/api/sso/config', { emailDomains: ['victim.example', 'squat.example'] });
    expect(again.status).toBe(400);
    expect(again.json.error.details[0]).toEqual({ path: 'emailDomains', message: 'victim.example is verified by another organisation' });
    expect(await discover('ceo@victim.example')).toBe('victim-inc');
    // Each owner sees only its own org's claims.
    expect((await victim.get('/api/sso/domains')).json.map((d: { domain: string }) => d.domain)).toEqual(['victim.example']);
  });

  it('proves a domain by a link mailed to its postmaster, once', async () => {
    expect((await squatter.request('PUT', '/api/sso/config', { emailDomains: ['squat.example'] })).status).toBe(200);
    const sent = await squatter.post('/api/sso/domains/squat.example/mail', { mailbox: 'postmaster' });
    expect(sent.status).toBe(200);
    expect(sent.json).toMatchObject({ state: 'pending', mailSentTo: 'postmaster@squat.example' });
    const mail = await smtp.waitFor('postmaster@squat.example');
    expect(mail.subject).toBe('Confirm squat.example for single sign-on at Squatter');
    const link = mail.text!.match(/https?:\/\/\S+\/api\/sso\/domains\/confirm\?code=[A-Za-z0-9_-]{43}/)![0];
    expect(await discover('anyone@squat.example')).toBe(404);

    const opened = await fetch(link.replace(/^https?:\/\/[^/]+/, api.baseUrl));
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('squat.example is confirmed');
    expect(await discover('anyone@squat.example')).toBe('squatter');
    expect((await claim(squatter, 'squat.example')).verifiedBy).toBe('mail');
    // Single use, and a made-up code proves nothing.
    expect((await fetch(link.replace(/^https?:\/\/[^/]+/, api.baseUrl))).status).toBe(404);
    expect((await fetch(`${api.baseUrl}/api/sso/domains/confirm?code=${'A'.repeat(43)}`)).status).toBe(404);
    const [{ n }] = await sql<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM sso_domain_claim WHERE mail_code_hash IS NOT NULL`);
    expect(n).toBe(0);
  });

  it('re-checks DNS proofs daily: a removed record stops routing until it is back', async () => {
    const value = dns.txt.get(CHALLENGE)!;
    dns.txt.delete(CHALLENGE);
    const run = await runMaintenanceJob<{ checked: number; unverified: number }>(prefix, 'recheck-sso-domains');
    expect(run).toEqual({ checked: 2, unverified: 1 });
    expect(await discover('ceo@victim.example')).toBe(404);
    expect(await claim(victim, 'victim.example')).toMatchObject({ state: 'pending', lastCheckResult: 'missing' });
    // The mailed proof stands (it is asked for again after a year).
    expect(await discover('anyone@squat.example')).toBe('squatter');
    const [audit] = await sql<{ details: { reason: string } }>(db.url, `SELECT details FROM audit_event WHERE org_id = $1 AND action = 'sso.domain_unverified'`, [victimOrg]);
    expect(audit.details.reason).toMatch(/TXT record is gone/);

    dns.txt.set(CHALLENGE, value);
    expect((await victim.post('/api/sso/domains/victim.example/check')).json.state).toBe('verified');
    expect(await discover('ceo@victim.example')).toBe('victim-inc');
  });

  it('lets only the platform operator see every claim and release a domain from an org', async () => {
    expect((await operator('GET', '/api/operator/domains', 'not-the-operator-token-0123456789abcdef')).status).toBe(401);
    expect((await victim.get('/api/operator/domains')).status).toBe(401);
    const list = await operator('GET', '/api/operator/domains');
    expect(list.status).toBe(200);
    const claims = await list.json();
    expect(claims).toEqual([
      expect.objectContaining({ domain: 'squat.example', orgId: squatterOrg, orgSlug: 'squatter', state: 'verified', verifiedBy: 'mail' }),
      expect.objectContaining({ domain: 'victim.example', orgId: victimOrg, orgSlug: 'victim-inc', state: 'verified', verifiedBy: 'dns' }),
    ]);

    // The dispute goes the other way round: the operator takes squat.example from the org that proved it.
    expect((await operator('DELETE', `/api/operator/domains/squat.example/orgs/${squatterOrg}`)).status).toBe(204);
    expect(await discover('anyone@squat.example')).toBe(404);
    expect((await squatter.get('/api/sso/config')).json).toMatchObject({ emailDomains: [], domainClaims: [] });
    const [released] = await sql<{ details: { domain: string } }>(db.url, `SELECT details FROM audit_event WHERE org_id = $1 AND action = 'sso.domain_released_by_operator'`, [squatterOrg]);
    expect(released.details.domain).toBe('squat.example');
    expect((await operator('DELETE', `/api/operator/domains/squat.example/orgs/${squatterOrg}`)).status).toBe(404);
    // Now another org may prove it.
    expect((await victim.request('PUT', '/api/sso/config', { emailDomains: ['victim.example', 'squat.example'] })).status).toBe(200);
  });
});
