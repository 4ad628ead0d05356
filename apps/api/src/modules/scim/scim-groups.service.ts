import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ScimError, scimInvalidValue, scimNotFound } from './scim-error';
import { parseScimFilter, scimPaging } from './scim-filter';
import { applyScimPatch } from './scim-patch';
import { listResponse, MAX_PAGE, SCHEMA } from './scim-schemas';
import type { ScimCaller } from './scim-settings.service';

type Json = Record<string, unknown>;

interface GroupRow {
  id: string;
  display_name: string;
  external_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILTERS = ['displayname', 'externalid', 'id'] as const;
const FILTER_SQL: Record<(typeof FILTERS)[number], string> = { displayname: 'g.display_name = $2', externalid: 'g.external_id = $2', id: 'g.id::text = lower($2)' };
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const get = (o: Json, name: string): unknown => o[Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name];

/**
 * SCIM Groups are departments. A group's members are the employees whose department is its name, so
 * adding someone to a group sets their department (moving them out of any other group), removing them
 * clears it, and renaming the group renames the department of everyone in it.
 */
@Injectable()
export class ScimGroupsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(caller: ScimCaller, q: { filter?: string; startIndex?: unknown; count?: unknown; excludedAttributes?: string }) {
    const { startIndex, count } = scimPaging(q.startIndex, q.count, MAX_PAGE);
    const params: unknown[] = [caller.auth.orgId];
    let where = '';
    if (q.filter) {
      for (const f of parseScimFilter(q.filter, FILTERS)) {
        params.push(String(f.value));
        where += ` AND ${FILTER_SQL[f.attribute as (typeof FILTERS)[number]].replace('$2', `$${params.length}`)}`;
      }
    }
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM scim_group g WHERE g.org_id = $1${where}`, params);
    const rows: GroupRow[] = count === 0 ? [] : await this.db.query(`SELECT g.* FROM scim_group g WHERE g.org_id = $1${where} ORDER BY g.created_at, g.id LIMIT ${count} OFFSET ${startIndex - 1}`, params);
    const withMembers = !excludesMembers(q.excludedAttributes);
    return listResponse(await Promise.all(rows.map((g) => this.toScim(caller, g, withMembers))), total, startIndex);
  }

  async get(caller: ScimCaller, id: string, excludedAttributes?: string): Promise<Json> {
    return this.toScim(caller, await this.row(caller, id), !excludesMembers(excludedAttributes));
  }

  async create(caller: ScimCaller, body: unknown): Promise<Json> {
    const g = readGroup(body);
    const id = await this.db.transaction(async (m) => {
      const [clash] = await m.query(`SELECT 1 FROM scim_group WHERE org_id = $1 AND display_name = $2`, [caller.auth.orgId, g.displayName]);
      if (clash) throw new ScimError(409, `A group named ${g.displayName} already exists.`, 'uniqueness');
      const [row] = await m.query(`INSERT INTO scim_group (org_id, display_name, external_id) VALUES ($1, $2, $3) RETURNING id`, [caller.auth.orgId, g.displayName, g.externalId]);
      await this.setMembers(m, caller, g.displayName, g.members ?? [], []);
      await this.audit.record({ orgId: caller.auth.orgId, actorUserId: caller.auth.userId, action: 'scim.group_created', subjectType: 'scim_group', subjectId: row.id, details: { displayName: g.displayName } }, m);
      return row.id as string;
    });
    return this.get(caller, id);
  }

  async replace(caller: ScimCaller, id: string, body: unknown): Promise<Json> {
    await this.update(caller, id, () => readGroup(body));
    return this.get(caller, id);
  }

  async patch(caller: ScimCaller, id: string, body: unknown): Promise<void> {
    await this.update(caller, id, (current) => readGroup(applyScimPatch(current, body, [])));
  }

  /** Deleting a group clears the department of its members; the employees stay. */
  async remove(caller: ScimCaller, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const g = await this.row(caller, id, m);
      await m.query(`UPDATE employee SET department = '', updated_at = now() WHERE org_id = $1 AND department = $2`, [caller.auth.orgId, g.display_name]);
      await m.query(`DELETE FROM scim_group WHERE id = $1 AND org_id = $2`, [id, caller.auth.orgId]);
      await this.audit.record({ orgId: caller.auth.orgId, actorUserId: caller.auth.userId, action: 'scim.group_deleted', subjectType: 'scim_group', subjectId: id, details: { displayName: g.display_name } }, m);
    });
  }

  private async update(caller: ScimCaller, id: string, next: (current: Json) => GroupFields): Promise<void> {
    await this.db.transaction(async (m) => {
      const row = await this.row(caller, id, m, true);
      const before = await this.toScim(caller, row, true, m);
      const g = next(before);
      if (g.displayName !== row.display_name) {
        const [clash] = await m.query(`SELECT 1 FROM scim_group WHERE org_id = $1 AND display_name = $2 AND id <> $3`, [caller.auth.orgId, g.displayName, id]);
        if (clash) throw new ScimError(409, `A group named ${g.displayName} already exists.`, 'uniqueness');
        await m.query(`UPDATE employee SET department = $3, updated_at = now() WHERE org_id = $1 AND department = $2`, [caller.auth.orgId, row.display_name, g.displayName]);
      }
      await m.query(`UPDATE scim_group SET display_name = $3, external_id = $4, updated_at = now() WHERE id = $1 AND org_id = $2`, [id, caller.auth.orgId, g.displayName, g.externalId]);
      const had = (before.members as { value: string }[]).map((x) => x.value);
      if (g.members) await this.setMembers(m, caller, g.displayName, g.members, had);
      await this.audit.record({ orgId: caller.auth.orgId, actorUserId: caller.auth.userId, action: 'scim.group_updated', subjectType: 'scim_group', subjectId: id, details: { displayName: g.displayName, renamedFrom: g.displayName !== row.display_name ? row.display_name : undefined } }, m);
    });
  }

  private async setMembers(m: EntityManager, caller: ScimCaller, department: string, wanted: string[], had: string[]): Promise<void> {
    const add = wanted.filter((x) => !had.includes(x));
    const drop = had.filter((x) => !wanted.includes(x));
    if (add.length) {
      const bad = add.filter((x) => !UUID.test(x));
      const found: { id: string }[] = bad.length ? [] : await m.query(`SELECT id FROM employee WHERE org_id = $1 AND id = ANY($2::uuid[])`, [caller.auth.orgId, add]);
      const unknown = bad.length ? bad : add.filter((x) => !found.some((f) => f.id === x.toLowerCase()));
      if (unknown.length) throw scimInvalidValue(`No user ${unknown.slice(0, 5).join(', ')} in this organisation.`);
      await m.query(`UPDATE employee SET department = $3, updated_at = now() WHERE org_id = $1 AND id = ANY($2::uuid[])`, [caller.auth.orgId, add, department]);
    }
    if (drop.length) await m.query(`UPDATE employee SET department = '', updated_at = now() WHERE org_id = $1 AND id = ANY($2::uuid[]) AND department = $3`, [caller.auth.orgId, drop, department]);
    if (add.length || drop.length) {
      await this.audit.record({ orgId: caller.auth.orgId, actorUserId: caller.auth.userId, action: 'scim.group_members_changed', subjectType: 'scim_group', details: { displayName: department, added: add.length, removed: drop.length } }, m);
    }
  }

  private async row(caller: ScimCaller, id: string, m: EntityManager = this.db.manager, lock = false): Promise<GroupRow> {
    if (!UUID.test(id)) throw scimNotFound('Group', id);
    const [row]: GroupRow[] = await m.query(`SELECT * FROM scim_group WHERE id = $1 AND org_id = $2${lock ? ' FOR UPDATE' : ''}`, [id, caller.auth.orgId]);
    if (!row) throw scimNotFound('Group', id);
    return row;
  }

  private async toScim(caller: ScimCaller, g: GroupRow, withMembers: boolean, m: EntityManager = this.db.manager): Promise<Json> {
    const members: { id: string; name: string }[] = withMembers
      ? await m.query(
          `SELECT e.id, e.first_name || ' ' || e.last_name AS name FROM employee e LEFT JOIN scim_user s ON s.employee_id = e.id
            WHERE e.org_id = $1 AND e.department = $2 AND s.deleted_at IS NULL ORDER BY e.id`,
          [caller.auth.orgId, g.display_name],
        )
      : [];
    return {
      schemas: [SCHEMA.group],
      id: g.id,
      externalId: g.external_id ?? undefined,
      displayName: g.display_name,
      ...(withMembers ? { members: members.map((x) => ({ value: x.id, display: x.name, $ref: `${caller.baseUrl}/Users/${x.id}` })) } : {}),
      meta: { resourceType: 'Group', created: g.created_at.toISOString(), lastModified: g.updated_at.toISOString(), location: `${caller.baseUrl}/Groups/${g.id}` },
    };
  }
}

interface GroupFields {
  displayName: string;
  externalId: string | null;
  /** Member user ids; undefined when the body does not mention members (leave them as they are). */
  members: string[] | undefined;
}

function readGroup(body: unknown): GroupFields {
  if (!isObject(body)) throw scimInvalidValue('The body must be a SCIM Group object.');
  const displayName = typeof get(body, 'displayName') === 'string' ? (get(body, 'displayName') as string).trim() : '';
  if (!displayName || displayName.length > 200) throw scimInvalidValue('displayName is required (at most 200 characters).');
  const ext = get(body, 'externalId');
  const rawMembers = get(body, 'members');
  if (rawMembers !== undefined && rawMembers !== null && !Array.isArray(rawMembers)) throw scimInvalidValue('members must be a list.');
  const members = Array.isArray(rawMembers) ? rawMembers.map((x) => (isObject(x) ? String(get(x, 'value') ?? '') : String(x))) : rawMembers === null ? [] : undefined;
  return { displayName, externalId: ext === undefined || ext === null || ext === '' ? null : String(ext), members: members ? [...new Set(members.map((x) => x.toLowerCase()))] : undefined };
}

const excludesMembers = (excluded?: string) => (excluded ?? '').split(',').some((a) => a.trim().toLowerCase() === 'members');
