import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Generator, PrecheckOutcome } from '@teamframe/pipeline';
import { type ErrorCode, StyleSchema } from '@teamframe/shared-types';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../../core/http/domain-error';
import { GENERATOR } from '../../core/pipeline/generator.token';
import { StorageService } from '../../core/storage/storage.service';
import { AuditService } from '../audit/audit.service';
import type { Employee } from '../employees/entities/employee.entity';
import { HeadshotLifecycle } from '../headshots/headshot-lifecycle';
import { HeadshotQueueService } from '../headshots/headshot-queue.service';
import { OrgLimits, StorageFull } from '../orgs/org-limits.service';
import type { Org } from '../orgs/entities/org.entity';
import { StylesService } from '../styles/styles.service';
import { IntakeRepository } from './intake.repository';

type Check = PrecheckOutcome['checks'][number];

/**
 * What the instant checks decided, in the engine's English (the caller puts it in the employee's
 * language). Plain data: it crosses the interactive queue when a worker checked for an `api` process,
 * so a DomainError met on the way travels as its code and sentence. A usable selfie the org's storage
 * has no room for is `storage-full`: the caller decides whether it is kept (a worker's check of a selfie
 * the employee was told is kept) or refused at once (an `all` process, which kept nothing yet).
 */
export type CheckOutcome =
  | { kind: 'accepted'; uploadId: string; status: 'processing' | 'uploaded'; checks: Check[] }
  | { kind: 'refused'; checks: Check[] }
  | { kind: 'storage-full'; message: string }
  | { kind: 'error'; code: ErrorCode; message: string };

/** Runs in the transaction that records the outcome: the queued path deletes its pending row there, so an outcome is recorded once. */
export type Settle = (m: EntityManager) => Promise<void>;

/**
 * The instant checks of one selfie and what follows from them, wherever they run (in the process that
 * took the upload for role `all`, in a worker for role `api`): refused, the reasons are kept for HR
 * (never the photo); usable, the clean original is stored, then the upload and its headshot are
 * recorded, then the headshot job is queued (after the commit).
 */
@Injectable()
export class PhotoAcceptance {
  private readonly logger = new Logger(PhotoAcceptance.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: IntakeRepository,
    private readonly storage: StorageService,
    private readonly styles: StylesService,
    private readonly queue: HeadshotQueueService,
    private readonly lifecycle: HeadshotLifecycle,
    private readonly audit: AuditService,
    @Inject(GENERATOR) private readonly generator: Generator,
    private readonly limits: OrgLimits,
  ) {}

  async check(who: { employee: Employee; org: Org; inviteId: string | null }, bytes: Buffer, settle?: Settle): Promise<CheckOutcome> {
    try {
      return await this.checkAndRecord(who, bytes, settle);
    } catch (e) {
      if (e instanceof StorageFull) return { kind: 'storage-full', message: e.message };
      if (e instanceof DomainError) return { kind: 'error', code: e.code, message: e.message };
      throw e;
    }
  }

  private async checkAndRecord({ employee, org, inviteId }: { employee: Employee; org: Org; inviteId: string | null }, bytes: Buffer, settle?: Settle): Promise<CheckOutcome> {
    // the style's framing decides at once whether the photo shows enough of the person
    const style = StyleSchema.parse((await this.styles.current(org.id)).document);
    const outcome = await this.generator.precheck(bytes, style);
    if (!outcome.ok || !outcome.clean) {
      await this.recordRefusal(inviteId, employee, outcome.checks, settle);
      return { kind: 'refused', checks: outcome.checks };
    }
    const clean = outcome.clean;
    await this.limits.assertStorageFits(org.id, clean.bytes.length);
    const sha = createHash('sha256').update(clean.bytes).digest('hex');
    const key = `org/${org.id}/employee/${employee.id}/original/${sha}.jpg`;
    await this.storage.put(key, clean.bytes);

    const { upload, headshot } = await this.db.transaction(async (m) => {
      await settle?.(m);
      const style = await this.styles.current(org.id, m);
      const upload = await this.repo.insertUpload(m, {
        orgId: org.id,
        employeeId: employee.id,
        originalKey: key,
        sha256: sha,
        width: clean.width,
        height: clean.height,
        bytes: clean.bytes.length,
        sourceFormat: clean.sourceFormat,
        checks: outcome.checks,
      });
      const headshot = await this.lifecycle.arrive(m, { orgId: org.id, employeeId: employee.id, uploadId: upload.id, styleVersionId: style.id, queueNow: org.processingMode === 'on_arrival' });
      await this.audit.record({ orgId: org.id, actorUserId: null, action: 'upload.accepted', subjectType: 'employee', subjectId: employee.id, details: { uploadId: upload.id, bytes: clean.bytes.length } }, m);
      return { upload, headshot };
    });
    if (org.processingMode === 'on_arrival') {
      try {
        await this.queue.addJobs([headshot]);
      } catch (e) {
        // The selfie is safe in storage and in the database; the maintenance sweep queues it later.
        this.logger.warn({ err: e, headshotId: headshot.id }, 'could not queue the headshot now; the sweep will');
      }
    }
    return { kind: 'accepted', uploadId: upload.id, status: org.processingMode === 'on_arrival' ? 'processing' : 'uploaded', checks: outcome.checks };
  }

  /**
   * Keeps why a selfie was refused (codes and sentences, never the photo) for HR, and audits it. A
   * failure to record must not hide the refusal from the employee, so it is logged and passed over.
   */
  private async recordRefusal(inviteId: string | null, employee: Employee, checks: Check[], settle?: Settle): Promise<void> {
    const reasons = checks.map(({ code, sentence }) => ({ code, sentence }));
    await this.db
      .transaction(async (m) => {
        await settle?.(m);
        const attemptId = await this.repo.insertAttempt(m, { orgId: employee.orgId, employeeId: employee.id, inviteId, checks: reasons });
        await this.audit.record({ orgId: employee.orgId, actorUserId: null, action: 'upload.refused', subjectType: 'employee', subjectId: employee.id, details: { attemptId, codes: reasons.map((r) => r.code) } }, m);
      })
      .catch((err: Error) => this.logger.warn({ err, employeeId: employee.id }, 'could not record the refused upload'));
  }
}
