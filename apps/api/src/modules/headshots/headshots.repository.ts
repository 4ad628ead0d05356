import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EmployeeStatus, HeadshotStateName } from '@teamframe/shared-types';
import { DataSource, type EntityManager, In, type UpdateQueryBuilder } from 'typeorm';
import { Employee } from '../employees/entities/employee.entity';
import { Upload } from '../intake/entities/upload.entity';
import { Batch } from './entities/batch.entity';
import { Headshot, type HeadshotState } from './entities/headshot.entity';

/** Which headshots a move is about: always within one org. */
export interface HeadshotScope {
  orgId: string;
  ids?: readonly string[];
  employeeIds?: readonly string[];
  exceptIds?: readonly string[];
}

/** The columns a move may set besides the state. */
export type HeadshotMoveSet = Partial<Pick<Headshot, 'batchId' | 'styleVersionId' | 'failureReason' | 'renditions' | 'report' | 'qualityScore' | 'reviewedBy' | 'reviewedAt' | 'rejectionReason'>>;

/** A person whose latest headshot a style may be applied to, and whether their selfie is still stored. */
export interface RestyleCandidate {
  headshot_id: string;
  employee_id: string;
  upload_id: string;
  has_selfie: boolean;
}

/**
 * The SQL of headshots and batches. State changes are written only through {@link move} and
 * {@link setEmployeeStatus}, which HeadshotLifecycle alone calls: it owns which moves are legal.
 */
@Injectable()
export class HeadshotsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  find(id: string, orgId?: string, m: EntityManager = this.db.manager): Promise<Headshot | null> {
    return m.getRepository(Headshot).findOneBy(orgId ? { id, orgId } : { id });
  }

  /** The org's waiting headshots (those of the given employees when named). */
  waiting(m: EntityManager, orgId: string, employeeIds?: string[]): Promise<Headshot[]> {
    return m.getRepository(Headshot).find({ where: { orgId, state: 'waiting', ...(employeeIds ? { employeeId: In(employeeIds) } : {}) } });
  }

  insert(m: EntityManager, h: Partial<Headshot>): Promise<Headshot> {
    return m.getRepository(Headshot).save(h);
  }

  /** The next version number of a selfie in a style, holding the selfie's row so two clicks cannot pick the same number. */
  async nextVariant(m: EntityManager, orgId: string, uploadId: string, styleVersionId: string): Promise<number> {
    await m.query(`SELECT id FROM upload WHERE id = $1 AND org_id = $2 FOR UPDATE`, [uploadId, orgId]);
    const [{ next }] = await m.query(`SELECT coalesce(max(variant), -1) + 1 AS next FROM headshot WHERE upload_id = $1 AND style_version_id = $2`, [uploadId, styleVersionId]);
    return Number(next);
  }

  /** One conditional UPDATE: the headshots in scope that are in one of `from` move to `to`; returns the ids that moved. */
  async move(m: EntityManager, scope: HeadshotScope, from: readonly HeadshotState[], to: HeadshotState, set: HeadshotMoveSet): Promise<Set<string>> {
    if ((scope.ids && !scope.ids.length) || (scope.employeeIds && !scope.employeeIds.length)) return new Set();
    const q = m
      .createQueryBuilder()
      .update(Headshot)
      // TypeORM's deep-partial type cannot express the open JSON report; the column is jsonb.
      .set({ ...set, state: to } as Parameters<UpdateQueryBuilder<Headshot>['set']>[0])
      .where('org_id = :orgId AND state IN (:...from)', { orgId: scope.orgId, from })
      .returning('id');
    if (scope.ids) q.andWhere('id IN (:...ids)', { ids: scope.ids });
    if (scope.employeeIds) q.andWhere('employee_id IN (:...employeeIds)', { employeeIds: scope.employeeIds });
    if (scope.exceptIds?.length) q.andWhere('id NOT IN (:...exceptIds)', { exceptIds: scope.exceptIds });
    const result = await q.execute();
    return new Set((result.raw as { id: string }[]).map((r) => r.id));
  }

  /** Sets the employees' status; with `from`, only of those whose status is `from`. */
  async setEmployeeStatus(m: EntityManager, orgId: string, employeeIds: string[], status: EmployeeStatus, from?: EmployeeStatus): Promise<void> {
    if (from) {
      await m.getRepository(Employee).update({ id: In(employeeIds), orgId, status: from }, { status });
      return;
    }
    await m.createQueryBuilder().update(Employee).set({ status }).where('org_id = :orgId AND id IN (:...employeeIds)', { orgId, employeeIds }).execute();
  }

  /** Marks a queued headshot as touched now (still `queued` only), so the sweep waits its full time again. */
  async touchQueued(id: string): Promise<void> {
    await this.db.getRepository(Headshot).update({ id, state: 'queued' }, { updatedAt: new Date() });
  }

  /**
   * Headshots queued longer than `olderThanMs` (at most 5,000), of one org when named. A suspended
   * org's headshots wait (workers would only pause them again).
   */
  stranded(olderThanMs: number, orgId?: string): Promise<Headshot[]> {
    return this.db
      .getRepository(Headshot)
      .createQueryBuilder('h')
      .where(`h.state = 'queued' AND h.updated_at < now() - make_interval(secs => :secs)`, { secs: olderThanMs / 1000 })
      .andWhere(`NOT EXISTS (SELECT 1 FROM org o WHERE o.id = h.org_id AND o.suspended_at IS NOT NULL)`)
      .andWhere(orgId ? 'h.org_id = :orgId' : 'TRUE', { orgId })
      .take(5_000)
      .getMany();
  }

  /** The selfie a headshot is made from. */
  upload(orgId: string, uploadId: string): Promise<Upload> {
    return this.db.getRepository(Upload).findOneByOrFail({ id: uploadId, orgId });
  }

  /**
   * The latest headshot of each active person whose headshot is in `states` on a style other than
   * `styleVersionId`, with nothing newer than it but superseded results.
   */
  restyleCandidates(orgId: string, states: HeadshotStateName[], styleVersionId: string): Promise<RestyleCandidate[]> {
    return this.db.query(
      `SELECT DISTINCT ON (h.employee_id) h.id AS headshot_id, h.employee_id, h.upload_id, (u.original_deleted_at IS NULL) AS has_selfie
         FROM headshot h JOIN upload u ON u.id = h.upload_id AND u.org_id = h.org_id
         JOIN employee e ON e.id = h.employee_id AND e.org_id = h.org_id AND e.deactivated_at IS NULL
        WHERE h.org_id = $1 AND h.state = ANY($2) AND h.style_version_id <> $3
          AND NOT EXISTS (SELECT 1 FROM headshot n WHERE n.employee_id = h.employee_id AND n.org_id = h.org_id AND n.created_at > h.created_at AND n.state <> 'superseded')
        ORDER BY h.employee_id, h.created_at DESC`,
      [orgId, states, styleVersionId],
    );
  }

  /** How many times HR retried this headshot before (read from the audit log). */
  async retries(m: EntityManager, orgId: string, headshotId: string): Promise<number> {
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM audit_event WHERE org_id = $1 AND action = 'headshot.retried' AND subject_id = $2`, [orgId, headshotId]);
    return Number(n);
  }

  insertBatch(m: EntityManager, b: Pick<Batch, 'orgId' | 'styleVersionId' | 'createdBy' | 'total'>): Promise<Batch> {
    return m.getRepository(Batch).save(b);
  }

  batch(orgId: string, id: string): Promise<Batch | null> {
    return this.db.getRepository(Batch).findOneBy({ id, orgId });
  }

  /** The org's 20 latest batches. */
  latestBatches(orgId: string): Promise<Batch[]> {
    return this.db.getRepository(Batch).find({ where: { orgId }, order: { createdAt: 'DESC' }, take: 20 });
  }

  /** A batch's headshots per state, with when one in that state last changed. */
  batchStates(orgId: string, batchId: string): Promise<{ state: HeadshotStateName; n: number; last: Date | null }[]> {
    return this.db.query(`SELECT state, count(*)::int AS n, max(updated_at) AS last FROM headshot WHERE org_id = $1 AND batch_id = $2 GROUP BY state`, [orgId, batchId]);
  }

  /** A batch's failed headshots with the person's name and the reason, by last name (at most 200). */
  batchFailures(orgId: string, batchId: string): Promise<{ headshot_id: string; employee_id: string; name: string; reason: string }[]> {
    return this.db.query(
      `SELECT h.id AS headshot_id, h.employee_id, e.first_name || ' ' || e.last_name AS name, coalesce(h.failure_reason, '') AS reason
         FROM headshot h JOIN employee e ON e.id = h.employee_id AND e.org_id = h.org_id
        WHERE h.org_id = $1 AND h.batch_id = $2 AND h.state = 'failed' ORDER BY e.last_name LIMIT 200`,
      [orgId, batchId],
    );
  }
}
