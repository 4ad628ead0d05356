import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ScimError, scimInvalidValue, scimNotFound } from './scim-error';
import { parseScimFilter, scimPaging } from './scim-filter';
import { type GroupRow, SCIM_GROUP_FILTERS, ScimGroupsRepository } from './scim-groups.repository';
import { applyScimPatch } from './scim-patch';
import { listResponse, MAX_PAGE, SCHEMA } from './scim-schemas';
import type { ScimCaller } from './scim-settings.service';

type Json = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
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
    private readonly groups: ScimGroupsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(caller: ScimCaller, q: { filter?: string; startIndex?: unknown; count?: unknown; excludedAttributes?: string }) {
    const { startIndex, count } = scimPaging(q.startIndex, q.count, MAX_PAGE);
    const { total, rows } = await this.groups.page(caller.auth.orgId, q.filter ? parseScimFilter(q.filter, SCIM_GROUP_FILTERS) : [], count, startIndex);
    const withMembers = !excludesMembers(q.excludedAttributes);
    return listResponse(await Promise.all(rows.map((g) => this.toScim(caller, g, withMembers))), total, startIndex);
  }

  async get(caller: ScimCaller, id: string, excludedAttributes?: string): Promise<Json> {
    return this.toScim(caller, await this.row(caller, id), !excludesMembers(excludedAttributes));
  }

  async create(caller: ScimCaller, body: unknown): Promise<Json> {
    const g = readGroup(body);
    const id = await this.db.transaction(async (m) => {
      if (await this.groups.nameTaken(m, caller.auth.orgId, g.displayName)) throw new ScimError(409, `A group named ${g.displayName} already exists.`, 'uniqueness');
      const id = await this.groups.insert(m, caller.auth.orgId, g.displayName, g.externalId);
      await this.setMembers(m, caller, g.displayName, g.members ?? [], []);
      await this.audit.record({ orgId: caller.auth.orgId, actorUserId: caller.auth.userId, action: 'scim.group_created', subjectType: 'scim_group', subjectId: id, details: { displayName: g.displayName } }, m);
      return id;
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
      await this.groups.renameDepartment(m, caller.auth.orgId, g.display_name, '');
      await this.groups.delete(m, caller.auth.orgId, id);
      await this.audit.record({ orgId: caller.auth.orgId, actorUserId: caller.auth.userId, action: 'scim.group_deleted', subjectType: 'scim_group', subjectId: id, details: { displayName: g.display_name } }, m);
    });
  }

  private async update(caller: ScimCaller, id: string, next: (current: Json) => GroupFields): Promise<void> {
    await this.db.transaction(async (m) => {
      const row = await this.row(caller, id, m, true);
      const before = await this.toScim(caller, row, true, m);
      const g = next(before);
      if (g.displayName !== row.display_name) {
        if (await this.groups.nameTaken(m, caller.auth.orgId, g.displayName, id)) throw new ScimError(409, `A group named ${g.displayName} already exists.`, 'uniqueness');
        await this.groups.renameDepartment(m, caller.auth.orgId, row.display_name, g.displayName);
      }
      await this.groups.update(m, caller.auth.orgId, id, g.displayName, g.externalId);
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
      const found = bad.length ? [] : await this.groups.existingEmployees(m, caller.auth.orgId, add);
      const unknown = bad.length ? bad : add.filter((x) => !found.includes(x.toLowerCase()));
      if (unknown.length) throw scimInvalidValue(`No user ${unknown.slice(0, 5).join(', ')} in this organisation.`);
      await this.groups.joinDepartment(m, caller.auth.orgId, add, department);
    }
    if (drop.length) await this.groups.leaveDepartment(m, caller.auth.orgId, drop, department);
    if (add.length || drop.length) {
      await this.audit.record({ orgId: caller.auth.orgId, actorUserId: caller.auth.userId, action: 'scim.group_members_changed', subjectType: 'scim_group', details: { displayName: department, added: add.length, removed: drop.length } }, m);
    }
  }

  private async row(caller: ScimCaller, id: string, m?: EntityManager, lock = false): Promise<GroupRow> {
    if (!UUID.test(id)) throw scimNotFound('Group', id);
    const row = await this.groups.find(caller.auth.orgId, id, m, lock);
    if (!row) throw scimNotFound('Group', id);
    return row;
  }

  private async toScim(caller: ScimCaller, g: GroupRow, withMembers: boolean, m?: EntityManager): Promise<Json> {
    const members = withMembers ? await this.groups.members(caller.auth.orgId, g.display_name, m) : [];
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
