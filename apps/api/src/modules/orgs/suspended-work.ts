import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { EXPORT_JOB, QUEUE } from '@teamframe/shared-types';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ExportsRepository } from '../exports/exports.repository';
import { OrgsRepository } from './orgs.repository';

/**
 * What a headshot or export of a suspended org says while it waits (headshot.failure_reason,
 * export.error): workers take no job of a suspended org, they put it back to `queued` with this
 * sentence, and the maintenance sweep (or the operator's unsuspend, at once) queues it again once the
 * suspension is lifted.
 */
export const PAUSED_WHILE_SUSPENDED = 'Paused: this organisation is suspended. It resumes by itself when the suspension is lifted.';

/** For the workers' processors, which hold a DataSource; the question is the repository's. */
export function orgIsSuspended(db: DataSource, orgId: string): Promise<boolean> {
  return new OrgsRepository(db).isSuspended(orgId);
}

/** Queues again the exports that waited for a suspension to end (headshots: HeadshotQueueService.requeueStranded). */
@Injectable()
export class PausedExports {
  constructor(
    private readonly exports: ExportsRepository,
    @InjectQueue(QUEUE.export) private readonly queue: Queue,
  ) {}

  /** Every paused export of orgs no longer suspended (of one org when given); returns how many were queued. */
  async resume(orgId?: string): Promise<number> {
    let resumed = 0;
    for (const id of await this.exports.pausedIds(PAUSED_WHILE_SUSPENDED, orgId)) {
      const jobId = `export-${id}`;
      const job = await this.queue.getJob(jobId);
      const state = await job?.getState();
      if (state && !['completed', 'failed', 'unknown'].includes(state)) continue;
      // A finished job keeps its id: BullMQ would take a new one under it for a duplicate.
      await job?.remove();
      await this.exports.move(id, 'queued', { error: null });
      await this.queue.add(EXPORT_JOB.build, { exportId: id }, { jobId });
      resumed++;
    }
    return resumed;
  }
}
