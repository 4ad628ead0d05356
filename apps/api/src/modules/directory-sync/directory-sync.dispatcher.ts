import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DIRECTORY_JOB, type DirectoryPhotoPayload, type DirectoryRemovalPayload, QUEUE } from '@teamframe/shared-types';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { OUTBOX_BATCH as BATCH, OutboxPoller } from '../../core/queue/outbox-poller';

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
    @InjectQueue(QUEUE.directory) private readonly queue: Queue,
  ) {
    super();
  }

  protected async dispatchBatches(): Promise<number[]> {
    return [await this.dispatchBatch(), await this.dispatchRemovals()];
  }

  private async dispatchBatch(): Promise<number> {
    return this.db.transaction(async (m) => {
      const rows: { employee_id: string; connection_id: string; headshot_id: string; marked: string }[] = await m.query(
        `SELECT employee_id, connection_id, headshot_id, (extract(epoch FROM updated_at) * 1000)::bigint::text AS marked
           FROM directory_photo_sync WHERE state = 'pending' ORDER BY updated_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      await this.queue.addBulk(
        rows.map((r) => ({
          name: DIRECTORY_JOB.pushPhoto,
          data: { employeeId: r.employee_id, connectionId: r.connection_id, headshotId: r.headshot_id } satisfies DirectoryPhotoPayload,
          opts: { jobId: `${r.employee_id}-${r.connection_id}-${r.marked}` },
        })),
      );
      for (const r of rows) {
        await m.query(`UPDATE directory_photo_sync SET state = 'queued', updated_at = now() WHERE employee_id = $1 AND connection_id = $2`, [r.employee_id, r.connection_id]);
      }
      return rows.length;
    });
  }

  private async dispatchRemovals(): Promise<number> {
    return this.db.transaction(async (m) => {
      const rows: { id: string }[] = await m.query(`SELECT id FROM directory_photo_removal WHERE state = 'pending' ORDER BY created_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`);
      if (rows.length === 0) return 0;
      await this.queue.addBulk(rows.map((r) => ({ name: DIRECTORY_JOB.removePhoto, data: { removalId: r.id } satisfies DirectoryRemovalPayload, opts: { jobId: `removal-${r.id}` } })));
      await m.query(`UPDATE directory_photo_removal SET state = 'queued', updated_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }
}
