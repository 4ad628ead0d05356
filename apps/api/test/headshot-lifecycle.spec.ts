import { createRequire } from 'node:module';
import path from 'node:path';
import { HEADSHOT_STATES } from '@teamframe/shared-types';
import type { DataSource as DataSourceType } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as LifecycleModule from '../src/modules/headshots/headshot-lifecycle';
import type * as RepositoryModule from '../src/modules/headshots/headshots.repository';
import { createOrgWithUser, sql } from './support/orgs';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from './support/test-env';

// The built lifecycle and schema, as the API runs them (TypeORM needs the compiled decorator metadata).
const built = createRequire(__filename);
const dist = (p: string) => path.join(REPO_ROOT, 'apps/api/dist', p);
const { HeadshotLifecycle, HEADSHOT_MOVES, assertMoves } = built(dist('modules/headshots/headshot-lifecycle.js')) as typeof LifecycleModule;
const { HeadshotsRepository } = built(dist('modules/headshots/headshots.repository.js')) as typeof RepositoryModule;
const { ENTITIES, MIGRATIONS } = built(dist('core/database/schema.js'));
const { DataSource } = built('typeorm') as { DataSource: typeof DataSourceType };

describe('the headshot state table', () => {
  it('has a row for every state; superseded is final and an approved headshot can only be superseded', () => {
    expect(Object.keys(HEADSHOT_MOVES).sort()).toEqual([...HEADSHOT_STATES].sort());
    expect(HEADSHOT_MOVES.superseded).toEqual([]);
    expect(HEADSHOT_MOVES.approved).toEqual(['superseded']);
    expect(HEADSHOT_MOVES.rejected).toEqual(['superseded']);
  });

  it('refuses a move it does not list, naming it', () => {
    expect(() => assertMoves(['approved'], 'in_review')).toThrow('a headshot cannot move from approved to in_review');
    expect(() => assertMoves(['waiting', 'rejected'], 'queued')).toThrow('from rejected to queued');
    expect(() => assertMoves(['in_review'], 'approved')).not.toThrow();
  });
});

describe('the headshot lifecycle against PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSourceType;
  let lifecycle: InstanceType<typeof HeadshotLifecycle>;
  let org: { orgId: string; userId: string };
  let other: { orgId: string; userId: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource({ type: 'postgres', url: db.url, entities: ENTITIES, migrations: MIGRATIONS });
    await ds.initialize();
    await ds.runMigrations();
    lifecycle = new HeadshotLifecycle(ds, new HeadshotsRepository(ds));
    org = await createOrgWithUser(db.url, { orgName: 'Lifecycle', slug: 'lifecycle', email: 'hr@lifecycle.test', password: 'lifecycle pass 1', role: 'owner' });
    other = await createOrgWithUser(db.url, { orgName: 'Other', slug: 'other', email: 'hr@other.test', password: 'other pass 1', role: 'owner' });
  }, 60_000);
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  /** An employee with a selfie and a style version, in `orgId`. */
  async function person(orgId: string, name: string) {
    const [e] = await sql<{ id: string }>(db.url, `INSERT INTO employee (org_id, email, first_name, last_name) VALUES ($1, $2, $3, 'Test') RETURNING id`, [orgId, `${name}@lifecycle.test`, name]);
    const [s] = await sql<{ id: string }>(db.url, `INSERT INTO style_version (org_id, version, document) VALUES ($1, (SELECT coalesce(max(version), 0) + 1 FROM style_version WHERE org_id = $1), '{}') RETURNING id`, [orgId]);
    return { orgId, employeeId: e.id, uploadId: await selfie(orgId, e.id), styleVersionId: s.id };
  }
  /** Another selfie of the same person. */
  async function selfie(orgId: string, employeeId: string): Promise<string> {
    const [u] = await sql<{ id: string }>(db.url, `INSERT INTO upload (org_id, employee_id, original_key, sha256, width, height, bytes, source_format) VALUES ($1, $2, 'k', 's', 1, 1, 1, 'jpeg') RETURNING id`, [orgId, employeeId]);
    return u.id;
  }
  const stateOf = async (id: string) => (await sql<{ state: string }>(db.url, `SELECT state FROM headshot WHERE id = $1`, [id]))[0].state;
  const statusOf = async (id: string) => (await sql<{ status: string }>(db.url, `SELECT status FROM employee WHERE id = $1`, [id]))[0].status;

  it('takes a selfie from arrival to approval, the employee status following', async () => {
    const p = await person(org.orgId, 'ada');
    const h = await ds.transaction((m) => lifecycle.arrive(m, { ...p, queueNow: true }));
    expect(await stateOf(h.id)).toBe('queued');
    expect(await statusOf(p.employeeId)).toBe('processing');
    expect(await lifecycle.startProcessing(h)).toBe(true);
    expect(await ds.transaction((m) => lifecycle.finishProcessing(m, h, { renditions: [], report: null, qualityScore: 0.9 }))).toBe(true);
    expect([await stateOf(h.id), await statusOf(p.employeeId)]).toEqual(['in_review', 'in_review']);
    const approved = await ds.transaction((m) => lifecycle.approve(m, org.orgId, [h], { userId: org.userId, at: new Date() }));
    expect([...approved]).toEqual([h.id]);
    expect([await stateOf(h.id), await statusOf(p.employeeId)]).toEqual(['approved', 'approved']);
  });

  it('a move that lost the race changes nothing: a late render, a late failure, a second decision', async () => {
    const p = await person(org.orgId, 'grace');
    const h = await ds.transaction((m) => lifecycle.arrive(m, { ...p, queueNow: true }));
    await lifecycle.startProcessing(h);
    await ds.transaction((m) => lifecycle.finishProcessing(m, h, { renditions: [], report: null, qualityScore: 0.8 }));
    expect(await ds.transaction((m) => lifecycle.reject(m, h, { userId: org.userId, at: new Date() }, 'Too dark'))).toBe(true);
    // a duplicate job finishing now, a worker parking it, HR approving in another tab: all refused
    expect(await ds.transaction((m) => lifecycle.finishProcessing(m, h, { renditions: [], report: null, qualityScore: 0.1 }))).toBe(false);
    expect(await lifecycle.park(h, 'late failure')).toBe(false);
    expect((await ds.transaction((m) => lifecycle.approve(m, org.orgId, [h], { userId: org.userId, at: new Date() }))).size).toBe(0);
    expect(await lifecycle.startProcessing(h)).toBe(false);
    expect([await stateOf(h.id), await statusOf(p.employeeId)]).toEqual(['rejected', 'rejected']);
  });

  it('a new selfie supersedes what was waiting for HR, never a running render or an approved headshot', async () => {
    const p = await person(org.orgId, 'alan');
    const first = await ds.transaction((m) => lifecycle.arrive(m, { ...p, queueNow: true }));
    await lifecycle.startProcessing(first);
    await ds.transaction((m) => lifecycle.finishProcessing(m, first, { renditions: [], report: null, qualityScore: 0.7 }));
    const p2 = { ...p, uploadId: await selfie(p.orgId, p.employeeId) };
    const second = await ds.transaction((m) => lifecycle.arrive(m, { ...p2, queueNow: false }));
    expect([await stateOf(first.id), await stateOf(second.id), await statusOf(p.employeeId)]).toEqual(['superseded', 'waiting', 'uploaded']);
    const [v] = await ds.transaction((m) => lifecycle.addVersions(m, [{ ...p2 }], { employeesProcessing: true }));
    await lifecycle.startProcessing(v);
    const p3 = { ...p, uploadId: await selfie(p.orgId, p.employeeId) };
    const third = await ds.transaction((m) => lifecycle.arrive(m, { ...p3, queueNow: true }));
    expect(await stateOf(v.id)).toBe('processing');
    expect(await stateOf(second.id)).toBe('superseded');
    // the render that was running finishes into review; approving the newest supersedes it
    await ds.transaction((m) => lifecycle.finishProcessing(m, v, { renditions: [], report: null, qualityScore: 0.7 }));
    await lifecycle.startProcessing(third);
    await ds.transaction((m) => lifecycle.finishProcessing(m, third, { renditions: [], report: null, qualityScore: 0.7 }));
    await ds.transaction((m) => lifecycle.approve(m, org.orgId, [third], { userId: org.userId, at: new Date() }));
    expect([await stateOf(v.id), await stateOf(third.id)]).toEqual(['superseded', 'approved']);
  });

  it('numbers versions of one selfie and style on, and a failed one can be retried once', async () => {
    const p = await person(org.orgId, 'edsger');
    const h = await ds.transaction((m) => lifecycle.arrive(m, { ...p, queueNow: true }));
    const versions = await ds.transaction((m) => lifecycle.addVersions(m, [{ ...p }, { ...p, adjustments: { exposure: 0.1 } }], { employeesProcessing: true }));
    expect([h.variant, ...versions.map((v) => v.variant)]).toEqual([0, 1, 2]);
    expect(await lifecycle.park(versions[0], 'The render failed.')).toBe(true);
    expect(await ds.transaction((m) => lifecycle.retry(m, versions[0]))).toBe(true);
    expect(await ds.transaction((m) => lifecycle.retry(m, versions[0]))).toBe(false);
  });

  it('never moves another org’s headshot', async () => {
    const p = await person(other.orgId, 'mallory');
    const h = await ds.transaction((m) => lifecycle.arrive(m, { ...p, queueNow: true }));
    await lifecycle.startProcessing(h);
    await ds.transaction((m) => lifecycle.finishProcessing(m, h, { renditions: [], report: null, qualityScore: 0.5 }));
    // approving it in the name of the first org moves nothing
    expect((await ds.transaction((m) => lifecycle.approve(m, org.orgId, [h], { userId: org.userId, at: new Date() }))).size).toBe(0);
    expect(await stateOf(h.id)).toBe('in_review');
  });
});
