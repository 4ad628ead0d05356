import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HeadshotAdjustments, ReviewListQuery } from '@teamframe/shared-types';
import { DataSource, type EntityManager, In, MoreThan } from 'typeorm';
import { Employee } from '../employees/entities/employee.entity';
import { Headshot, type HeadshotState } from '../headshots/entities/headshot.entity';
import { Upload } from '../intake/entities/upload.entity';
import { Invite } from '../invites/entities/invite.entity';

/** A rendition's name and size, as the review list shows it. */
export interface RenditionSize {
  name: string;
  width: number;
  height: number;
}

/** The latest headshot of one person with their name and department, and how many match the page's filter. */
export interface ReviewRow {
  id: string;
  employee_id: string;
  upload_id: string;
  state: HeadshotState;
  variant: number;
  result_no: number;
  adjustments: HeadshotAdjustments | null;
  quality_score: number | null;
  report: { warnings?: { code: string; message: string }[] } | null;
  renditions: RenditionSize[];
  failure_reason: string | null;
  rejection_reason: string | null;
  reviewed_at: Date | null;
  created_at: Date;
  first_name: string;
  last_name: string;
  title: string;
  department: string;
  total: number;
}

/** The SQL review reads and locks: headshots with their people, selfies, refused attempts, and the decision mail's facts. */
@Injectable()
export class ReviewRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One page of the latest headshot of each active person, in the asked state, by name. */
  page(orgId: string, q: ReviewListQuery): Promise<ReviewRow[]> {
    const params: unknown[] = [orgId, q.state];
    const where: string[] = ['l.state = $2', 'e.deactivated_at IS NULL'];
    if (q.department) {
      params.push(q.department);
      where.push(`e.department = $${params.length}`);
    }
    if (q.q) {
      params.push(`%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(lower(e.first_name || ' ' || e.last_name) LIKE $${params.length} OR e.email LIKE $${params.length})`);
    }
    params.push(q.pageSize, (q.page - 1) * q.pageSize);
    return this.db.query(
      `WITH latest AS (
         SELECT DISTINCT ON (h.employee_id) h.* FROM headshot h
          WHERE h.org_id = $1 AND h.state <> 'superseded'
          ORDER BY h.employee_id, h.created_at DESC
       )
       SELECT l.id, l.employee_id, l.upload_id, l.state, l.variant,
              (SELECT count(*) FROM headshot x WHERE x.upload_id = l.upload_id AND x.org_id = l.org_id AND x.created_at <= l.created_at)::int AS result_no,
              l.adjustments, l.quality_score, l.report, l.renditions,
              l.failure_reason, l.rejection_reason, l.reviewed_at, l.created_at,
              e.first_name, e.last_name, e.title, e.department, count(*) OVER ()::int AS total
         FROM latest l JOIN employee e ON e.id = l.employee_id AND e.org_id = l.org_id
        WHERE ${where.join(' AND ')}
        ORDER BY lower(e.last_name), lower(e.first_name), e.id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
  }

  /** A headshot matching `where` (its id, and the org and state when the caller is limited to them). */
  headshot(where: { id: string; orgId?: string; state?: 'approved' }): Promise<Headshot | null> {
    return this.db.getRepository(Headshot).findOneBy(where);
  }

  /** The org's headshots among `ids`, locked for the caller's transaction. */
  lockHeadshots(m: EntityManager, orgId: string, ids: string[]): Promise<Headshot[]> {
    return m.getRepository(Headshot).find({ where: { id: In(ids), orgId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Every result made from one selfie, oldest first. */
  resultsOf(orgId: string, uploadId: string): Promise<Headshot[]> {
    return this.db.getRepository(Headshot).find({ where: { orgId, uploadId }, order: { createdAt: 'ASC', variant: 'ASC' } });
  }

  upload(where: { id: string; orgId?: string }, m: EntityManager = this.db.manager): Promise<Upload | null> {
    return m.getRepository(Upload).findOneBy(where);
  }

  employee(orgId: string, id: string, m: EntityManager = this.db.manager): Promise<Employee | null> {
    return m.getRepository(Employee).findOneBy({ id, orgId });
  }

  employeeOrFail(m: EntityManager, orgId: string, id: string): Promise<Employee> {
    return m.getRepository(Employee).findOneByOrFail({ id, orgId });
  }

  async employeeExists(orgId: string, id: string): Promise<boolean> {
    const [e] = await this.db.query(`SELECT 1 FROM employee WHERE id = $1 AND org_id = $2`, [id, orgId]);
    return Boolean(e);
  }

  /** The employee's refused selfies (the checks they were shown), newest first, at most 100. */
  refusedUploads(orgId: string, employeeId: string): Promise<{ created_at: Date; checks: { code: string; sentence: string }[] }[]> {
    return this.db.query(`SELECT created_at, checks FROM upload_attempt WHERE org_id = $1 AND employee_id = $2 ORDER BY created_at DESC LIMIT 100`, [orgId, employeeId]);
  }

  /** The employee's newest invite link that still works, if any. */
  liveInvite(orgId: string, employeeId: string): Promise<Invite | null> {
    return this.db.getRepository(Invite).findOne({ where: { orgId, employeeId, state: 'active', expiresAt: MoreThan(new Date()) }, order: { createdAt: 'DESC' } });
  }

  async markInviteSent(id: string): Promise<void> {
    await this.db.getRepository(Invite).update({ id }, { sentAt: new Date() });
  }
}
