import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ExportFilter, ExportState } from '@teamframe/shared-types';
import { DataSource, type EntityManager, In, LessThan } from 'typeorm';
import type { StoredRendition } from '../headshots/entities/headshot.entity';
import { Export } from './entities/export.entity';

const LIST_LIMIT = 50;

/** One person of an export with their approved headshot's renditions. */
export interface ApprovedRow {
  employee_id: string;
  first_name: string;
  last_name: string;
  title: string;
  department: string;
  email: string;
  custom_fields: Record<string, string>;
  reviewed_at: Date | null;
  updated_at: Date;
  renditions: StoredRendition[];
}

/** The columns a state change may set with it. */
type ExportChange = Partial<Pick<Export, 'state' | 'progress' | 'people' | 'employeeIds' | 'error' | 'fileKey' | 'size' | 'expiresAt'>>;

// The approved headshot of each employee: at most one exists (approval supersedes the others), but
// DISTINCT ON keeps an export to one per person even if that ever failed.
function approvedSql(filter: ExportFilter, columns: string): string {
  const where = ['h.org_id = $1', "h.state = 'approved'", 'e.deactivated_at IS NULL'];
  if (filter.scope === 'department') where.push('e.department = $2');
  if (filter.scope === 'selection') where.push('e.id = ANY($2::uuid[])');
  return `SELECT ${columns} FROM (
            SELECT DISTINCT ON (employee_id) * FROM headshot h WHERE h.org_id = $1 AND h.state = 'approved' ORDER BY employee_id, reviewed_at DESC NULLS LAST
          ) h JOIN employee e ON e.id = h.employee_id AND e.org_id = h.org_id
          WHERE ${where.join(' AND ')}`;
}

function approvedParams(orgId: string, filter: ExportFilter): unknown[] {
  if (filter.scope === 'department') return [orgId, filter.department];
  if (filter.scope === 'selection') return [orgId, filter.employeeIds];
  return [orgId];
}

/** The SQL of exports: their rows and state changes, who is in one, and the org's export settings. */
@Injectable()
export class ExportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** How many people in the filter have an approved headshot (only the org's own, never deactivated people). */
  async countApproved(orgId: string, filter: ExportFilter): Promise<number> {
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM (${approvedSql(filter, 'h.id')}) x`, approvedParams(orgId, filter));
    return n;
  }

  /** Everyone in the filter with an approved headshot, in name order. */
  approved(orgId: string, filter: ExportFilter): Promise<ApprovedRow[]> {
    return this.db.query(
      `${approvedSql(filter, 'e.id AS employee_id, e.first_name, e.last_name, e.title, e.department, e.email, e.custom_fields, h.reviewed_at, h.updated_at, h.renditions')}
       ORDER BY lower(e.last_name), lower(e.first_name), e.id`,
      approvedParams(orgId, filter),
    );
  }

  insert(m: EntityManager, e: Pick<Export, 'orgId' | 'createdBy' | 'filter' | 'renditions' | 'naming' | 'includeEmail'>): Promise<Export> {
    return m.getRepository(Export).save(e);
  }

  /** An export, of one org when named. */
  find(id: string, orgId?: string): Promise<Export | null> {
    return this.db.getRepository(Export).findOneBy(orgId ? { id, orgId } : { id });
  }

  findOrFail(id: string, orgId?: string): Promise<Export> {
    return this.db.getRepository(Export).findOneByOrFail(orgId ? { id, orgId } : { id });
  }

  /** The org's latest exports, newest first. */
  latest(orgId: string): Promise<Export[]> {
    return this.db.getRepository(Export).find({ where: { orgId }, order: { createdAt: 'DESC' }, take: LIST_LIMIT });
  }

  /** Finished exports past their time (of one org when named), at most 1,000. */
  expired(orgId?: string): Promise<Export[]> {
    return this.db.getRepository(Export).find({ where: { state: 'done', expiresAt: LessThan(new Date()), ...(orgId ? { orgId } : {}) }, take: 1_000 });
  }

  /** Changes an export that is in one of `from`; false when it had moved on. */
  async move(id: string, from: ExportState | ExportState[], change: ExportChange): Promise<boolean> {
    const r = await this.db.getRepository(Export).update({ id, state: Array.isArray(from) ? In(from) : from }, change);
    return Boolean(r.affected);
  }

  /** Queued exports parked with `reason` whose org is no longer suspended (of one org when given), at most 1,000. */
  async pausedIds(reason: string, orgId?: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT e.id FROM export e JOIN org o ON o.id = e.org_id AND o.suspended_at IS NULL
        WHERE e.state = 'queued' AND e.error = $1 AND ($2::uuid IS NULL OR e.org_id = $2) LIMIT 1000`,
      [reason, orgId ?? null],
    );
    return rows.map((r) => r.id);
  }

  /** The org's active departments, sorted. */
  async departments(orgId: string): Promise<string[]> {
    const rows: { department: string }[] = await this.db.query(`SELECT DISTINCT department FROM employee WHERE org_id = $1 AND department <> '' AND deactivated_at IS NULL ORDER BY department`, [orgId]);
    return rows.map((d) => d.department);
  }
}
