import { Injectable } from '@nestjs/common';
import type { UploadCheckWait } from '@teamframe/shared-types';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, MoreThan } from 'typeorm';
import { Employee } from '../employees/entities/employee.entity';
import { Headshot } from '../headshots/entities/headshot.entity';
import { Org } from '../orgs/entities/org.entity';
import { UploadAttempt } from './entities/upload-attempt.entity';
import { UploadCheck } from './entities/upload-check.entity';
import { Upload } from './entities/upload.entity';

/** The SQL behind an invite link: the employee and org it is for, their consent, selfies and refused attempts. */
@Injectable()
export class IntakeRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The employee and org an invite is for (both must exist: the invite was just found). */
  async employeeAndOrg(orgId: string, employeeId: string): Promise<{ employee: Employee; org: Org }> {
    const [employee, org] = await Promise.all([this.db.getRepository(Employee).findOneByOrFail({ id: employeeId, orgId }), this.db.getRepository(Org).findOneByOrFail({ id: orgId })]);
    return { employee, org };
  }

  async recordConsent(e: Pick<Employee, 'id' | 'orgId'>, at: Date, version: string): Promise<void> {
    await this.db.getRepository(Employee).update({ id: e.id, orgId: e.orgId }, { consentAcceptedAt: at, consentVersion: version });
  }

  insertUpload(m: EntityManager, u: Pick<Upload, 'orgId' | 'employeeId' | 'originalKey' | 'sha256' | 'width' | 'height' | 'bytes' | 'sourceFormat' | 'checks'>): Promise<Upload> {
    return m.getRepository(Upload).save(u);
  }

  /** Keeps a refused selfie's checks (never the photo); returns the attempt's id. */
  async insertAttempt(m: EntityManager, a: Pick<UploadAttempt, 'orgId' | 'employeeId' | 'inviteId' | 'checks'>): Promise<string> {
    const saved = await m.getRepository(UploadAttempt).save(a);
    return saved.id;
  }

  /** Whether a selfie sent through this link is kept and still owed its check, and whether it waits for storage space. */
  async checkState(orgId: string, inviteId: string): Promise<{ checking: boolean; waitingForSpace: boolean }> {
    const [row] = await this.db.query(
      `SELECT count(*) > 0 AS checking, count(*) FILTER (WHERE waiting_for = 'storage') > 0 AS "waitingForSpace" FROM upload_check WHERE org_id = $1 AND invite_id = $2`,
      [orgId, inviteId],
    );
    return row;
  }

  /** The newest refusal of a selfie sent through this link, unless a usable selfie of the employee arrived after it. */
  async lastRefusal(orgId: string, employeeId: string, inviteId: string): Promise<UploadAttempt | null> {
    const attempt = await this.db.getRepository(UploadAttempt).findOne({ where: { orgId, employeeId, inviteId }, order: { createdAt: 'DESC' } });
    if (!attempt) return null;
    const since = await this.db.getRepository(Upload).existsBy({ orgId, employeeId, createdAt: MoreThan(attempt.createdAt) });
    return since ? null : attempt;
  }

  /** Records that a stored selfie is owed its checks (see UploadCheckQueue); returns the row's id. */
  async insertCheck(c: Pick<UploadCheck, 'orgId' | 'employeeId' | 'inviteId' | 'incomingKey'>): Promise<string> {
    const saved = await this.db.getRepository(UploadCheck).save(c);
    return saved.id;
  }

  findCheck(id: string): Promise<UploadCheck | null> {
    return this.db.getRepository(UploadCheck).findOneBy({ id });
  }

  /** Deletes a pending check in the transaction that records its outcome; false when another attempt recorded it first. */
  async settleCheck(m: EntityManager, id: string): Promise<boolean> {
    const res = await m.getRepository(UploadCheck).delete({ id });
    return (res.affected ?? 0) > 0;
  }

  /**
   * Pending checks to queue again: those whose job was queued over `olderThanMs` ago and may be lost, a
   * few re-queues only (a photo that kills workers must not do so for ever), and the parked ones, whose
   * waits never count. A check parked by a suspension comes back as soon as the suspension is lifted. No
   * check of a suspended org is touched: its work waits, as its headshots and exports do.
   */
  staleChecks(olderThanMs: number, maxRequeues: number): Promise<UploadCheck[]> {
    return this.activeOrgChecks()
      .andWhere(
        `((c.queued_at < now() - make_interval(secs => :s) AND (c.requeued < :max OR c.waiting_for IS NOT NULL)) OR c.waiting_for = 'suspension')`,
        { s: olderThanMs / 1000, max: maxRequeues },
      )
      .getMany();
  }

  /** Pending checks that used up their re-queues on failures (not on waits) and whose last try was queued over `olderThanMs` ago: given up on. */
  exhaustedChecks(olderThanMs: number, maxRequeues: number): Promise<UploadCheck[]> {
    return this.activeOrgChecks()
      .andWhere(`c.queued_at < now() - make_interval(secs => :s) AND c.requeued >= :max AND c.waiting_for IS NULL`, { s: olderThanMs / 1000, max: maxRequeues })
      .getMany();
  }

  private activeOrgChecks(limit = 100) {
    return this.db
      .getRepository(UploadCheck)
      .createQueryBuilder('c')
      .innerJoin(Org, 'o', 'o.id = c.org_id AND o.suspended_at IS NULL')
      .orderBy('c.queued_at')
      .limit(limit);
  }

  /** Marks a check queued again; `failedTry` counts the try before toward the give-up, and ends any wait (a wait that crashes the check is a failure). */
  async touchCheck(id: string, failedTry: boolean): Promise<void> {
    await this.db.query(`UPDATE upload_check SET queued_at = now(), requeued = requeued + $2, waiting_for = CASE WHEN $3 THEN NULL ELSE waiting_for END WHERE id = $1`, [id, failedTry ? 1 : 0, failedTry]);
  }

  /** Parks a check whose outcome cannot be recorded yet (storage full, org suspended): kept, and not a failed try. */
  async parkCheck(id: string, waitingFor: UploadCheckWait): Promise<void> {
    await this.db.query(`UPDATE upload_check SET waiting_for = $2, queued_at = now() WHERE id = $1`, [id, waitingFor]);
  }

  /** The employee's newest headshot that is not superseded. */
  latestHeadshot(e: Pick<Employee, 'id' | 'orgId'>): Promise<Headshot | null> {
    return this.db.getRepository(Headshot).findOne({
      where: { orgId: e.orgId, employeeId: e.id, state: In(['queued', 'processing', 'in_review', 'failed', 'approved', 'rejected', 'waiting']) },
      order: { createdAt: 'DESC' },
    });
  }
}
