import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { INTERACTIVE_JOB, QUEUE, type UploadCheckJobPayload, type UploadCheckWait } from '@teamframe/shared-types';
import { type Queue, QueueEvents } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { waitForJob } from '../../core/queue/job-result';
import { StorageService } from '../../core/storage/storage.service';
import type { CheckOutcome } from './photo-acceptance';
import { IntakeRepository } from './intake.repository';
import type { CheckParked } from './upload-check.processor';

/**
 * How long an upload waits for a worker's answer. A free worker answers in about a second, twenty
 * uploads at once on one busy 2-core worker in up to ~9 s (tools/bench/roles.mjs); past this the
 * employee is told the photo is kept and will be checked, rather than watch a spinner.
 */
export const CHECK_WAIT_MS = 15_000;

/**
 * A check a worker did not answer in time (none running, Redis away, all busy), or parked (see
 * UploadCheckProcessor): the selfie is kept and checked later; `waitingFor` says what it waits for when known.
 */
export interface CheckPending {
  kind: 'pending';
  waitingFor?: UploadCheckWait;
}

export const checkJobId = (checkId: string) => `upload-check-${checkId}`;

/** BullMQ waits for Redis for ever; an upload must not. A command sent late is harmless (the check is recorded once). */
const REDIS_TIMEOUT_MS = 5_000;
function withTimeout<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Redis did not answer within ${REDIS_TIMEOUT_MS} ms`)), REDIS_TIMEOUT_MS)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * The instant checks of an `api` process, done by the workers (issue 16): the api holds no pixel
 * threads or models, so it stays small under many uploads. The selfie is stored first and a row
 * records that it is owed a check; the job on the `interactive` queue (which batches never occupy)
 * names that row, never the bytes. Whatever happens after the row is written — no worker, Redis
 * down or emptied, a worker killed mid-check — the photo is not lost: the job is retried, or the
 * workers' sweep (UploadCheckSweep) queues it again, and the outcome is recorded once.
 */
@Injectable()
export class UploadCheckQueue implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(UploadCheckQueue.name);
  private events?: QueueEvents;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUE.interactive) private readonly queue: Queue<UploadCheckJobPayload>,
    private readonly storage: StorageService,
    private readonly repo: IntakeRepository,
  ) {}

  /** Only an `api` process waits on checks; its listener connects at start so the first upload does not pay for it. */
  onModuleInit(): void {
    if (this.config.TEAMFRAME_ROLE !== 'api') return;
    this.events = new QueueEvents(QUEUE.interactive, { connection: this.queue.opts.connection, prefix: this.queue.opts.prefix });
    this.events.on('error', (err) => this.logger.debug({ err: err.message }, 'interactive queue events: connection error'));
  }

  async onModuleDestroy(): Promise<void> {
    await this.events?.close();
  }

  /** Stores the selfie, records the owed check, and waits (at most CHECK_WAIT_MS) for a worker's outcome. */
  async check(who: { orgId: string; employeeId: string; inviteId: string }, bytes: Buffer, extension: string): Promise<CheckOutcome | CheckPending> {
    // A key of its own per upload: the same file sent twice (a double click) makes two checks, and the first must not delete the second's file.
    const incomingKey = `org/${who.orgId}/employee/${who.employeeId}/incoming/${randomUUID()}.${extension}`;
    await this.storage.put(incomingKey, bytes);
    const checkId = await this.repo.insertCheck({ ...who, incomingKey }).catch(async (e: unknown) => {
      // No record, so nobody would ever check it: the employee is told to try again (the error), and the file goes.
      await this.storage.delete(incomingKey).catch(() => undefined);
      throw e;
    });
    // From here on the photo is safe: every failure below only delays its check.
    try {
      return await this.queueAndWait(checkId);
    } catch (e) {
      this.logger.warn({ err: (e as Error).message, checkId }, 'upload check not answered now; the workers check it later');
      return { kind: 'pending' };
    }
  }

  private async queueAndWait(checkId: string): Promise<CheckOutcome | CheckPending> {
    // With Redis away BullMQ would hold the command until it returns: answer now, the sweep queues it.
    const client = await this.queue.getBackend().connection.client;
    if (client.status !== 'ready' || !this.events) return { kind: 'pending' };
    const job = await withTimeout(this.queue.add(INTERACTIVE_JOB.uploadCheck, { checkId }, { jobId: checkJobId(checkId), removeOnComplete: { age: 300 } }));
    // No worker listening: nobody will answer within the wait, so say so at once.
    if ((await withTimeout(this.queue.getWorkersCount())) === 0) return { kind: 'pending' };
    const outcome = await waitForJob<CheckOutcome | CheckParked | { kind: 'settled' }>(this.queue, job, this.events, CHECK_WAIT_MS);
    if (outcome.kind === 'settled') return { kind: 'pending' };
    if (outcome.kind === 'parked') return { kind: 'pending', waitingFor: outcome.waitingFor };
    return outcome;
  }
}
