import { Injectable, Logger } from '@nestjs/common';
import { INTERACTIVE_JOB, QUEUE, type UploadCheckJobPayload, type UploadCheckWait } from '@teamframe/shared-types';
import type { Job } from 'bullmq';
import { RunsJob } from '../../core/queue/job-handlers';
import { StorageService } from '../../core/storage/storage.service';
import { IntakeRepository } from './intake.repository';
import { type CheckOutcome, PhotoAcceptance } from './photo-acceptance';

/** Thrown inside the recording transaction when another attempt recorded this check first: rolls it back. */
class AlreadySettled extends Error {}

/** A check that cannot finish yet for a reason that passes: the selfie stays kept, its row says why. */
export interface CheckParked {
  kind: 'parked';
  waitingFor: UploadCheckWait;
}

/**
 * Checks a selfie an `api` process stored (see UploadCheckQueue), on the `interactive` queue. The
 * pending row is deleted in the transaction that records the outcome, so a job delivered twice (a
 * retry after a killed worker, the sweep's re-queue) records it once. The stored selfie goes after.
 * A selfie the org has no storage room for, or of an org suspended since it arrived, is parked, not
 * dropped: the employee may already have been told it is kept.
 */
@Injectable()
export class UploadCheckProcessor {
  private readonly logger = new Logger(UploadCheckProcessor.name);

  constructor(
    private readonly repo: IntakeRepository,
    private readonly storage: StorageService,
    private readonly acceptance: PhotoAcceptance,
  ) {}

  @RunsJob(QUEUE.interactive, INTERACTIVE_JOB.uploadCheck)
  async check(job: Job<UploadCheckJobPayload>): Promise<CheckOutcome | CheckParked | { kind: 'settled' }> {
    const pending = await this.repo.findCheck(job.data.checkId);
    if (!pending) return { kind: 'settled' };
    const { employee, org } = await this.repo.employeeAndOrg(pending.orgId, pending.employeeId);
    // A suspended org's work waits, checks included; the sweep brings it back once the suspension is lifted.
    if (org.suspendedAt) return this.park(pending.id, 'suspension');
    const bytes = await this.storage.read(pending.incomingKey);
    const settle = async (m: Parameters<typeof this.repo.settleCheck>[0]) => {
      if (!(await this.repo.settleCheck(m, pending.id))) throw new AlreadySettled();
    };
    let outcome: CheckOutcome;
    try {
      outcome = await this.acceptance.check({ employee, org, inviteId: pending.inviteId }, bytes, settle);
    } catch (e) {
      if (e instanceof AlreadySettled) return { kind: 'settled' };
      throw e;
    }
    // The employee may have been told the selfie is kept (202) and left: it waits for space, never goes.
    if (outcome.kind === 'storage-full') return this.park(pending.id, 'storage');
    // Nothing else should stop a usable selfie; if something does, the job fails and the sweep tries again,
    // then refuses it as CHECK_FAILED where HR and the employee read it, rather than drop it unseen.
    if (outcome.kind === 'error') throw new Error(`upload check ${pending.id} not recorded: ${outcome.code}: ${outcome.message}`);
    // A refusal whose record failed keeps its row: the check runs again later rather than leave no trace.
    if (await this.repo.findCheck(pending.id)) return outcome;
    await this.storage.delete(pending.incomingKey).catch((err: Error) => this.logger.warn({ err: err.message, key: pending.incomingKey }, 'could not delete a checked selfie'));
    return outcome;
  }

  private async park(checkId: string, waitingFor: UploadCheckWait): Promise<CheckParked> {
    await this.repo.parkCheck(checkId, waitingFor);
    this.logger.log({ checkId, waitingFor }, 'upload check parked; the selfie stays kept');
    return { kind: 'parked', waitingFor };
  }
}
