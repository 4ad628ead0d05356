import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { customFieldValue, type EmployeeDto, type EmployeeInput, type EmployeeListQuery, type EmployeeUpdate, type ImportResult, type Page } from '@teamframe/shared-types';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { AuditService } from '../audit/audit.service';
import { assertKnownCustomFields, CustomFieldsService, mergeCustomFields } from '../custom-fields/custom-fields.service';
import { InvitesService } from '../invites/invites.service';
import { csvRow } from '../exports/export-names';
import { employeesFromRows, type ImportedEmployee } from './employee-import';
import { emailTaken, employeeNotFound, importHasErrors, importUnreadable } from './employees.errors';
import { Employee } from './entities/employee.entity';
import { OrgLimits } from '../orgs/org-limits.service';

const SORT_COLUMNS: Record<EmployeeListQuery['sort'], string> = {
  lastName: 'lower(e.last_name)',
  firstName: 'lower(e.first_name)',
  email: 'e.email',
  department: 'lower(e.department)',
  title: 'lower(e.title)',
  status: 'e.status',
  createdAt: 'e.created_at',
};

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
    @InjectRepository(Employee) private readonly employees: Repository<Employee>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly invites: InvitesService,
    private readonly customFields: CustomFieldsService,
    private readonly limits: OrgLimits,
  ) {}

  async list(auth: AuthContext, q: EmployeeListQuery): Promise<Page<EmployeeDto>> {
    const qb = this.employees.createQueryBuilder('e').where('e.org_id = :orgId', { orgId: auth.orgId });
    if (!q.includeDeactivated) qb.andWhere('e.deactivated_at IS NULL');
    if (q.status) qb.andWhere('e.status = :status', { status: q.status });
    if (q.department) qb.andWhere('e.department = :department', { department: q.department });
    if (q.q) {
      const like = `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(`(lower(e.first_name || ' ' || e.last_name) LIKE :like OR e.email LIKE :like)`, { like });
    }
    qb.orderBy(SORT_COLUMNS[q.sort], q.order === 'asc' ? 'ASC' : 'DESC')
      .addOrderBy('e.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toEmployeeDto), total, page: q.page, pageSize: q.pageSize };
  }

  async departments(auth: AuthContext): Promise<string[]> {
    const rows = await this.employees
      .createQueryBuilder('e')
      .select('DISTINCT e.department', 'department')
      .where('e.org_id = :orgId AND e.department <> :empty', { orgId: auth.orgId, empty: '' })
      .orderBy('department')
      .getRawMany<{ department: string }>();
    return rows.map((r) => r.department);
  }

  async get(auth: AuthContext, id: string): Promise<Employee> {
    const e = await this.employees.findOneBy({ id, orgId: auth.orgId });
    if (!e) throw employeeNotFound();
    return e;
  }

  async create(auth: AuthContext, input: EmployeeInput): Promise<EmployeeDto> {
    if (await this.employees.existsBy({ orgId: auth.orgId, email: input.email })) throw emailTaken(input.email);
    const saved = await this.db.transaction(async (m) => {
      await this.customFields.lockForValues(m, auth.orgId);
      assertKnownCustomFields(await this.customFields.definitions(auth.orgId, m), input.customFields);
      await this.limits.assertEmployeesFit(m, auth.orgId, 1);
      const repo = m.getRepository(Employee);
      const e = await repo.save(repo.create({ ...input, customFields: mergeCustomFields({}, input.customFields), orgId: auth.orgId }));
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'employee.created', subjectType: 'employee', subjectId: e.id }, m);
      return e;
    });
    await this.invites.inviteIfAutomatic(auth, [saved.id]);
    return toEmployeeDto((await this.employees.findOneBy({ id: saved.id, orgId: auth.orgId }))!);
  }

  async update(auth: AuthContext, id: string, patch: EmployeeUpdate): Promise<EmployeeDto> {
    const e = await this.get(auth, id);
    if (patch.email && patch.email !== e.email && (await this.employees.existsBy({ orgId: auth.orgId, email: patch.email }))) throw emailTaken(patch.email);
    const { customFields, ...fields } = patch;
    const saved = await this.db.transaction(async (m) => {
      await this.customFields.lockForValues(m, auth.orgId);
      assertKnownCustomFields(await this.customFields.definitions(auth.orgId, m), customFields);
      // Re-read under the lock so values written meanwhile (another edit, an import) are merged, not lost.
      const current = await m.getRepository(Employee).findOneByOrFail({ id, orgId: auth.orgId });
      Object.assign(current, fields, { customFields: mergeCustomFields(current.customFields, customFields) });
      const e = await m.getRepository(Employee).save(current);
      const changed = [...Object.keys(fields), ...Object.keys(customFields ?? {}).map((k) => `customFields.${k}`)];
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'employee.updated', subjectType: 'employee', subjectId: id, details: { fields: changed } }, m);
      return e;
    });
    return toEmployeeDto(saved);
  }

  async setActive(auth: AuthContext, id: string, active: boolean): Promise<EmployeeDto> {
    const e = await this.get(auth, id);
    e.deactivatedAt = active ? null : (e.deactivatedAt ?? new Date());
    const saved = await this.employees.save(e);
    if (!active) {
      // A deactivated employee's link must stop working at once.
      await this.db.query(`UPDATE invite SET state = 'revoked' WHERE org_id = $1 AND employee_id = $2 AND state = 'active'`, [auth.orgId, id]);
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
      const existing = await this.existingByEmail(auth.orgId, parsed.employees.map((e) => e.email));
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
      const existing = await this.existingByEmail(auth.orgId, parsed.employees.map((e) => e.email), m);
      await this.limits.assertEmployeesFit(m, auth.orgId, new Set(parsed.employees.map((e) => e.email).filter((email) => !existing.has(email))).size);
      for (let i = 0; i < parsed.employees.length; i += UPSERT_CHUNK) {
        const chunk = parsed.employees.slice(i, i + UPSERT_CHUNK);
        // $2: whether the file has a language column; without one, everyone keeps their language.
        const params: unknown[] = [auth.orgId, parsed.hasLanguage];
        const values = chunk.map((e: ImportedEmployee) => {
          params.push(e.email, e.firstName, e.lastName, e.title, e.department, JSON.stringify(mergeCustomFields(existing.get(e.email)?.customFields ?? {}, e.customFields)), e.language ?? null);
          const n = params.length;
          return `($1, $${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}::jsonb, $${n})`;
        });
        // Rows whose data did not change are skipped by the WHERE, so they come back in neither count.
        const rows: { id: string; inserted: boolean }[] = await m.query(
          `INSERT INTO employee (org_id, email, first_name, last_name, title, department, custom_fields, language)
           VALUES ${values.join(', ')}
           ON CONFLICT (org_id, email) DO UPDATE SET
             first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
             title = EXCLUDED.title, department = EXCLUDED.department, custom_fields = EXCLUDED.custom_fields,
             language = CASE WHEN $2::boolean THEN EXCLUDED.language ELSE employee.language END, updated_at = now()
           WHERE (employee.first_name, employee.last_name, employee.title, employee.department, employee.custom_fields, employee.language)
             IS DISTINCT FROM (EXCLUDED.first_name, EXCLUDED.last_name, EXCLUDED.title, EXCLUDED.department, EXCLUDED.custom_fields,
                               CASE WHEN $2::boolean THEN EXCLUDED.language ELSE employee.language END)
           RETURNING id, (xmax = 0) AS inserted`,
          params,
        );
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
    const rows: { first_name: string; last_name: string; email: string; title: string; department: string; custom_fields: Record<string, string>; status: string; invited_at: Date | null; uploaded_at: Date | null; approved_at: Date | null }[] = await this.db.query(
      `SELECT e.first_name, e.last_name, e.email, e.title, e.department, e.custom_fields, e.status, e.invited_at,
              (SELECT max(u.created_at) FROM upload u WHERE u.employee_id = e.id AND u.org_id = e.org_id) AS uploaded_at,
              (SELECT max(h.reviewed_at) FROM headshot h WHERE h.employee_id = e.id AND h.org_id = e.org_id AND h.state = 'approved') AS approved_at
         FROM employee e WHERE e.org_id = $1 AND e.deactivated_at IS NULL ORDER BY lower(e.last_name), lower(e.first_name)`,
      [auth.orgId],
    );
    const header = ['first name', 'last name', 'email', 'title', 'department', ...fields.map((f) => f.label), 'status', 'invited', 'uploaded', 'approved'];
    const lines = rows.map((r) =>
      csvRow([r.first_name, r.last_name, r.email, r.title, r.department, ...fields.map((f) => customFieldValue(r.custom_fields, f.key)), r.status, r.invited_at?.toISOString() ?? '', r.uploaded_at?.toISOString() ?? '', r.approved_at?.toISOString() ?? '']),
    );
    return `\ufeff${csvRow(header)}${lines.join('')}`;
  }

  private async existingByEmail(orgId: string, emails: string[], m: EntityManager = this.db.manager): Promise<Map<string, Employee>> {
    if (emails.length === 0) return new Map();
    const rows = await m.getRepository(Employee).createQueryBuilder('e').where('e.org_id = :orgId AND e.email = ANY(:emails)', { orgId, emails }).getMany();
    return new Map(rows.map((e) => [e.email, e]));
  }
}

const sameValues = (a: Record<string, string>, b: Record<string, string>) => Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => Object.hasOwn(b, k) && b[k] === v);
