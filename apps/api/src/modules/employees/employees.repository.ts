import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EmployeeListQuery } from '@teamframe/shared-types';
import { DataSource, type EntityManager } from 'typeorm';
import { Employee } from './entities/employee.entity';

const SORT_COLUMNS: Record<EmployeeListQuery['sort'], string> = {
  lastName: 'lower(e.last_name)',
  firstName: 'lower(e.first_name)',
  email: 'e.email',
  department: 'lower(e.department)',
  title: 'lower(e.title)',
  status: 'e.status',
  createdAt: 'e.created_at',
};

/** A person as the import writes them: the custom fields already merged with what they had. */
export interface EmployeeUpsert {
  email: string;
  firstName: string;
  lastName: string;
  title: string;
  department: string;
  customFields: Record<string, string>;
  language: string | null;
}

/** A row of the status CSV: the person with when they last sent a selfie and were last approved. */
export interface EmployeeStatusRow {
  first_name: string;
  last_name: string;
  email: string;
  title: string;
  department: string;
  custom_fields: Record<string, string>;
  status: string;
  invited_at: Date | null;
  uploaded_at: Date | null;
  approved_at: Date | null;
}

/** The SQL of an org's employee directory. Every query is scoped by org id. */
@Injectable()
export class EmployeesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One page of the directory, filtered and sorted as asked, and how many match. */
  page(orgId: string, q: EmployeeListQuery): Promise<[Employee[], number]> {
    const qb = this.db.getRepository(Employee).createQueryBuilder('e').where('e.org_id = :orgId', { orgId });
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
    return qb.getManyAndCount();
  }

  /** The org's non-empty departments, sorted. */
  async departments(orgId: string): Promise<string[]> {
    const rows = await this.db
      .getRepository(Employee)
      .createQueryBuilder('e')
      .select('DISTINCT e.department', 'department')
      .where('e.org_id = :orgId AND e.department <> :empty', { orgId, empty: '' })
      .orderBy('department')
      .getRawMany<{ department: string }>();
    return rows.map((r) => r.department);
  }

  find(orgId: string, id: string, m: EntityManager = this.db.manager): Promise<Employee | null> {
    return m.getRepository(Employee).findOneBy({ id, orgId });
  }

  findOrFail(orgId: string, id: string, m: EntityManager = this.db.manager): Promise<Employee> {
    return m.getRepository(Employee).findOneByOrFail({ id, orgId });
  }

  emailTaken(orgId: string, email: string): Promise<boolean> {
    return this.db.getRepository(Employee).existsBy({ orgId, email });
  }

  save(e: Employee | Partial<Employee>, m: EntityManager = this.db.manager): Promise<Employee> {
    const repo = m.getRepository(Employee);
    return repo.save(repo.create(e));
  }

  /** The employee's live invite links stop working (a deactivated employee's link must, at once). */
  async revokeActiveInvites(orgId: string, employeeId: string): Promise<void> {
    await this.db.query(`UPDATE invite SET state = 'revoked' WHERE org_id = $1 AND employee_id = $2 AND state = 'active'`, [orgId, employeeId]);
  }

  /** The org's employees with these emails, by email. */
  async byEmail(orgId: string, emails: string[], m: EntityManager = this.db.manager): Promise<Map<string, Employee>> {
    if (emails.length === 0) return new Map();
    const rows = await m.getRepository(Employee).createQueryBuilder('e').where('e.org_id = :orgId AND e.email = ANY(:emails)', { orgId, emails }).getMany();
    return new Map(rows.map((e) => [e.email, e]));
  }

  /**
   * Inserts or updates people by (org, email) in one statement. Without `setLanguage` everyone keeps
   * their language. Rows whose data did not change are skipped, so they come back as neither.
   */
  async upsert(m: EntityManager, orgId: string, people: EmployeeUpsert[], setLanguage: boolean): Promise<{ id: string; inserted: boolean }[]> {
    const params: unknown[] = [orgId, setLanguage];
    const values = people.map((e) => {
      params.push(e.email, e.firstName, e.lastName, e.title, e.department, JSON.stringify(e.customFields), e.language);
      const n = params.length;
      return `($1, $${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}::jsonb, $${n})`;
    });
    return m.query(
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
  }

  /** Every active employee with their latest selfie and approval, by name. */
  statusRows(orgId: string): Promise<EmployeeStatusRow[]> {
    return this.db.query(
      `SELECT e.first_name, e.last_name, e.email, e.title, e.department, e.custom_fields, e.status, e.invited_at,
              (SELECT max(u.created_at) FROM upload u WHERE u.employee_id = e.id AND u.org_id = e.org_id) AS uploaded_at,
              (SELECT max(h.reviewed_at) FROM headshot h WHERE h.employee_id = e.id AND h.org_id = e.org_id AND h.state = 'approved') AS approved_at
         FROM employee e WHERE e.org_id = $1 AND e.deactivated_at IS NULL ORDER BY lower(e.last_name), lower(e.first_name)`,
      [orgId],
    );
  }
}
