import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EmployeeUpdate } from '@teamframe/shared-types';
import { DataSource } from 'typeorm';
import { EmployeesService } from '../employees/employees.service';
import { RetentionService } from '../retention/retention.service';
import { ScimError, scimNotFound } from './scim-error';
import { parseScimFilter, scimPaging } from './scim-filter';
import { applyScimPatch } from './scim-patch';
import { listResponse, MAX_PAGE, SCHEMA } from './scim-schemas';
import type { ScimCaller } from './scim-settings.service';
import { readScimUser, type ScimUserFields, type ScimUserRow, toScimUser } from './scim-user-mapping';

type Json = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILTERS = ['username', 'externalid', 'emails.value', 'emails', 'id', 'active'] as const;
const FILTER_SQL: Record<(typeof FILTERS)[number], string> = {
  username: 'lower(coalesce(s.user_name, e.email)) = lower($2)',
  externalid: 's.external_id = $2',
  'emails.value': 'e.email = lower($2)',
  emails: 'e.email = lower($2)',
  id: 'e.id::text = lower($2)',
  active: '(e.deactivated_at IS NULL) = $2',
};
// Every employee of the org is a SCIM user, including those HR added by hand (a userName filter on their
// e-mail finds them, so Okta and Entra ID link them instead of failing on a duplicate).
const FROM = `FROM employee e LEFT JOIN scim_user s ON s.employee_id = e.id AND s.org_id = e.org_id WHERE e.org_id = $1 AND s.deleted_at IS NULL`;
const COLUMNS = 'e.id, e.email, e.first_name, e.last_name, e.title, e.department, e.language, e.deactivated_at, e.created_at, e.updated_at, s.user_name, s.external_id';

/**
 * SCIM Users are the org's employees. Creating, changing and (de)activating go through the employee
 * service, so SCIM-made people are invited, join onboarding campaigns and are audited like any others.
 */
@Injectable()
export class ScimUsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly employees: EmployeesService,
    private readonly retention: RetentionService,
  ) {}

  async list(caller: ScimCaller, q: { filter?: string; startIndex?: unknown; count?: unknown }) {
    const { startIndex, count } = scimPaging(q.startIndex, q.count, MAX_PAGE);
    const params: unknown[] = [caller.auth.orgId];
    let where = '';
    if (q.filter) {
      for (const f of parseScimFilter(q.filter, FILTERS)) {
        params.push(f.value);
        where += ` AND ${FILTER_SQL[f.attribute as (typeof FILTERS)[number]].replace('$2', `$${params.length}`)}`;
      }
    }
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total ${FROM}${where}`, params);
    const rows: ScimUserRow[] = count === 0 ? [] : await this.db.query(`SELECT ${COLUMNS} ${FROM}${where} ORDER BY e.created_at, e.id LIMIT ${count} OFFSET ${startIndex - 1}`, params);
    return listResponse(rows.map((r) => toScimUser(r, caller.baseUrl)), total, startIndex);
  }

  async get(caller: ScimCaller, id: string): Promise<Json> {
    return toScimUser(await this.row(caller, id), caller.baseUrl);
  }

  /**
   * POST /Users. A person this org already has (same userName or work e-mail) and whom SCIM does not
   * manage yet, or whom SCIM deleted before, is taken over and updated rather than duplicated.
   */
  async create(caller: ScimCaller, body: unknown): Promise<Json> {
    const f = readScimUser(body);
    const [existing]: { id: string; managed: boolean }[] = await this.db.query(
      `SELECT e.id, (s.employee_id IS NOT NULL AND s.deleted_at IS NULL) AS managed
         FROM employee e LEFT JOIN scim_user s ON s.employee_id = e.id AND s.org_id = e.org_id
        WHERE e.org_id = $1 AND (e.email = $2 OR lower(s.user_name) = lower($3))
        ORDER BY (lower(s.user_name) = lower($3)) DESC NULLS LAST LIMIT 1`,
      [caller.auth.orgId, f.email, f.userName],
    );
    if (existing?.managed) throw new ScimError(409, `A user with userName ${f.userName} or e-mail ${f.email} already exists.`, 'uniqueness');
    if (existing) {
      await this.save(caller, existing.id, { ...f, active: f.active ?? true });
      return this.get(caller, existing.id);
    }
    await this.assertIdentityFree(caller, f, null);
    const created = await this.employees.create(caller.auth, { email: f.email, firstName: f.firstName, lastName: f.lastName, title: f.title, department: f.department, language: f.language ?? null });
    await this.upsertIdentity(caller, created.id, f);
    if (f.active === false) await this.employees.setActive(caller.auth, created.id, false);
    return this.get(caller, created.id);
  }

  /** PUT /Users/{id}: the body is the whole user; `active` left out keeps the current state. */
  async replace(caller: ScimCaller, id: string, body: unknown): Promise<Json> {
    await this.row(caller, id);
    await this.save(caller, id, readScimUser(body));
    return this.get(caller, id);
  }

  async patch(caller: ScimCaller, id: string, body: unknown): Promise<Json> {
    const current = toScimUser(await this.row(caller, id), caller.baseUrl);
    await this.save(caller, id, readScimUser(applyScimPatch(current, body, [SCHEMA.enterpriseUser])));
    return this.get(caller, id);
  }

  /** DELETE /Users/{id}: deactivates (the default), or erases when the org turned that on. */
  async remove(caller: ScimCaller, id: string): Promise<void> {
    const row = await this.row(caller, id);
    if (caller.deleteErases) {
      await this.retention.erase(caller.auth, id);
      return;
    }
    if (!row.deactivated_at) await this.employees.setActive(caller.auth, id, false);
    await this.db.query(
      `INSERT INTO scim_user (employee_id, org_id, user_name, deleted_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (employee_id) DO UPDATE SET deleted_at = now()`,
      [id, caller.auth.orgId, row.user_name ?? row.email],
    );
  }

  private async row(caller: ScimCaller, id: string): Promise<ScimUserRow> {
    if (!UUID.test(id)) throw scimNotFound('User', id);
    const [row]: ScimUserRow[] = await this.db.query(`SELECT ${COLUMNS} ${FROM} AND e.id = $2`, [caller.auth.orgId, id]);
    if (!row) throw scimNotFound('User', id);
    return row;
  }

  private async save(caller: ScimCaller, id: string, f: ScimUserFields): Promise<void> {
    await this.assertIdentityFree(caller, f, id);
    const [e]: ScimUserRow[] = await this.db.query(`SELECT ${COLUMNS} FROM employee e LEFT JOIN scim_user s ON s.employee_id = e.id WHERE e.org_id = $1 AND e.id = $2`, [caller.auth.orgId, id]);
    const patch: EmployeeUpdate = {};
    if (e.email !== f.email) patch.email = f.email;
    if (e.first_name !== f.firstName) patch.firstName = f.firstName;
    if (e.last_name !== f.lastName) patch.lastName = f.lastName;
    if (e.title !== f.title) patch.title = f.title;
    if (e.department !== f.department) patch.department = f.department;
    if (f.language !== undefined && e.language !== f.language) patch.language = f.language;
    if (Object.keys(patch).length) await this.employees.update(caller.auth, id, patch);
    await this.upsertIdentity(caller, id, f);
    if (f.active !== undefined && f.active !== (e.deactivated_at === null)) await this.employees.setActive(caller.auth, id, f.active);
  }

  private async assertIdentityFree(caller: ScimCaller, f: ScimUserFields, selfId: string | null): Promise<void> {
    const [clash]: { user_name: string; external_id: string | null }[] = await this.db.query(
      `SELECT user_name, external_id FROM scim_user WHERE org_id = $1 AND employee_id IS DISTINCT FROM $2 AND (lower(user_name) = lower($3) OR external_id = $4)`,
      [caller.auth.orgId, selfId, f.userName, f.externalId],
    );
    if (clash) throw new ScimError(409, clash.external_id !== null && clash.external_id === f.externalId ? `externalId ${f.externalId} belongs to another user.` : `userName ${f.userName} belongs to another user.`, 'uniqueness');
    const [emailTaken] = await this.db.query(`SELECT 1 FROM employee WHERE org_id = $1 AND email = $2 AND id IS DISTINCT FROM $3`, [caller.auth.orgId, f.email, selfId]);
    if (emailTaken) throw new ScimError(409, `The e-mail ${f.email} belongs to another user.`, 'uniqueness');
  }

  private async upsertIdentity(caller: ScimCaller, id: string, f: ScimUserFields): Promise<void> {
    await this.db.query(
      `INSERT INTO scim_user (employee_id, org_id, user_name, external_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (employee_id) DO UPDATE SET user_name = EXCLUDED.user_name, external_id = EXCLUDED.external_id, deleted_at = NULL`,
      [id, caller.auth.orgId, f.userName, f.externalId],
    );
  }
}
