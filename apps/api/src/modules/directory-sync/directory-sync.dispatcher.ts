import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DIRECTORY_JOB, type DirectoryPhotoPayload, type DirectoryRemovalPayload, QUEUE } from '@teamframe/shared-types';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { OUTBOX_BATCH as BATCH, OutboxPoller } from '../../core/queue/outbox-poller';
import { DirectorySyncRepository } from './directory-sync.repository';

/**
 * Moves pending photo syncs (and removals after an erasure) to the `directory` queue about once a second in every worker (SKIP LOCKED
 * shares the rows between workers; a tick that cannot reach Redis rolls back and tries again). The job id
 * carries the moment the row was marked, so a re-run after a failure is a new job, a double dispatch is not.
 */
@Injectable()
export class DirectorySyncDispatcher extends OutboxPoller {
  protected readonly logger = new Logger(DirectorySyncDispatcher.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: DirectorySyncRepository,
    @InjectQueue(QUEUE.directory) private readonly queue: Queue,
  ) {
    super();
  }

  protected async dispatchBatches(): Promise<number[]> {
    return [await this.dispatchBatch(), await this.dispatchRemovals()];
  }

  private async dispatchBatch(): Promise<number> {
    return this.db.transaction(async (m) => {
      const rows = await this.repo.claimPendingPushes(m, BATCH);
      if (rows.length === 0) return 0;
      await this.queue.addBulk(
        rows.map((r) => ({
          name: DIRECTORY_JOB.pushPhoto,
          data: { employeeId: r.employee_id, connectionId: r.connection_id, headshotId: r.headshot_id } satisfies DirectoryPhotoPayload,
          opts: { jobId: `${r.employee_id}-${r.connection_id}-${r.marked}` },
        })),
      );
      for (const r of rows) {
        await this.repo.markQueued(m, r.employee_id, r.connection_id);
      }
      return rows.length;
    });
  }

  private async dispatchRemovals(): Promise<number> {
    return this.db.transaction(async (m) => {
      const ids = await this.repo.claimPendingRemovals(m, BATCH);
      if (ids.length === 0) return 0;
      await this.queue.addBulk(ids.map((id) => ({ name: DIRECTORY_JOB.removePhoto, data: { removalId: id } satisfies DirectoryRemovalPayload, opts: { jobId: `removal-${id}` } })));
      await this.repo.markRemovalsQueued(m, ids);
      return ids.length;
    });
  }
}
