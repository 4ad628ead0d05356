import { createDecipheriv, createPrivateKey, hkdfSync, X509Certificate } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/modules/auth/password-hasher';
import { freePort, type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { makeSigningKey, postForm, type ResponseOptions, TestIdp } from './support/saml-idp';
import { createTestDatabase, type TestDatabase, uniquePrefix } from './support/test-env';

const OWNER = { email: 'owner@acme.test', password: 'a long enough passphrase' };
const OWNER_B = { email: 'owner@globex.test', password: 'another long passphrase' };
const SECRET = 'sso-secret-sso-secret-sso-secret-0123456';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const pemOf = (b64: string) => `-----BEGIN CERTIFICATE-----\n${b64.replace(/\s+/g, '').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
const ROLE_MAPPING = [
  { attribute: 'groups', value: 'HR', role: 'hr_admin' },
  { attribute: 'groups', value: 'Marketing', role: 'marketing' },
];

describe('SAML single sign-on', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let pg: Client;
  let owner: HttpClient;
  // The IdP of org A has two signing keys (a rotation in progress); org B has its own IdP.
  const idpA = new TestIdp('acme', 2);
  const idpB = new TestIdp('globex');
  const forger = makeSigningKey('not the IdP');
  const prefix = uniquePrefix();
  const slugA = 'acme-sso';
  const slugB = 'globex';
  let base: string;
  const sp = (slug: string) => ({ audience: `${base}/api/sso/${slug}/metadata`, acsUrl: `${base}/api/sso/${slug}/acs` });

  /** GET /login as a browser: the 302 to the IdP and the AuthnRequest it carries. */
  async function startLogin(slug = slugA, relayState?: string, client = new HttpClient(base)) {
    const res = await client.get(`/api/sso/${slug}/login${relayState === undefined ? '' : `?relayState=${encodeURIComponent(relayState)}`}`);
    expect(res.status).toBe(302);
    return TestIdp.readAuthnRequest(res.headers.get('location')!);
  }

  /** The whole round trip: our AuthnRequest, the IdP's signed answer to it, the POST to our ACS. */
  async function signInVia(idp: TestIdp, opts: Partial<ResponseOptions> & { nameId: string }, slug = slugA, relayState?: string) {
    const request = await startLogin(slug, relayState);
    const SAMLResponse = idp.response({ ...sp(slug), inResponseTo: request.id, ...opts });
    return postForm(`${base}/api/sso/${slug}/acs`, { SAMLResponse, ...(request.relayState ? { RelayState: request.relayState } : {}) });
  }

  async function sessionOf(token: string) {
    const c = new HttpClient(base);
    c.cookies.set('tf_session', token);
    return c.get('/api/auth/session');
  }

  /** Our SP metadata and the certificates it publishes per KeyDescriptor use. */
  async function spMetadata(slug = slugA) {
    const xml = await (await fetch(`${base}/api/sso/${slug}/metadata`)).text();
    const cert = (use: string) => {
      const body = xml.match(new RegExp(`<KeyDescriptor use="${use}">[\\s\\S]*?<ds:X509Certificate>([^<]+)</ds:X509Certificate>`))?.[1];
      return body ? pemOf(body) : null;
    };
    return { xml, signing: cert('signing'), encryption: cert('encryption') };
  }

  /** The org's sealed SP key as stored, opened the way the API opens it (HKDF of TEAMFRAME_SECRET, org ID as AAD). */
  async function storedSpKey(slug: string) {
    const { rows } = await pg.query(`SELECT k.org_id, k.certificate, k.private_key_encrypted, row_to_json(k)::text AS row_text FROM org_sso_sp_key k JOIN org o ON o.id = k.org_id WHERE o.slug = $1`, [slug]);
    const { org_id: orgId, certificate, private_key_encrypted: sealed, row_text: rowText } = rows[0];
    const [format, iv, tag, body] = (sealed as string).split('.');
    const key = Buffer.from(hkdfSync('sha256', SECRET, Buffer.alloc(0), 'teamframe/sso/sp-private-key/v1', 32));
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(orgId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const privateKeyPem = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    return { format, certificate: certificate as string, privateKeyPem, rowText: rowText as string };
  }

  async function lastRefusal(): Promise<string> {
    const { rows } = await pg.query(`SELECT details->>'reason' AS reason FROM audit_event WHERE action = 'auth.sso_refused' ORDER BY at DESC LIMIT 1`);
    return rows[0]?.reason ?? '';
  }

  function expectRefused(res: Awaited<ReturnType<typeof postForm>>) {
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('UNAUTHENTICATED');
    expect(res.session).toBeNull();
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = await startApi({ DATABASE_URL: db.url, PORT: String(port), PUBLIC_URL: base, QUEUE_PREFIX: prefix, TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, TEAMFRAME_ORG_NAME: 'Acme SSO', TEAMFRAME_SECRET: SECRET });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    owner = new HttpClient(base);
    expect((await owner.signIn(OWNER.email, OWNER.password)).status).toBe(200);
  });
  afterAll(async () => {
    await pg?.end();
    await api?.stop();
    await db?.drop();
  });

  it('serves SP metadata with our entity ID and ACS URL, before anything is configured', async () => {
    const res = await fetch(`${base}/api/sso/${slugA}/metadata`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/samlmetadata+xml');
    const xml = await res.text();
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain(`entityID="${sp(slugA).audience}"`);
    expect(xml).toMatch(new RegExp(`<AssertionConsumerService[^>]*Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"[^>]*Location="${sp(slugA).acsUrl}"`));
    expect((await fetch(`${base}/api/sso/no-such-org/metadata`)).status).toBe(404);
    expect((await new HttpClient(base).get(`/api/sso/${slugA}/login`)).status).toBe(404);
  });

  it('names the bad field when the metadata or a certificate is not valid', async () => {
    const bad = await owner.request('PUT', '/api/sso/config', { metadataXml: '<not-metadata/>' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe('metadataXml');
    const cert = await owner.request('PUT', '/api/sso/config', { certificates: ['bm90IGEgY2VydA=='] });
    expect(cert.status).toBe(400);
    expect(cert.json.error.details[0].path).toBe('certificates.0');
    const skew = await owner.request('PUT', '/api/sso/config', { clockSkewSec: 3600 });
    expect(skew.status).toBe(400);
    expect(skew.json.error.details[0].path).toBe('clockSkewSec');
    const early = await owner.request('PUT', '/api/sso/config', { passwordLoginDisabled: true });
    expect(early.status).toBe(400);
    expect(early.json.error.details[0].path).toBe('passwordLoginDisabled');
  });

  it('configures the IdP from pasted metadata: entity ID, redirect SSO URL, both signing certificates', async () => {
    const res = await owner.request('PUT', '/api/sso/config', { metadataXml: idpA.metadataXml(), roleMapping: ROLE_MAPPING, clockSkewSec: 30, emailDomains: ['acme.test'] });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ configured: true, enabled: true, idpEntityId: idpA.entityId, ssoUrl: idpA.ssoUrl, allowIdpInitiated: false, clockSkewSec: 30 });
    expect(res.json.certificates).toHaveLength(2);
    expect(res.json.sp).toMatchObject({ entityId: sp(slugA).audience, acsUrl: sp(slugA).acsUrl });
    expect((await owner.get('/api/sso/config')).json.roleMapping).toEqual(ROLE_MAPPING);
    const { rows } = await pg.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'sso.config_updated'`);
    expect(rows[0].n).toBe(1);
  });

  it('tells the sign-in page which org to use, by email domain (once proven, see domains.spec.ts) or slug', async () => {
    const c = new HttpClient(base);
    expect((await c.get('/api/sso/discover?email=jane@acme.test')).status).toBe(404);
    // The proof itself (DNS TXT or mailed link) is domains.spec.ts's subject; here it is taken as given.
    await pg.query(`UPDATE sso_domain_claim SET verified_at = now(), verified_by = 'dns' WHERE domain = 'acme.test'`);
    expect((await c.get('/api/sso/discover?email=jane@ACME.test')).json).toEqual({ orgSlug: slugA, orgName: 'Acme SSO', loginUrl: `/api/sso/${slugA}/login` });
    expect((await c.get(`/api/sso/discover?slug=${slugA}`)).json.orgSlug).toBe(slugA);
    expect((await c.get('/api/sso/discover?email=jane@elsewhere.test')).status).toBe(404);
    expect((await c.get('/api/sso/discover?email=not-an-email')).status).toBe(400);
  });

  it('signs a new HR user in through the full redirect-and-POST flow, provisioning them with the mapped role', async () => {
    const request = await startLogin(slugA, '/employees?status=invited');
    expect(request.destination).toBe(idpA.ssoUrl);
    expect(request.acsUrl).toBe(sp(slugA).acsUrl);
    expect(request.issuer).toBe(sp(slugA).audience);
    expect(request.relayState).toBe('/employees?status=invited');

    const SAMLResponse = idpA.response({ ...sp(slugA), inResponseTo: request.id, nameId: 'okta|00u-hr-1', attributes: { email: ['Hanna.HR@acme.test'], displayName: ['Hanna Hr'], groups: ['Everyone', 'HR'] } });
    const res = await postForm(sp(slugA).acsUrl, { SAMLResponse, RelayState: request.relayState! });
    expect(res.status).toBe(302);
    expect(res.location).toBe('/employees?status=invited');
    const cookie = res.setCookies.find((s) => s.startsWith('tf_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);

    const session = await sessionOf(res.session!);
    expect(session.status).toBe(200);
    expect(session.json).toMatchObject({ user: { email: 'hanna.hr@acme.test', displayName: 'Hanna Hr', role: 'hr_admin' }, org: { slug: slugA } });

    // The second sign-in finds the same user by (org, NameID): no duplicate.
    const again = await signInVia(idpA, { nameId: 'okta|00u-hr-1', attributes: { email: ['hanna.hr@acme.test'], groups: ['HR'] } });
    expect(again.status).toBe(302);
    expect((await sessionOf(again.session!)).json.user.id).toBe(session.json.user.id);
    const { rows } = await pg.query(`SELECT count(*)::int AS n FROM app_user WHERE sso_subject = 'okta|00u-hr-1'`);
    expect(rows[0].n).toBe(1);
    const audit = await pg.query(`SELECT action FROM audit_event WHERE actor_user_id = $1`, [session.json.user.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['user.provisioned_sso', 'auth.login']));

    // An HR admin is not an owner: the SSO settings are closed to them.
    const hr = new HttpClient(base);
    hr.cookies.set('tf_session', res.session!);
    expect((await hr.get('/api/sso/config')).status).toBe(403);
  });

  it('maps the Marketing group to the marketing role', async () => {
    const res = await signInVia(idpA, { nameId: 'okta|00u-mk-1', attributes: { email: ['max@acme.test'], groups: ['Marketing'] } });
    expect(res.status).toBe(302);
    expect((await sessionOf(res.session!)).json.user.role).toBe('marketing');
  });

  it('refuses a user no mapping rule matches with "ask your administrator", and creates nobody', async () => {
    const res = await signInVia(idpA, { nameId: 'okta|00u-nobody', attributes: { email: ['nobody@acme.test'], groups: ['Sales'] } });
    expect(res.status).toBe(403);
    expect(res.json.error.message).toMatch(/ask your administrator/i);
    expect(res.session).toBeNull();
    const { rows } = await pg.query(`SELECT count(*)::int AS n FROM app_user WHERE sso_subject = 'okta|00u-nobody' OR email = 'nobody@acme.test'`);
    expect(rows[0].n).toBe(0);

    // A browser gets a page, not JSON.
    const request = await startLogin();
    const page = await postForm(sp(slugA).acsUrl, { SAMLResponse: idpA.response({ ...sp(slugA), inResponseTo: request.id, nameId: 'okta|00u-nobody-2', attributes: { groups: ['Sales'] } }) }, 'text/html,application/xhtml+xml');
    expect(page.status).toBe(403);
    expect(page.text).toContain('<h1>Ask your administrator</h1>');
  });

  it('accepts a response signed as a whole instead of per assertion', async () => {
    const res = await signInVia(idpA, { nameId: 'okta|00u-hr-1', sign: 'response' });
    expect(res.status).toBe(302);
    expect(res.session).not.toBeNull();
  });

  it('accepts either certificate while two are configured (rotation)', async () => {
    idpA.useKey(1);
    const second = await signInVia(idpA, { nameId: 'okta|00u-hr-1' });
    idpA.useKey(0);
    const first = await signInVia(idpA, { nameId: 'okta|00u-hr-1' });
    expect([first.status, second.status]).toEqual([302, 302]);
  });

  describe('encrypted assertions and signed AuthnRequests', () => {
    it('publishes one SP certificate for signing and encryption, shown on the settings with its fingerprint', async () => {
      const meta = await spMetadata();
      expect(meta.xml).toMatch(/AuthnRequestsSigned="true"/);
      expect(meta.encryption).not.toBeNull();
      expect(meta.signing).toBe(meta.encryption);
      const cert = new X509Certificate(meta.encryption!);
      expect(cert.subject).toContain(slugA);
      expect(Date.parse(cert.validTo)).toBeGreaterThan(Date.now() + 5 * 365 * 86_400_000);
      const settings = await owner.get('/api/sso/config');
      expect(settings.json.signRequests).toBe(true);
      expect(settings.json.sp.certificate).toEqual({ fingerprint: cert.fingerprint256, subject: cert.subject, notAfter: new Date(cert.validTo).toISOString() });
      // The same key on every later call: it is stored, not made per request.
      expect((await spMetadata()).encryption).toBe(meta.encryption);
    });

    it('signs the AuthnRequest redirect with rsa-sha256, verifiable with the metadata certificate', async () => {
      const { signing } = await spMetadata();
      const res = await new HttpClient(base).get(`/api/sso/${slugA}/login?relayState=${encodeURIComponent('/employees')}`);
      const location = res.headers.get('location')!;
      expect(TestIdp.redirectSignature(location, signing!)).toEqual({ sigAlg: RSA_SHA256, valid: true });
      // The check can fail: another key, or a changed RelayState, does not verify.
      expect(TestIdp.redirectSignature(location, forger.cert).valid).toBe(false);
      expect(TestIdp.redirectSignature(location.replace('RelayState=%2Femployees', 'RelayState=%2Fheadshots'), signing!).valid).toBe(false);
    });

    it('accepts an assertion encrypted to our certificate and signs the user in', async () => {
      const { encryption } = await spMetadata();
      const res = await signInVia(idpA, { nameId: 'okta|00u-enc-1', encryptTo: encryption!, attributes: { email: ['erin@acme.test'], groups: ['HR'] } }, slugA, '/employees');
      expect(res.status).toBe(302);
      expect(res.location).toBe('/employees');
      expect((await sessionOf(res.session!)).json.user).toMatchObject({ email: 'erin@acme.test', role: 'hr_admin' });
      // Entra ID style: the response is signed over the encrypted assertion, the assertion is not.
      const signedResponse = await signInVia(idpA, { nameId: 'okta|00u-enc-1', encryptTo: encryption!, sign: 'response' });
      expect(signedResponse.status).toBe(302);
    });

    it('keeps every check on the decrypted assertion (audience, Recipient, Issuer, replay)', async () => {
      const { encryption } = await spMetadata();
      expectRefused(await signInVia(idpA, { nameId: 'okta|00u-enc-1', encryptTo: encryption!, audience: 'https://other-sp.example/metadata' }));
      expect(await lastRefusal()).toMatch(/audience/i);
      expectRefused(await signInVia(idpA, { nameId: 'okta|00u-enc-1', encryptTo: encryption!, recipient: 'https://other-sp.example/acs', destination: null }));
      expect(await lastRefusal()).toMatch(/Recipient/);
      expectRefused(await signInVia(idpA, { nameId: 'okta|00u-enc-1', encryptTo: encryption!, issuer: 'https://idp.someone-else.test' }));
      expect(await lastRefusal()).toMatch(/Issuer/);
      const request = await startLogin();
      const SAMLResponse = idpA.response({ ...sp(slugA), inResponseTo: request.id, nameId: 'okta|00u-enc-1', encryptTo: encryption! });
      expect((await postForm(sp(slugA).acsUrl, { SAMLResponse })).status).toBe(302);
      expectRefused(await postForm(sp(slugA).acsUrl, { SAMLResponse }));
    });

    it('refuses an assertion encrypted to another key, with the usual page and no stack trace', async () => {
      const request = await startLogin();
      const SAMLResponse = idpA.response({ ...sp(slugA), inResponseTo: request.id, nameId: 'okta|00u-enc-1', encryptTo: forger.cert });
      const page = await postForm(sp(slugA).acsUrl, { SAMLResponse }, 'text/html,application/xhtml+xml');
      expect(page.status).toBe(401);
      expect(page.text).toContain('<h1>Sign-in did not work</h1>');
      expect(page.text).not.toMatch(/decrypt|Error|at \S+ \(/);
      expect(await lastRefusal()).toMatch(/could not be decrypted/);
      expect(api.output()).not.toMatch(/oaep|RSA_|\n\s+at /);
    });

    it('refuses two assertions when one of them is encrypted', async () => {
      const { encryption } = await spMetadata();
      expectRefused(await signInVia(idpA, { nameId: 'okta|00u-enc-1', encryptTo: encryption!, extraAssertion: true }));
      expect(await lastRefusal()).toMatch(/2 assertions/);
      expectRefused(await signInVia(idpA, { nameId: 'okta|00u-enc-1', encryptTo: encryption!, extraAssertion: true, sign: 'both' }));
      expect(await lastRefusal()).toMatch(/2 assertions/);
    });

    it('refuses an encrypted assertion that nobody signed', async () => {
      const { encryption } = await spMetadata();
      expectRefused(await signInVia(idpA, { nameId: 'okta|00u-enc-1', encryptTo: encryption!, sign: 'none' }));
      expect(await lastRefusal()).toMatch(/signature/i);
      expectRefused(await signInVia(idpA, { nameId: 'okta|00u-enc-1', encryptTo: encryption!, signingKey: forger }));
    });

    it('stops signing requests when the owner turns it off, and says so in the metadata', async () => {
      const off = await owner.request('PUT', '/api/sso/config', { signRequests: false });
      expect(off.status).toBe(200);
      expect(off.json.signRequests).toBe(false);
      const location = (await new HttpClient(base).get(`/api/sso/${slugA}/login`)).headers.get('location')!;
      expect(new URL(location).searchParams.has('Signature')).toBe(false);
      expect(new URL(location).searchParams.has('SigAlg')).toBe(false);
      const meta = await spMetadata();
      expect(meta.xml).toMatch(/AuthnRequestsSigned="false"/);
      expect(meta.signing).toBeNull();
      // Encryption does not depend on the switch.
      expect(meta.encryption).not.toBeNull();
      const { rows } = await pg.query(`SELECT details FROM audit_event WHERE action = 'sso.config_updated' ORDER BY at DESC LIMIT 1`);
      expect(rows[0].details).toMatchObject({ fields: ['signRequests'], signRequests: false });
      expect((await owner.request('PUT', '/api/sso/config', { signRequests: true })).json.signRequests).toBe(true);
      expect(TestIdp.redirectSignature((await new HttpClient(base).get(`/api/sso/${slugA}/login`)).headers.get('location')!, meta.encryption!).valid).toBe(true);
      expect((await owner.request('PUT', '/api/sso/config', { signRequests: 'yes' })).status).toBe(400);
    });

    it('stores the private key only sealed, and never returns it', async () => {
      const stored = await storedSpKey(slugA);
      expect(stored.format).toBe('v1');
      expect(new X509Certificate(stored.certificate).checkPrivateKey(createPrivateKey(stored.privateKeyPem))).toBe(true);
      // Any line of the key's base64 would give it away; none is in the row or in a response.
      const keyLines = stored.privateKeyPem.split('\n').filter((l) => l.length === 64);
      expect(keyLines.length).toBeGreaterThan(20);
      const leaks = (text: string) => text.includes('PRIVATE KEY') || keyLines.some((l) => text.includes(l));
      expect(leaks(stored.rowText)).toBe(false);
      const texts = [
        (await spMetadata()).xml,
        (await owner.get('/api/sso/config')).text,
        (await owner.request('PUT', '/api/sso/config', { clockSkewSec: 30 })).text,
        (await fetch(`${base}/api/sso/${slugA}/login`, { redirect: 'manual' })).headers.get('location') ?? '',
      ];
      expect(texts.every((t) => t.length > 0)).toBe(true);
      expect(texts.filter(leaks)).toEqual([]);
      const audit = await pg.query(`SELECT coalesce(string_agg(details::text, ' '), '') AS t FROM audit_event`);
      expect(leaks(audit.rows[0].t)).toBe(false);
      expect(leaks(api.output())).toBe(false);
    });
  });

  describe('refuses with 401 and no session', () => {
    it('an unsigned response', async () => {
      expectRefused(await signInVia(idpA, { nameId: 'okta|00u-hr-1', sign: 'none' }));
      expect(await lastRefusal()).toMatch(/signature/i);
    });

    it('a response whose assertion is signed by another key', async () => {
      expectRefused(await signInVia(idpA, { nameId: 'okta|00u-hr-1', signingKey: forger }));
      expect(await lastRefusal()).toMatch(/signature/i);
    });

    it('a response signed as a whole by another key', async () => {
      expectRefused(await signInVia(idpA, { nameId: 'okta|00u-hr-1', sign: 'response', signingKey: forger }));
    });

    it('a response with two assertions', async () => {
      expectRefused(await signInVia(idpA, { nameId: 'okta|00u-hr-1', extraAssertion: true }));
      expect(await lastRefusal()).toMatch(/2 assertions/);
      expectRefused(await signInVia(idpA, { nameId: 'okta|00u-hr-1', extraAssertion: true, sign: 'both' }));
    });

    it('an assertion for another audience', async () => {
      expectRefused(await signInVia(idpA, { nameId: 'okta|00u-hr-1', audience: 'https://other-sp.example/metadata' }));
      expect(await lastRefusal()).toMatch(/audience/i);
    });

    it('a response whose Destination is not our ACS', async () => {
      expectRefused(await signInVia(idpA, { nameId: 'okta|00u-hr-1', destination: 'https://other-sp.example/acs' }));
      expect(await lastRefusal()).toMatch(/Destination/);
    });

    it('an assertion whose Recipient is not our ACS', async () => {
      expectRefused(await signInVia(idpA, { nameId: 'okta|00u-hr-1', recipient: 'https://other-sp.example/acs', destination: null }));
      expect(await lastRefusal()).toMatch(/Recipient/);
    });

    it('an assertion from another IdP entity ID, even when signed with a trusted key', async () => {
      expectRefused(await signInVia(idpA, { nameId: 'okta|00u-hr-1', issuer: 'https://idp.someone-else.test' }));
      expect(await lastRefusal()).toMatch(/Issuer/);
    });

    it('an expired assertion beyond the configured clock skew, while one within it passes', async () => {
      expectRefused(await signInVia(idpA, { nameId: 'okta|00u-hr-1', validForMs: -45_000, issuedAgoMs: 120_000 }));
      expect(await lastRefusal()).toMatch(/expired|no valid subject confirmation/i);
      // clockSkewSec is 30: an assertion that ran out 10 seconds ago is still within it.
      expect((await signInVia(idpA, { nameId: 'okta|00u-hr-1', validForMs: -10_000, issuedAgoMs: 120_000 })).status).toBe(302);
    });

    it('a replayed response (the same assertion twice)', async () => {
      const request = await startLogin();
      const SAMLResponse = idpA.response({ ...sp(slugA), inResponseTo: request.id, nameId: 'okta|00u-hr-1' });
      expect((await postForm(sp(slugA).acsUrl, { SAMLResponse })).status).toBe(302);
      expectRefused(await postForm(sp(slugA).acsUrl, { SAMLResponse }));
    });

    it('an unsolicited response (no InResponseTo, or one we never sent) while IdP-initiated sign-in is off', async () => {
      expectRefused(await postForm(sp(slugA).acsUrl, { SAMLResponse: idpA.response({ ...sp(slugA), nameId: 'okta|00u-hr-1' }) }));
      expect(await lastRefusal()).toMatch(/InResponseTo/);
      expectRefused(await postForm(sp(slugA).acsUrl, { SAMLResponse: idpA.response({ ...sp(slugA), nameId: 'okta|00u-hr-1', inResponseTo: '_never-sent' }) }));
      expect(await lastRefusal()).toMatch(/InResponseTo/);
    });

    it('a response without a SAMLResponse field or with garbage in it', async () => {
      expectRefused(await postForm(sp(slugA).acsUrl, {}));
      expectRefused(await postForm(sp(slugA).acsUrl, { SAMLResponse: Buffer.from('<nope').toString('base64') }));
    });
  });

  it('redirects only inside the app after sign-in', async () => {
    for (const relayState of ['//evil.example', 'https://evil.example', '/\\evil.example']) {
      const res = await signInVia(idpA, { nameId: 'okta|00u-hr-1' }, slugA, relayState);
      expect(res.status).toBe(302);
      expect(res.location).toBe('/');
    }
  });

  describe('with a second org', () => {
    beforeAll(async () => {
      const { rows } = await pg.query(`INSERT INTO org (name, slug) VALUES ('Globex', $1) RETURNING id`, [slugB]);
      await pg.query(`INSERT INTO app_user (org_id, email, display_name, role, password_hash) VALUES ($1, $2, 'Globex Owner', 'owner', $3)`, [rows[0].id, OWNER_B.email, await hashPassword(OWNER_B.password)]);
      const ownerB = new HttpClient(base);
      expect((await ownerB.signIn(OWNER_B.email, OWNER_B.password)).status).toBe(200);
      const res = await ownerB.request('PUT', '/api/sso/config', { metadataXml: idpB.metadataXml(), roleMapping: ROLE_MAPPING });
      expect(res.status).toBe(200);
      // A domain verified by one org cannot be claimed by another.
      const clash = await ownerB.request('PUT', '/api/sso/config', { emailDomains: ['acme.test'] });
      expect(clash.status).toBe(400);
      expect(clash.json.error.details[0].path).toBe('emailDomains');
    });

    it("refuses org A's IdP at org B's ACS, even with org B's audience, recipient and request ID", async () => {
      const res = await signInVia(idpA, { nameId: 'okta|00u-hr-1', ...sp(slugB), attributes: { groups: ['HR'] } }, slugB);
      expectRefused(res);
      // The same NameID from org B's own IdP is a different person in org B.
      const own = await signInVia(idpB, { nameId: 'okta|00u-hr-1', attributes: { email: ['hanna.hr@acme.test'], groups: ['HR'] } }, slugB);
      expect(own.status).toBe(302);
      const session = await sessionOf(own.session!);
      expect(session.json.org.slug).toBe(slugB);
      const { rows } = await pg.query(`SELECT count(DISTINCT org_id)::int AS n FROM app_user WHERE sso_subject = 'okta|00u-hr-1'`);
      expect(rows[0].n).toBe(2);
    });

    it("has an SP key of its own: org A's certificate opens nothing at org B", async () => {
      const a = await spMetadata(slugA);
      const b = await spMetadata(slugB);
      expect(b.encryption).not.toBeNull();
      expect(b.encryption).not.toBe(a.encryption);
      expect((await storedSpKey(slugB)).privateKeyPem).not.toBe((await storedSpKey(slugA)).privateKeyPem);
      expectRefused(await signInVia(idpB, { nameId: 'okta|00u-hr-1', encryptTo: a.encryption! }, slugB));
      expect(await lastRefusal()).toMatch(/could not be decrypted/);
      expect((await signInVia(idpB, { nameId: 'okta|00u-hr-1', encryptTo: b.encryption! }, slugB)).status).toBe(302);
    });

    it('signs nobody of a suspended org in through its IdP, and ends their sessions', async () => {
      const before = await signInVia(idpB, { nameId: 'okta|00u-hr-1' }, slugB);
      expect(before.status).toBe(302);
      await pg.query(`UPDATE org SET suspended_at = now() WHERE slug = $1`, [slugB]);
      try {
        expect((await sessionOf(before.session!)).status).toBe(401);
        const refused = await signInVia(idpB, { nameId: 'okta|00u-hr-1' }, slugB);
        expect(refused.status).toBe(403);
        expect(refused.json.error.code).toBe('ORG_SUSPENDED');
        expect(refused.session).toBeNull();
        // Org A is not affected.
        expect((await signInVia(idpA, { nameId: 'okta|00u-hr-1' })).status).toBe(302);
      } finally {
        await pg.query(`UPDATE org SET suspended_at = NULL WHERE slug = $1`, [slugB]);
      }
      expect((await signInVia(idpB, { nameId: 'okta|00u-hr-1' }, slugB)).status).toBe(302);
    });

    it("refuses a request ID from org A's login at org B's ACS", async () => {
      const requestA = await startLogin(slugA);
      const SAMLResponse = idpB.response({ ...sp(slugB), inResponseTo: requestA.id, nameId: 'okta|00u-hr-1' });
      expectRefused(await postForm(sp(slugB).acsUrl, { SAMLResponse }));
    });
  });

  describe('across API processes sharing Redis', () => {
    let api2: RunningApi;
    beforeAll(async () => {
      api2 = await startApi({ DATABASE_URL: db.url, PUBLIC_URL: base, QUEUE_PREFIX: prefix, TEAMFRAME_SECRET: SECRET });
    });
    afterAll(async () => {
      await api2?.stop();
    });

    it('accepts the IdP answer at another process than the one that sent the request', async () => {
      const request = await startLogin();
      const SAMLResponse = idpA.response({ ...sp(slugA), inResponseTo: request.id, nameId: 'okta|00u-hr-1' });
      const res = await postForm(`${api2.baseUrl}/api/sso/${slugA}/acs`, { SAMLResponse });
      expect(res.status).toBe(302);
      expect(res.session).not.toBeNull();
    });

    it('refuses an IdP-initiated response replayed to another process', async () => {
      expect((await owner.request('PUT', '/api/sso/config', { allowIdpInitiated: true })).json.allowIdpInitiated).toBe(true);
      const SAMLResponse = idpA.response({ ...sp(slugA), nameId: 'okta|00u-hr-1' });
      const first = await postForm(sp(slugA).acsUrl, { SAMLResponse, RelayState: '/headshots' });
      expect(first.status).toBe(302);
      expect(first.location).toBe('/headshots');
      expectRefused(await postForm(`${api2.baseUrl}/api/sso/${slugA}/acs`, { SAMLResponse }));
      expect(await lastRefusal()).toMatch(/replay/);
      // IdP-initiated on does not lift InResponseTo checks when one is given.
      expectRefused(await postForm(sp(slugA).acsUrl, { SAMLResponse: idpA.response({ ...sp(slugA), nameId: 'okta|00u-hr-1', inResponseTo: '_never-sent' }) }));
      await owner.request('PUT', '/api/sso/config', { allowIdpInitiated: false });
    });
  });

  it('links the owner through "Test sign-in", then lets them turn password sign-in off for the org', async () => {
    // Signed in with the password, the owner starts SSO: the identity that comes back is linked to them.
    const request = await startLogin(slugA, '/settings/sso', owner);
    const SAMLResponse = idpA.response({ ...sp(slugA), inResponseTo: request.id, nameId: 'okta|00u-owner', attributes: { email: [OWNER.email] } });
    const linked = await postForm(sp(slugA).acsUrl, { SAMLResponse, RelayState: request.relayState! });
    expect(linked.status).toBe(302);
    expect((await sessionOf(linked.session!)).json.user).toMatchObject({ email: OWNER.email, role: 'owner' });

    const off = await owner.request('PUT', '/api/sso/config', { passwordLoginDisabled: true });
    expect(off.status).toBe(200);
    expect(off.json.passwordLoginDisabled).toBe(true);
    const refused = await new HttpClient(base).signIn(OWNER.email, OWNER.password);
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toMatch(/single sign-on/);
    // Org B still signs in with passwords.
    expect((await new HttpClient(base).signIn(OWNER_B.email, OWNER_B.password)).status).toBe(200);
    // And the owner still gets in through SSO.
    expect((await signInVia(idpA, { nameId: 'okta|00u-owner' })).status).toBe(302);
  });

  it('refuses an SSO user whose email belongs to an unlinked account, instead of merging by email', async () => {
    const res = await signInVia(idpA, { nameId: 'okta|00u-impostor', attributes: { email: [OWNER.email], groups: ['HR'] } });
    expect(res.status).toBe(403);
    expect(res.session).toBeNull();
    expect(res.json.error.message).toMatch(/not linked/);
  });
});
