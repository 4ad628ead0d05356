import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { customFieldValue, type EmployeeDto, type EmployeeInput, type EmployeeListQuery, type EmployeeUpdate, type ImportResult, type Page } from '@teamframe/shared-types';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { AuditService } from '../audit/audit.service';
import { assertKnownCustomFields, CustomFieldsService, mergeCustomFields } from '../custom-fields/custom-fields.service';
import { InvitesService } from '../invites/invites.service';
import { csvRow } from '../exports/export-names';
import { employeesFromRows, type ImportedEmployee } from './employee-import';
import { emailTaken, employeeNotFound, importHasErrors, importUnreadable } from './employees.errors';
import { EmployeesRepository } from './employees.repository';
import type { Employee } from './entities/employee.entity';
import { OrgLimits } from '../orgs/org-limits.service';

const UPSERT_CHUNK = 1_000;

export function toEmployeeDto(e: Employee): EmployeeDto {
  return {
    id: e.id,
    email: e.email,
    firstName: e.firstName,
    lastName: e.lastName,
    title: e.title,
    department: e.department,
    customFields: e.customFields ?? {},
    language: e.language ?? null,
    status: e.status,
    deactivated: e.deactivatedAt !== null,
    invitedAt: e.invitedAt?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
  };
}

/** The employee directory of one org. Every query is scoped by the caller's org id. */
@Injectable()
export class EmployeesService {
  constructor(
    private readonly repo: EmployeesRepository,
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly invites: InvitesService,
    private readonly customFields: CustomFieldsService,
    private readonly limits: OrgLimits,
  ) {}

  async list(auth: AuthContext, q: EmployeeListQuery): Promise<Page<EmployeeDto>> {
    const [rows, total] = await this.repo.page(auth.orgId, q);
    return { items: rows.map(toEmployeeDto), total, page: q.page, pageSize: q.pageSize };
  }

  departments(auth: AuthContext): Promise<string[]> {
    return this.repo.departments(auth.orgId);
  }

  async get(auth: AuthContext, id: string): Promise<Employee> {
    const e = await this.repo.find(auth.orgId, id);
    if (!e) throw employeeNotFound();
    return e;
  }

  async create(auth: AuthContext, input: EmployeeInput): Promise<EmployeeDto> {
    if (await this.repo.emailTaken(auth.orgId, input.email)) throw emailTaken(input.email);
    const saved = await this.db.transaction(async (m) => {
      await this.customFields.lockForValues(m, auth.orgId);
      assertKnownCustomFields(await this.customFields.definitions(auth.orgId, m), input.customFields);
      await this.limits.assertEmployeesFit(m, auth.orgId, 1);
      const e = await this.repo.save({ ...input, customFields: mergeCustomFields({}, input.customFields), orgId: auth.orgId }, m);
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'employee.created', subjectType: 'employee', subjectId: e.id }, m);
      return e;
    });
    await this.invites.inviteIfAutomatic(auth, [saved.id]);
    return toEmployeeDto((await this.repo.find(auth.orgId, saved.id))!);
  }

  async update(auth: AuthContext, id: string, patch: EmployeeUpdate): Promise<EmployeeDto> {
    const e = await this.get(auth, id);
    if (patch.email && patch.email !== e.email && (await this.repo.emailTaken(auth.orgId, patch.email))) throw emailTaken(patch.email);
    const { customFields, ...fields } = patch;
    const saved = await this.db.transaction(async (m) => {
      await this.customFields.lockForValues(m, auth.orgId);
      assertKnownCustomFields(await this.customFields.definitions(auth.orgId, m), customFields);
      // Re-read under the lock so values written meanwhile (another edit, an import) are merged, not lost.
      const current = await this.repo.findOrFail(auth.orgId, id, m);
      Object.assign(current, fields, { customFields: mergeCustomFields(current.customFields, customFields) });
      const e = await this.repo.save(current, m);
      const changed = [...Object.keys(fields), ...Object.keys(customFields ?? {}).map((k) => `customFields.${k}`)];
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'employee.updated', subjectType: 'employee', subjectId: id, details: { fields: changed } }, m);
      return e;
    });
    return toEmployeeDto(saved);
  }

  async setActive(auth: AuthContext, id: string, active: boolean): Promise<EmployeeDto> {
    const e = await this.get(auth, id);
    e.deactivatedAt = active ? null : (e.deactivatedAt ?? new Date());
    const saved = await this.repo.save(e);
    if (!active) {
      // A deactivated employee's link must stop working at once.
      await this.repo.revokeActiveInvites(auth.orgId, id);
    }
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: active ? 'employee.reactivated' : 'employee.deactivated', subjectType: 'employee', subjectId: id });
    return toEmployeeDto(saved);
  }

  /**
   * CSV import. A dry run reports what would happen; a real run writes nothing unless every row is
   * valid, then upserts by (org, email) in one transaction, so re-importing updates and never duplicates.
   */
  async import(auth: AuthContext, csv: { rows: string[][]; lines: number[] }, dryRun: boolean): Promise<ImportResult> {
    const parsed = await employeesFromRows(csv.rows, csv.lines, await this.customFields.definitions(auth.orgId));
    if (parsed.fileError) throw importUnreadable(parsed.fileError);
    const base = { dryRun, rows: parsed.rows, errors: parsed.errors };
    if (dryRun) {
      const existing = await this.repo.byEmail(auth.orgId, parsed.employees.map((e) => e.email));
      let updated = 0;
      let unchanged = 0;
      for (const e of parsed.employees) {
        const old = existing.get(e.email);
        if (!old) continue;
        if (old.firstName === e.firstName && old.lastName === e.lastName && old.title === e.title && old.department === e.department && (e.language === undefined || (old.language ?? null) === e.language) && sameValues(old.customFields, mergeCustomFields(old.customFields, e.customFields))) unchanged++;
        else updated++;
      }
      return { ...base, created: parsed.employees.length - updated - unchanged, updated, unchanged };
    }
    if (parsed.errors.length) {
      throw importHasErrors(parsed.errors.length, parsed.errors.slice(0, 200).map((e) => ({ path: `line ${e.line}.${e.field}`, message: e.message })));
    }
    let created = 0;
    let updated = 0;
    const createdIds: string[] = [];
    await this.db.transaction(async (m) => {
      await this.customFields.lockForValues(m, auth.orgId);
      // A field deleted since the file was read must not come back as stray values.
      assertKnownCustomFields(await this.customFields.definitions(auth.orgId, m), Object.fromEntries(parsed.employees.flatMap((e) => Object.keys(e.customFields)).map((k) => [k, ''])));
      // The file's custom columns are merged into what each person has: a column left out keeps its values.
      const existing = await this.repo.byEmail(auth.orgId, parsed.employees.map((e) => e.email), m);
      await this.limits.assertEmployeesFit(m, auth.orgId, new Set(parsed.employees.map((e) => e.email).filter((email) => !existing.has(email))).size);
      for (let i = 0; i < parsed.employees.length; i += UPSERT_CHUNK) {
        const chunk = parsed.employees.slice(i, i + UPSERT_CHUNK).map((e: ImportedEmployee) => ({ ...e, customFields: mergeCustomFields(existing.get(e.email)?.customFields ?? {}, e.customFields), language: e.language ?? null }));
        const rows = await this.repo.upsert(m, auth.orgId, chunk, parsed.hasLanguage);
        created += rows.filter((r) => r.inserted).length;
        createdIds.push(...rows.filter((r) => r.inserted).map((r) => r.id));
        updated += rows.filter((r) => !r.inserted).length;
      }
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'employee.imported', details: { rows: parsed.rows, created, updated } }, m);
    });
    await this.invites.inviteIfAutomatic(auth, createdIds);
    return { ...base, created, updated, unchanged: parsed.employees.length - created - updated };
  }

  /** Every active employee's state as CSV (a column per custom field, headed by its label), cells neutralised against spreadsheet formulas. */
  async statusCsv(auth: AuthContext): Promise<string> {
    const fields = await this.customFields.definitions(auth.orgId);
    const rows = await this.repo.statusRows(auth.orgId);
    const header = ['first name', 'last name', 'email', 'title', 'department', ...fields.map((f) => f.label), 'status', 'invited', 'uploaded', 'approved'];
    const lines = rows.map((r) =>
      csvRow([r.first_name, r.last_name, r.email, r.title, r.department, ...fields.map((f) => customFieldValue(r.custom_fields, f.key)), r.status, r.invited_at?.toISOString() ?? '', r.uploaded_at?.toISOString() ?? '', r.approved_at?.toISOString() ?? '']),
    );
    return `\ufeff${csvRow(header)}${lines.join('')}`;
  }

}

const sameValues = (a: Record<string, string>, b: Record<string, string>) => Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => Object.hasOwn(b, k) && b[k] === v);
