import { Injectable, Logger } from '@nestjs/common';
import { INTERACTIVE_JOB, QUEUE, type UploadCheckJobPayload } from '@teamframe/shared-types';
import type { Job } from 'bullmq';
import { RunsJob } from '../../core/queue/job-handlers';
import { StorageService } from '../../core/storage/storage.service';
import { IntakeRepository } from './intake.repository';
import { type CheckOutcome, PhotoAcceptance } from './photo-acceptance';

/** Thrown inside the recording transaction when another attempt recorded this check first: rolls it back. */
class AlreadySettled extends Error {}

/**
 * Checks a selfie an `api` process stored (see UploadCheckQueue), on the `interactive` queue. The
 * pending row is deleted in the transaction that records the outcome, so a job delivered twice (a
 * retry after a killed worker, the sweep's re-queue) records it once. The stored selfie goes after.
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
  async check(job: Job<UploadCheckJobPayload>): Promise<CheckOutcome | { kind: 'settled' }> {
    const pending = await this.repo.findCheck(job.data.checkId);
    if (!pending) return { kind: 'settled' };
    const { employee, org } = await this.repo.employeeAndOrg(pending.orgId, pending.employeeId);
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
    // The employee was told why (storage full, org suspended), as for a selfie checked in-process: nothing is kept.
    if (outcome.kind === 'error') await this.repo.deleteCheck(pending.id);
    // A refusal whose record failed keeps its row: the check runs again later rather than leave no trace.
    else if (await this.repo.findCheck(pending.id)) return outcome;
    await this.storage.delete(pending.incomingKey).catch((err: Error) => this.logger.warn({ err: err.message, key: pending.incomingKey }, 'could not delete a checked selfie'));
    return outcome;
  }
}
