import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { createOrgWithUser, sql } from './support/orgs';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, type TestDatabase } from './support/test-env';

const OWNER = { email: 'owner@scim.test', password: 'scim owner passphrase' };
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

interface ScimAnswer {
  status: number;
  type: string | null;
  location: string | null;
  json: any;
}

/** A SCIM client as Okta and Entra ID are: bearer token, application/scim+json, no cookies. */
function scimClient(api: RunningApi, token: () => string) {
  return async (method: string, path: string, body?: unknown, raw?: string): Promise<ScimAnswer> => {
    const res = await fetch(`${api.baseUrl}/scim/v2${path}`, {
      method,
      headers: { authorization: `Bearer ${token()}`, accept: 'application/scim+json', ...(body !== undefined || raw ? { 'content-type': 'application/scim+json; charset=utf-8' } : {}) },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type'), location: res.headers.get('location'), json: text ? JSON.parse(text) : undefined };
  };
}

const q = (filter: string) => `filter=${encodeURIComponent(filter)}`;

describe('SCIM 2.0 provisioning at /scim/v2', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let smtp: TestSmtp;
  let owner: HttpClient;
  let token = '';
  const issuedTokens: string[] = [];
  let scim: ReturnType<typeof scimClient>;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    api = await startApi({ DATABASE_URL: db.url, SMTP_URL: smtp.url, TEAMFRAME_ADMIN_EMAIL: OWNER.email, TEAMFRAME_ADMIN_PASSWORD: OWNER.password, LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '100000' });
    owner = new HttpClient(api.baseUrl);
    await owner.signIn(OWNER.email, OWNER.password);
    expect((await owner.request('PUT', '/api/invites/settings', { autoInvite: true, allowedDomains: [] })).status).toBe(200);
    const created = await owner.post('/api/scim-settings/token');
    expect(created.status).toBe(201);
    token = created.json.secret;
    issuedTokens.push(token);
    scim = scimClient(api, () => token);
  });
  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  describe('the Microsoft Entra ID sequence (Microsoft Learn: "Develop and plan provisioning for a SCIM endpoint")', () => {
    let userId = '';
    let groupId = '';
    const userName = `Test_User_${randomUUID()}@testuser.com`;
    const externalId = randomUUID();

    it('answers the "Test connection" probe for a random userName with 200 and an empty list', async () => {
      const res = await scim('GET', `/Users?${q(`userName eq "${randomUUID()}"`)}`);
      expect(res.status).toBe(200);
      expect(res.type).toMatch(/^application\/scim\+json/);
      expect(res.json).toEqual({ schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
    });

    it('creates a user with the core and enterprise schemas', async () => {
      const res = await scim('POST', '/Users', {
        schemas: [USER, ENTERPRISE],
        externalId,
        userName,
        active: true,
        emails: [{ primary: true, type: 'work', value: userName }],
        meta: { resourceType: 'User' },
        name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
        roles: [],
        [ENTERPRISE]: { department: 'Research', manager: { value: randomUUID() } },
      });
      expect(res.status).toBe(201);
      expect(res.type).toMatch(/^application\/scim\+json/);
      userId = res.json.id;
      expect(res.location).toBe(`${api.baseUrl}/scim/v2/Users/${userId}`);
      expect(res.json).toMatchObject({
        schemas: expect.arrayContaining([USER]),
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        externalId,
        userName,
        active: true,
        name: { givenName: 'givenName', familyName: 'familyName' },
        emails: [{ value: userName.toLowerCase(), type: 'work', primary: true }],
        [ENTERPRISE]: { department: 'Research' },
        meta: { resourceType: 'User', location: res.location, created: expect.any(String), lastModified: expect.any(String) },
      });
    });

    it('finds the user by id, by userName (any letter case) and by externalId', async () => {
      expect((await scim('GET', `/Users/${userId}`)).json.userName).toBe(userName);
      const byName = await scim('GET', `/Users?${q(`userName eq "${userName.toUpperCase()}"`)}`);
      expect(byName.json).toMatchObject({ totalResults: 1, itemsPerPage: 1, Resources: [{ id: userId }] });
      const byExternal = await scim('GET', `/Users?${q(`externalId eq "${externalId}"`)}`);
      expect(byExternal.json.Resources.map((r: { id: string }) => r.id)).toEqual([userId]);
      const both = await scim('GET', `/Users?${q(`userName eq "${userName}" and externalId eq "${externalId}"`)}`);
      expect(both.json.Resources.map((r: { id: string }) => r.id)).toEqual([userId]);
      expect((await scim('GET', `/Users?${q(`userName eq "${userName}" and externalId eq "${randomUUID()}"`)}`)).json.totalResults).toBe(0);
      const byWorkMail = await scim('GET', `/Users?${q(`emails[type eq "work"].value eq "${userName}"`)}`);
      expect(byWorkMail.json.totalResults).toBe(1);
    });

    it('updates multi-valued and single-valued attributes with "Replace"', async () => {
      const multi = await scim('PATCH', `/Users/${userId}`, {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
          { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
        ],
      });
      expect(multi.status).toBe(200);
      expect(multi.json.emails[0].value).toBe('updatedemail@microsoft.com');
      expect(multi.json.name.familyName).toBe('updatedFamilyName');
      const newName = `${randomUUID()}@testuser.com`;
      const single = await scim('PATCH', `/Users/${userId}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'userName', value: newName }] });
      expect(single.json.userName).toBe(newName);
      const employee = (await owner.get(`/api/employees/${userId}`)).json;
      expect(employee).toMatchObject({ email: 'updatedemail@microsoft.com', lastName: 'updatedFamilyName', department: 'Research' });
    });

    it('disables with {"op":"Replace","path":"active","value":"False"} and enables with "True"', async () => {
      const off = await scim('PATCH', `/Users/${userId}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
      expect(off.status).toBe(200);
      expect(off.json.active).toBe(false);
      expect((await scim('GET', `/Users/${userId}`)).json.active).toBe(false);
      expect((await owner.get(`/api/employees/${userId}`)).json.deactivated).toBe(true);
      const on = await scim('PATCH', `/Users/${userId}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] });
      expect(on.json.active).toBe(true);
      expect((await owner.get(`/api/employees/${userId}`)).json.deactivated).toBe(false);
    });

    it('adds a manager and other attributes it does not keep without failing', async () => {
      const res = await scim('PATCH', `/Users/${userId}`, {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Add', path: `${ENTERPRISE}:manager`, value: randomUUID() },
          { op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '+1 555 0100' },
          { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Labs' },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.json[ENTERPRISE].department).toBe('Labs');
    });

    it('creates a group, reads it without members, finds it by displayName, renames it and changes members', async () => {
      const created = await scim('POST', '/Groups', { schemas: [GROUP, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/Group'], externalId: randomUUID(), displayName: 'Engineering', meta: { resourceType: 'Group' } });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ schemas: [GROUP], displayName: 'Engineering', members: [], meta: { resourceType: 'Group' } });
      groupId = created.json.id;
      const slim = await scim('GET', `/Groups/${groupId}?excludedAttributes=members`);
      expect(slim.json.members).toBeUndefined();
      const found = await scim('GET', `/Groups?excludedAttributes=members&${q('displayName eq "Engineering"')}`);
      expect(found.json.Resources.map((g: { id: string }) => g.id)).toEqual([groupId]);

      expect((await scim('PATCH', `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'displayName', value: 'Platform Engineering' }] })).status).toBe(204);
      const add = await scim('PATCH', `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: userId }] }] });
      expect(add.status).toBe(204);
      expect((await scim('GET', `/Groups/${groupId}`)).json.members.map((m: { value: string }) => m.value)).toEqual([userId]);
      expect((await owner.get(`/api/employees/${userId}`)).json.department).toBe('Platform Engineering');

      const remove = await scim('PATCH', `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: userId }] }] });
      expect(remove.status).toBe(204);
      expect((await scim('GET', `/Groups/${groupId}`)).json.members).toEqual([]);
      expect((await owner.get(`/api/employees/${userId}`)).json.department).toBe('');
    });

    it('deletes the group, then the user: the user is deactivated, not erased, and answers 404 over SCIM', async () => {
      expect((await scim('DELETE', `/Groups/${groupId}`)).status).toBe(204);
      expect((await scim('GET', `/Groups/${groupId}`)).status).toBe(404);
      const del = await scim('DELETE', `/Users/${userId}`);
      expect(del.status).toBe(204);
      const gone = await scim('GET', `/Users/${userId}`);
      expect(gone.status).toBe(404);
      expect(gone.json).toMatchObject({ schemas: [ERROR], status: '404' });
      const kept = await owner.get(`/api/employees/${userId}`);
      expect(kept.status).toBe(200);
      expect(kept.json.deactivated).toBe(true);
    });
  });

  describe('the Okta sequence (Okta developer docs: "SCIM 2.0 protocol reference")', () => {
    let userId = '';
    let groupId = '';
    const password = `okta-password-${randomUUID()}`;

    it('tests the connector with startIndex=1&count=2 and looks the user up before creating them', async () => {
      const probe = await scim('GET', '/Users?startIndex=1&count=2');
      expect(probe.status).toBe(200);
      expect(probe.json).toMatchObject({ schemas: [LIST], startIndex: 1 });
      expect(probe.json.Resources.length).toBeLessThanOrEqual(2);
      const lookup = await scim('GET', `/Users?${q('userName eq "test.user@okta.local"')}&startIndex=1&count=100`);
      expect(lookup.json).toMatchObject({ totalResults: 0, Resources: [] });
    });

    it('creates the user (password ignored), who is invited and joins the onboarding campaign', async () => {
      const res = await scim('POST', '/Users', {
        schemas: [USER],
        userName: 'test.user@okta.local',
        name: { givenName: 'Test', familyName: 'User' },
        emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
        displayName: 'Test User',
        locale: 'en-US',
        externalId: '00ujl29u0le5T6Aj10h7',
        groups: [],
        password,
        active: true,
      });
      expect(res.status).toBe(201);
      userId = res.json.id;
      expect(res.json).toMatchObject({ userName: 'test.user@okta.local', active: true, externalId: '00ujl29u0le5T6Aj10h7' });
      expect(JSON.stringify(res.json)).not.toContain(password);
      await smtp.waitFor('test.user@okta.local');
      expect((await owner.get(`/api/employees/${userId}`)).json.status).toBe('invited');
      const onboarding = (await owner.get('/api/campaigns')).json.find((c: { kind: string }) => c.kind === 'onboarding');
      expect(onboarding.counts.members).toBeGreaterThanOrEqual(1);
      const members = (await owner.get(`/api/campaigns/${onboarding.id}/members`)).text;
      expect(members).toContain('test.user@okta.local');
    });

    it('replaces the user with PUT', async () => {
      const res = await scim('PUT', `/Users/${userId}`, {
        schemas: [USER],
        id: userId,
        userName: 'test.user@okta.local',
        name: { givenName: 'Another', familyName: 'User' },
        emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
        title: 'Engineer',
        displayName: 'Another User',
        active: true,
        externalId: '00ujl29u0le5T6Aj10h7',
      });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ name: { givenName: 'Another' }, title: 'Engineer' });
    });

    it('deactivates with {"op":"replace","value":{"active":false}} (no path) and reactivates', async () => {
      const off = await scim('PATCH', `/Users/${userId}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] });
      expect(off.status).toBe(200);
      expect(off.json.active).toBe(false);
      const filtered = await scim('GET', `/Users?${q('userName eq "test.user@okta.local"')}`);
      expect(filtered.json.Resources[0].active).toBe(false);
      const on = await scim('PATCH', `/Users/${userId}`, { schemas: [PATCH_OP], Operations: [{ op: 'REPLACE', value: { active: true } }] });
      expect(on.json.active).toBe(true);
      const pw = await scim('PATCH', `/Users/${userId}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { password: 'a-new-okta-password' } }] });
      expect(pw.status).toBe(200);
    });

    it('pushes a group with members, renames it, adds and removes members', async () => {
      const created = await scim('POST', '/Groups', { schemas: [GROUP], displayName: 'Test SCIMv2', members: [{ value: userId, display: 'test.user@okta.local' }] });
      expect(created.status).toBe(201);
      groupId = created.json.id;
      expect(created.json.members.map((m: { value: string }) => m.value)).toEqual([userId]);
      const renamed = await scim('PATCH', `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { id: groupId, displayName: 'Sales' } }] });
      expect(renamed.status).toBe(204);
      expect((await owner.get(`/api/employees/${userId}`)).json.department).toBe('Sales');
      const removed = await scim('PATCH', `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${userId}"]` }] });
      expect(removed.status).toBe(204);
      expect((await scim('GET', `/Groups/${groupId}`)).json.members).toEqual([]);
      const added = await scim('PATCH', `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: userId, display: 'test.user@okta.local' }] }] });
      expect(added.status).toBe(204);
      expect((await owner.get(`/api/employees/${userId}`)).json.department).toBe('Sales');
    });

    it('kept the password nowhere', async () => {
      const dump = JSON.stringify(await sql(db.url, `SELECT e.*, s.* FROM employee e LEFT JOIN scim_user s ON s.employee_id = e.id`)) + JSON.stringify(await sql(db.url, 'SELECT * FROM audit_event'));
      expect(dump).not.toContain(password);
      expect(api.output()).not.toContain(password);
    });
  });

  describe('RFC 7643 / 7644 shapes', () => {
    it('publishes ServiceProviderConfig, ResourceTypes and Schemas', async () => {
      const spc = await scim('GET', '/ServiceProviderConfig');
      expect(spc.type).toMatch(/^application\/scim\+json/);
      expect(spc.json).toMatchObject({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        patch: { supported: true },
        bulk: { supported: false },
        filter: { supported: true, maxResults: expect.any(Number) },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: false },
        authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
      });
      const types = await scim('GET', '/ResourceTypes');
      expect(types.json.Resources.map((r: { id: string; endpoint: string; schema: string }) => [r.id, r.endpoint, r.schema])).toEqual([
        ['User', '/Users', USER],
        ['Group', '/Groups', GROUP],
      ]);
      expect((await scim('GET', '/ResourceTypes/User')).json.schemaExtensions).toEqual([{ schema: ENTERPRISE, required: false }]);
      const schemas = await scim('GET', '/Schemas');
      expect(schemas.json.Resources.map((s: { id: string }) => s.id).sort()).toEqual([ENTERPRISE, GROUP, USER].sort());
      const user = (await scim('GET', `/Schemas/${USER}`)).json;
      expect(user.attributes.find((a: { name: string }) => a.name === 'userName')).toMatchObject({ type: 'string', required: true, uniqueness: 'server' });
    });

    it('pages with startIndex (1-based) and count', async () => {
      for (let i = 0; i < 5; i++) {
        expect((await scim('POST', '/Users', { schemas: [USER], userName: `page${i}@paging.test`, name: { givenName: 'Page', familyName: `N${i}` } })).status).toBe(201);
      }
      const all = await scim('GET', '/Users?count=200');
      const total = all.json.totalResults;
      expect(total).toBe(all.json.Resources.length);
      const page = await scim('GET', '/Users?startIndex=2&count=2');
      expect(page.json).toMatchObject({ totalResults: total, startIndex: 2, itemsPerPage: 2 });
      expect(page.json.Resources.map((r: { id: string }) => r.id)).toEqual(all.json.Resources.slice(1, 3).map((r: { id: string }) => r.id));
      const last = await scim('GET', `/Users?startIndex=${total}&count=10`);
      expect(last.json.itemsPerPage).toBe(1);
      expect((await scim('GET', '/Users?count=0')).json).toMatchObject({ totalResults: total, itemsPerPage: 0, Resources: [] });
    });

    it('answers errors in the SCIM error format', async () => {
      const noToken = await fetch(`${api.baseUrl}/scim/v2/Users`, { headers: { accept: 'application/scim+json' } });
      expect(noToken.status).toBe(401);
      expect(noToken.headers.get('content-type')).toMatch(/^application\/scim\+json/);
      expect(await noToken.json()).toMatchObject({ schemas: [ERROR], status: '401' });
      expect((await scim('GET', `/Users/${randomUUID()}`)).json).toMatchObject({ schemas: [ERROR], status: '404' });
      expect((await scim('GET', '/Users/not-a-uuid')).status).toBe(404);
      const bulk = await scim('POST', '/Bulk', { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: [] });
      expect(bulk.status).toBe(404);
      expect(bulk.type).toMatch(/^application\/scim\+json/);
      expect(bulk.json).toMatchObject({ schemas: [ERROR], status: '404' });
      const dup = await scim('POST', '/Users', { schemas: [USER], userName: 'page0@paging.test', name: { givenName: 'Again', familyName: 'Dup' } });
      expect(dup.status).toBe(409);
      expect(dup.json).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' });
      expect((await scim('GET', `/Users?${q('title co "x"')}`)).json).toMatchObject({ status: '400', scimType: 'invalidFilter' });
      const [anyone] = (await scim('GET', '/Users?count=1')).json.Resources;
      expect((await scim('PATCH', `/Users/${anyone.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'move', path: 'title', value: 'x' }] })).json).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
      expect((await scim('PATCH', `/Users/${anyone.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: 'maybe' }] })).json).toMatchObject({ status: '400', scimType: 'invalidValue' });
      expect((await scim('POST', '/Users', { schemas: [USER], userName: 'no-email-here', name: { givenName: 'No', familyName: 'Mail' } })).json).toMatchObject({ status: '400', scimType: 'invalidValue' });
      expect((await scim('POST', '/Groups', { schemas: [GROUP], displayName: 'G', members: [{ value: randomUUID() }] })).json).toMatchObject({ status: '400', scimType: 'invalidValue' });
    });
  });

  it('links a person HR already added instead of duplicating them', async () => {
    const hrMade = await owner.post('/api/employees', { email: 'existing@scim.test', firstName: 'Exi', lastName: 'Sting' });
    expect(hrMade.status).toBe(201);
    const found = await scim('GET', `/Users?${q('userName eq "existing@scim.test"')}`);
    expect(found.json.Resources.map((r: { id: string }) => r.id)).toEqual([hrMade.json.id]);
    const viaUpn = await scim('POST', '/Users', { schemas: [USER], userName: 'exi.sting@corp.example', emails: [{ type: 'work', value: 'existing@scim.test' }], name: { givenName: 'Exi', familyName: 'Sting' }, externalId: 'ext-1' });
    expect(viaUpn.status).toBe(201);
    expect(viaUpn.json.id).toBe(hrMade.json.id);
    expect(viaUpn.json.userName).toBe('exi.sting@corp.example');
  });

  it('erases on DELETE only when the org turned that on', async () => {
    const u = await scim('POST', '/Users', { schemas: [USER], userName: 'leaver@scim.test', name: { givenName: 'Lea', familyName: 'Ver' } });
    expect((await owner.request('PATCH', '/api/scim-settings', { deleteErases: true })).json.deleteErases).toBe(true);
    expect((await scim('DELETE', `/Users/${u.json.id}`)).status).toBe(204);
    expect((await owner.get(`/api/employees/${u.json.id}`)).status).toBe(404);
    expect((await owner.request('PATCH', '/api/scim-settings', { deleteErases: false })).json.deleteErases).toBe(false);
  });

  it("keeps each org's directory to itself", async () => {
    await createOrgWithUser(db.url, { orgName: 'Other', slug: 'other-scim', email: 'owner@other-scim.test', password: 'other scim passphrase', role: 'owner' });
    const otherOwner = new HttpClient(api.baseUrl);
    await otherOwner.signIn('owner@other-scim.test', 'other scim passphrase');
    const theirToken = (await otherOwner.post('/api/scim-settings/token')).json.secret as string;
    issuedTokens.push(theirToken);
    const theirs = scimClient(api, () => theirToken);
    const mine = (await scim('GET', `/Users?${q('userName eq "test.user@okta.local"')}`)).json.Resources[0];
    expect((await theirs('GET', `/Users?${q('userName eq "test.user@okta.local"')}`)).json.totalResults).toBe(0);
    expect((await theirs('GET', '/Users')).json.totalResults).toBe(0);
    expect((await theirs('GET', `/Users/${mine.id}`)).status).toBe(404);
    expect((await theirs('PATCH', `/Users/${mine.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] })).status).toBe(404);
    expect((await theirs('DELETE', `/Users/${mine.id}`)).status).toBe(404);
    expect((await theirs('GET', '/Groups')).json.totalResults).toBe(0);
    const theirGroup = await theirs('POST', '/Groups', { schemas: [GROUP], displayName: 'Sales', members: [] });
    expect(theirGroup.status).toBe(201);
    expect((await theirs('PATCH', `/Groups/${theirGroup.json.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: mine.id }] }] })).status).toBe(400);
    expect((await scim('GET', `/Users/${mine.id}`)).json.active).toBe(true);
    // The same userName may exist in both orgs.
    expect((await theirs('POST', '/Users', { schemas: [USER], userName: 'test.user@okta.local', name: { givenName: 'Their', familyName: 'Test' } })).status).toBe(201);
  });

  it('replaces the token: the old one stops at once; no token shows in settings, logs or the audit log', async () => {
    const old = token;
    const rotated = await owner.post('/api/scim-settings/token');
    token = rotated.json.secret;
    issuedTokens.push(token);
    expect(token).toMatch(/^tfscim_/);
    expect((await scimClient(api, () => old)('GET', '/Users')).status).toBe(401);
    expect((await scim('GET', '/Users')).status).toBe(200);
    const settings = await owner.get('/api/scim-settings');
    expect(settings.json).toMatchObject({ baseUrl: expect.stringMatching(/\/scim\/v2$/), token: { prefix: token.slice(7, 13) } });
    const audit = JSON.stringify(await sql(db.url, 'SELECT * FROM audit_event')) + (await owner.get('/api/audit?pageSize=200')).text;
    expect(audit).toContain('scim.used');
    for (const t of issuedTokens) {
      expect(settings.text).not.toContain(t);
      expect(audit).not.toContain(t);
      expect(api.output()).not.toContain(t);
    }
    expect((await owner.request('DELETE', '/api/scim-settings/token')).json.token).toBeNull();
    expect((await scim('GET', '/Users')).status).toBe(401);
  });
});
