import { Injectable } from '@nestjs/common';
import { MAINTENANCE_JOB, QUEUE, type ResumeOrgWorkPayload } from '@teamframe/shared-types';
import type { Job } from 'bullmq';
import { RunsJob } from '../../core/queue/job-handlers';
import { HeadshotQueueService } from '../headshots/headshot-queue.service';
import { PausedExports } from '../orgs/suspended-work';

/** Puts work back on its queue: headshots whose job was lost, and what waited while an org was suspended. */
@Injectable()
export class WorkSweep {
  constructor(
    private readonly headshots: HeadshotQueueService,
    private readonly pausedExports: PausedExports,
  ) {}

  /** Every two minutes; also where paused work of an org unsuspended by the CLI (which reaches no queue) resumes. */
  @RunsJob(QUEUE.maintenance, MAINTENANCE_JOB.requeueStrandedHeadshots)
  async sweep(): Promise<{ requeued: number; exportsResumed: number }> {
    return { requeued: await this.headshots.requeueStranded(), exportsResumed: await this.pausedExports.resume() };
  }

  /** The operator API lifted one org's suspension: its paused work goes back on the queues at once. */
  @RunsJob(QUEUE.maintenance, MAINTENANCE_JOB.resumeOrgWork)
  async resumeOrg(job: Job<ResumeOrgWorkPayload>): Promise<{ requeued: number; exportsResumed: number }> {
    return { requeued: await this.headshots.requeueStranded(0, job.data.orgId), exportsResumed: await this.pausedExports.resume(job.data.orgId) };
  }
}
