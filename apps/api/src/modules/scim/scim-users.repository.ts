import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type ScimEqFilter, scimFilterSql } from './scim-filter';
import type { ScimUserRow } from './scim-user-mapping';

/** The user attributes a SCIM filter may compare, with the SQL each one becomes. */
export const SCIM_USER_FILTERS = ['username', 'externalid', 'emails.value', 'emails', 'id', 'active'] as const;
const FILTER_SQL: Record<(typeof SCIM_USER_FILTERS)[number], string> = {
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
 * The SQL of SCIM users: the identity provider's names for an employee (scim_user), read together with
 * the employee. Employee rows are only read here; SCIM changes them through the employees service.
 */
@Injectable()
export class ScimUsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One page of the org's SCIM users matching every filter, and how many match in all. */
  async page(orgId: string, filters: ScimEqFilter[], count: number, startIndex: number): Promise<{ total: number; rows: ScimUserRow[] }> {
    const { where, params } = scimFilterSql(orgId, filters, FILTER_SQL);
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total ${FROM}${where}`, params);
    const rows: ScimUserRow[] = count === 0 ? [] : await this.db.query(`SELECT ${COLUMNS} ${FROM}${where} ORDER BY e.created_at, e.id LIMIT ${count} OFFSET ${startIndex - 1}`, params);
    return { total, rows };
  }

  /** A user SCIM sees (not deleted over SCIM). */
  async find(orgId: string, id: string): Promise<ScimUserRow | undefined> {
    const [row]: ScimUserRow[] = await this.db.query(`SELECT ${COLUMNS} ${FROM} AND e.id = $2`, [orgId, id]);
    return row;
  }

  /** The employee with its SCIM names, also when SCIM deleted it. */
  async findAny(orgId: string, id: string): Promise<ScimUserRow | undefined> {
    const [row]: ScimUserRow[] = await this.db.query(`SELECT ${COLUMNS} FROM employee e LEFT JOIN scim_user s ON s.employee_id = e.id WHERE e.org_id = $1 AND e.id = $2`, [orgId, id]);
    return row;
  }

  /** The person with this work e-mail or userName (the userName match first), and whether SCIM manages them now. */
  async findByEmailOrUserName(orgId: string, email: string, userName: string): Promise<{ id: string; managed: boolean } | undefined> {
    const [existing]: { id: string; managed: boolean }[] = await this.db.query(
      `SELECT e.id, (s.employee_id IS NOT NULL AND s.deleted_at IS NULL) AS managed
         FROM employee e LEFT JOIN scim_user s ON s.employee_id = e.id AND s.org_id = e.org_id
        WHERE e.org_id = $1 AND (e.email = $2 OR lower(s.user_name) = lower($3))
        ORDER BY (lower(s.user_name) = lower($3)) DESC NULLS LAST LIMIT 1`,
      [orgId, email, userName],
    );
    return existing;
  }

  /** Another user of the org (not `selfId`) holding this userName or externalId. */
  async identityClash(orgId: string, selfId: string | null, userName: string, externalId: string | null): Promise<{ user_name: string; external_id: string | null } | undefined> {
    const [clash]: { user_name: string; external_id: string | null }[] = await this.db.query(
      `SELECT user_name, external_id FROM scim_user WHERE org_id = $1 AND employee_id IS DISTINCT FROM $2 AND (lower(user_name) = lower($3) OR external_id = $4)`,
      [orgId, selfId, userName, externalId],
    );
    return clash;
  }

  // Reads the employee table; belongs in the employees repository (h-repos-a's) once it has this question.
  async emailTaken(orgId: string, email: string, selfId: string | null): Promise<boolean> {
    const [taken] = await this.db.query(`SELECT 1 FROM employee WHERE org_id = $1 AND email = $2 AND id IS DISTINCT FROM $3`, [orgId, email, selfId]);
    return Boolean(taken);
  }

  /** Sets the SCIM names of an employee, and brings back one SCIM had deleted. */
  async upsertIdentity(orgId: string, employeeId: string, userName: string, externalId: string | null): Promise<void> {
    await this.db.query(
      `INSERT INTO scim_user (employee_id, org_id, user_name, external_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (employee_id) DO UPDATE SET user_name = EXCLUDED.user_name, external_id = EXCLUDED.external_id, deleted_at = NULL`,
      [employeeId, orgId, userName, externalId],
    );
  }

  /** From now on SCIM answers 404 for this employee, until its userName is provisioned again. */
  async markDeleted(orgId: string, employeeId: string, userName: string): Promise<void> {
    await this.db.query(
      `INSERT INTO scim_user (employee_id, org_id, user_name, deleted_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (employee_id) DO UPDATE SET deleted_at = now()`,
      [employeeId, orgId, userName],
    );
  }
}
