import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type ScimEqFilter, scimFilterSql } from './scim-filter';

export interface GroupRow {
  id: string;
  display_name: string;
  external_id: string | null;
  created_at: Date;
  updated_at: Date;
}

/** The group attributes a SCIM filter may compare, with the SQL each one becomes. */
export const SCIM_GROUP_FILTERS = ['displayname', 'externalid', 'id'] as const;
const FILTER_SQL: Record<(typeof SCIM_GROUP_FILTERS)[number], string> = { displayname: 'g.display_name = $2', externalid: 'g.external_id = $2', id: 'g.id::text = lower($2)' };

/**
 * The SQL of SCIM groups (scim_group) and of their membership, which is the employee's department.
 * The department writes touch the employee table; they belong in the employees repository once it
 * exists (h-repos-a's), and stay here until then so no SCIM SQL lives in a service.
 */
@Injectable()
export class ScimGroupsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One page of the org's groups matching every filter, and how many match in all. */
  async page(orgId: string, filters: ScimEqFilter[], count: number, startIndex: number): Promise<{ total: number; rows: GroupRow[] }> {
    // Group names and ids are text: a value given as true/false compares as the word.
    const { where, params } = scimFilterSql(orgId, filters, FILTER_SQL, String);
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM scim_group g WHERE g.org_id = $1${where}`, params);
    const rows: GroupRow[] = count === 0 ? [] : await this.db.query(`SELECT g.* FROM scim_group g WHERE g.org_id = $1${where} ORDER BY g.created_at, g.id LIMIT ${count} OFFSET ${startIndex - 1}`, params);
    return { total, rows };
  }

  /** `lock` holds the row until the caller's transaction ends. */
  async find(orgId: string, id: string, m: EntityManager = this.db.manager, lock = false): Promise<GroupRow | undefined> {
    const [row]: GroupRow[] = await m.query(`SELECT * FROM scim_group WHERE id = $1 AND org_id = $2${lock ? ' FOR UPDATE' : ''}`, [id, orgId]);
    return row;
  }

  /** Whether another group of the org (not `exceptId`) has this name. */
  async nameTaken(m: EntityManager, orgId: string, displayName: string, exceptId?: string): Promise<boolean> {
    const [clash] = exceptId
      ? await m.query(`SELECT 1 FROM scim_group WHERE org_id = $1 AND display_name = $2 AND id <> $3`, [orgId, displayName, exceptId])
      : await m.query(`SELECT 1 FROM scim_group WHERE org_id = $1 AND display_name = $2`, [orgId, displayName]);
    return Boolean(clash);
  }

  async insert(m: EntityManager, orgId: string, displayName: string, externalId: string | null): Promise<string> {
    const [row]: { id: string }[] = await m.query(`INSERT INTO scim_group (org_id, display_name, external_id) VALUES ($1, $2, $3) RETURNING id`, [orgId, displayName, externalId]);
    return row.id;
  }

  async update(m: EntityManager, orgId: string, id: string, displayName: string, externalId: string | null): Promise<void> {
    await m.query(`UPDATE scim_group SET display_name = $3, external_id = $4, updated_at = now() WHERE id = $1 AND org_id = $2`, [id, orgId, displayName, externalId]);
  }

  async delete(m: EntityManager, orgId: string, id: string): Promise<void> {
    await m.query(`DELETE FROM scim_group WHERE id = $1 AND org_id = $2`, [id, orgId]);
  }

  /** The members: employees in the department whom SCIM has not deleted. */
  members(orgId: string, department: string, m: EntityManager = this.db.manager): Promise<{ id: string; name: string }[]> {
    return m.query(
      `SELECT e.id, e.first_name || ' ' || e.last_name AS name FROM employee e LEFT JOIN scim_user s ON s.employee_id = e.id
        WHERE e.org_id = $1 AND e.department = $2 AND s.deleted_at IS NULL ORDER BY e.id`,
      [orgId, department],
    );
  }

  /** Which of `ids` are employees of the org (lower-case ids). */
  async existingEmployees(m: EntityManager, orgId: string, ids: string[]): Promise<string[]> {
    const found: { id: string }[] = await m.query(`SELECT id FROM employee WHERE org_id = $1 AND id = ANY($2::uuid[])`, [orgId, ids]);
    return found.map((f) => f.id);
  }

  /** Renaming a group renames the department of everyone in it; renaming to '' empties it. */
  async renameDepartment(m: EntityManager, orgId: string, from: string, to: string): Promise<void> {
    await m.query(`UPDATE employee SET department = $3, updated_at = now() WHERE org_id = $1 AND department = $2`, [orgId, from, to]);
  }

  async joinDepartment(m: EntityManager, orgId: string, employeeIds: string[], department: string): Promise<void> {
    await m.query(`UPDATE employee SET department = $3, updated_at = now() WHERE org_id = $1 AND id = ANY($2::uuid[])`, [orgId, employeeIds, department]);
  }

  /** Clears the department of those of `employeeIds` still in it (someone moved meanwhile keeps the new one). */
  async leaveDepartment(m: EntityManager, orgId: string, employeeIds: string[], department: string): Promise<void> {
    await m.query(`UPDATE employee SET department = '', updated_at = now() WHERE org_id = $1 AND id = ANY($2::uuid[]) AND department = $3`, [orgId, employeeIds, department]);
  }
}
