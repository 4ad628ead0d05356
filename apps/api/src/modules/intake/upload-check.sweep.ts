import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CHECK_MESSAGES, INTERACTIVE_JOB, QUEUE, type UploadCheckJobPayload } from '@teamframe/shared-types';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { StorageService } from '../../core/storage/storage.service';
import { AuditService } from '../audit/audit.service';
import { OrgLimits } from '../orgs/org-limits.service';
import type { UploadCheck } from './entities/upload-check.entity';
import { IntakeRepository } from './intake.repository';
import { checkJobId } from './upload-check.queue';

/** How often each worker looks for checks whose job is gone, and how old a queued job must be to count as lost. */
export const SWEEP_EVERY_MS = 15_000;
export const LOST_AFTER_MS = 120_000;
/**
 * A selfie whose check failed after this many re-queues (say, it kills the worker) is given up on instead
 * of killing more: refused as CHECK_FAILED, so HR reads it among the refused uploads and the employee's
 * page says to send another photo.
 */
export const MAX_REQUEUES = 5;

/**
 * Puts a pending upload check back on the queue when its job is gone: queued while Redis was down,
 * lost when Redis came back empty, or failed for good after a worker died twice during it. Runs in
 * every worker; a job still waiting or running is left alone, and BullMQ's job ids keep two workers
 * sweeping at once from adding it twice. Also brings back the checks parked while the org's storage was
 * full or the org suspended (UploadCheckProcessor), without counting those waits as failed tries.
 */
@Injectable()
export class UploadCheckSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UploadCheckSweep.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: IntakeRepository,
    private readonly storage: StorageService,
    private readonly audit: AuditService,
    private readonly limits: OrgLimits,
    @InjectQueue(QUEUE.interactive) private readonly queue: Queue<UploadCheckJobPayload>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), SWEEP_EVERY_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const requeued = await this.sweep();
      if (requeued) this.logger.log({ requeued }, 'upload checks queued again');
      const given = await this.giveUp();
      if (given) this.logger.warn({ given }, 'upload checks given up after every re-queue failed; refused as CHECK_FAILED');
    } catch (e) {
      this.logger.warn({ err: (e as Error).message }, 'upload check sweep failed; retrying on the next tick');
    } finally {
      this.running = false;
    }
  }

  /**
   * Re-queues the lost checks, and the parked ones whose reason may be gone (see IntakeRepository.staleChecks);
   * returns how many. A check waiting for storage space stays parked while the org has no byte to spare.
   */
  async sweep(olderThanMs = LOST_AFTER_MS): Promise<number> {
    let requeued = 0;
    const room = new Map<string, Promise<boolean>>();
    for (const c of await this.repo.staleChecks(olderThanMs, MAX_REQUEUES)) {
      const id = checkJobId(c.id);
      const job = await this.queue.getJob(id);
      const state = await job?.getState();
      if (await this.stillRunning(c, state)) continue;
      if (c.waitingFor === 'storage' && state !== 'failed') {
        if (!room.has(c.orgId)) room.set(c.orgId, this.limits.hasStorageRoom(c.orgId));
        if (!(await room.get(c.orgId))) {
          await this.repo.touchCheck(c.id, false);
          continue;
        }
      }
      // BullMQ treats a known id as a duplicate: a finished job under it goes first.
      await job?.remove();
      await this.queue.add(INTERACTIVE_JOB.uploadCheck, { checkId: c.id }, { jobId: id, removeOnComplete: { age: 300 } });
      // A wait (storage full, org suspended) is no failed try; a check that failed on its way back from one is.
      await this.repo.touchCheck(c.id, c.waitingFor === null || state === 'failed');
      requeued++;
    }
    return requeued;
  }

  /**
   * Refuses the checks that failed on every re-queue as CHECK_FAILED (recorded once, in the transaction
   * that removes the pending row, like any refusal) and deletes their selfies; returns how many.
   */
  async giveUp(olderThanMs = LOST_AFTER_MS): Promise<number> {
    let given = 0;
    const { sentence } = CHECK_MESSAGES.CHECK_FAILED;
    for (const c of await this.repo.exhaustedChecks(olderThanMs, MAX_REQUEUES)) {
      if (await this.stillRunning(c, await (await this.queue.getJob(checkJobId(c.id)))?.getState())) continue;
      const recorded = await this.db.transaction(async (m) => {
        if (!(await this.repo.settleCheck(m, c.id))) return false;
        const attemptId = await this.repo.insertAttempt(m, { orgId: c.orgId, employeeId: c.employeeId, inviteId: c.inviteId, checks: [{ code: 'CHECK_FAILED', sentence }] });
        await this.audit.record({ orgId: c.orgId, actorUserId: null, action: 'upload.refused', subjectType: 'employee', subjectId: c.employeeId, details: { attemptId, codes: ['CHECK_FAILED'], tries: c.requeued + 1 } }, m);
        return true;
      });
      if (!recorded) continue;
      await this.storage.delete(c.incomingKey).catch((err: Error) => this.logger.warn({ err: err.message, key: c.incomingKey }, 'could not delete a selfie given up on'));
      given++;
    }
    return given;
  }

  /** A job still waiting or running is left alone (its queued time moves on, so it is looked at again later). */
  private async stillRunning(c: UploadCheck, state: string | undefined): Promise<boolean> {
    if (!state || ['completed', 'failed', 'unknown'].includes(state)) return false;
    await this.repo.touchCheck(c.id, false);
    return true;
  }
}
