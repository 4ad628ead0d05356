import { Injectable } from '@nestjs/common';
import type { EmployeeUpdate } from '@teamframe/shared-types';
import { EmployeesService } from '../employees/employees.service';
import { RetentionService } from '../retention/retention.service';
import { ScimError, scimNotFound } from './scim-error';
import { parseScimFilter, scimPaging } from './scim-filter';
import { applyScimPatch } from './scim-patch';
import { listResponse, MAX_PAGE, SCHEMA } from './scim-schemas';
import type { ScimCaller } from './scim-settings.service';
import { SCIM_USER_FILTERS, ScimUsersRepository } from './scim-users.repository';
import { readScimUser, type ScimUserFields, type ScimUserRow, toScimUser } from './scim-user-mapping';

type Json = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * SCIM Users are the org's employees. Creating, changing and (de)activating go through the employee
 * service, so SCIM-made people are invited, join onboarding campaigns and are audited like any others.
 */
@Injectable()
export class ScimUsersService {
  constructor(
    private readonly users: ScimUsersRepository,
    private readonly employees: EmployeesService,
    private readonly retention: RetentionService,
  ) {}

  async list(caller: ScimCaller, q: { filter?: string; startIndex?: unknown; count?: unknown }) {
    const { startIndex, count } = scimPaging(q.startIndex, q.count, MAX_PAGE);
    const { total, rows } = await this.users.page(caller.auth.orgId, q.filter ? parseScimFilter(q.filter, SCIM_USER_FILTERS) : [], count, startIndex);
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
    const existing = await this.users.findByEmailOrUserName(caller.auth.orgId, f.email, f.userName);
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
    await this.users.markDeleted(caller.auth.orgId, id, row.user_name ?? row.email);
  }

  private async row(caller: ScimCaller, id: string): Promise<ScimUserRow> {
    if (!UUID.test(id)) throw scimNotFound('User', id);
    const row = await this.users.find(caller.auth.orgId, id);
    if (!row) throw scimNotFound('User', id);
    return row;
  }

  private async save(caller: ScimCaller, id: string, f: ScimUserFields): Promise<void> {
    await this.assertIdentityFree(caller, f, id);
    const e = (await this.users.findAny(caller.auth.orgId, id))!;
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
    const clash = await this.users.identityClash(caller.auth.orgId, selfId, f.userName, f.externalId);
    if (clash) throw new ScimError(409, clash.external_id !== null && clash.external_id === f.externalId ? `externalId ${f.externalId} belongs to another user.` : `userName ${f.userName} belongs to another user.`, 'uniqueness');
    if (await this.users.emailTaken(caller.auth.orgId, f.email, selfId)) throw new ScimError(409, `The e-mail ${f.email} belongs to another user.`, 'uniqueness');
  }

  private async upsertIdentity(caller: ScimCaller, id: string, f: ScimUserFields): Promise<void> {
    await this.users.upsertIdentity(caller.auth.orgId, id, f.userName, f.externalId);
  }
}
