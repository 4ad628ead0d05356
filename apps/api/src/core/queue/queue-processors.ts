import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Type } from '@nestjs/common';
import { QUEUE, type QueueName } from '@teamframe/shared-types';
import type { Job } from 'bullmq';
import { JobRegistry } from './job-registry';
import { workerOptions } from './queue.module';

/** The one BullMQ worker of `queue`: it hands each job to the handler declared for its name. */
function queueProcessor(queue: QueueName): Type<WorkerHost> {
  @Processor(queue, workerOptions(queue))
  class QueueProcessor extends WorkerHost {
    constructor(private readonly jobs: JobRegistry) {
      super();
    }

    process(job: Job): Promise<unknown> {
      return this.jobs.run(queue, job);
    }

    @OnWorkerEvent('failed')
    onFailed(job: Job | undefined, err: Error): Promise<void> | undefined {
      return job && this.jobs.failed(queue, job, err);
    }
  }
  // Nest names providers by class; one distinct name per queue keeps its logs and errors readable.
  Object.defineProperty(QueueProcessor, 'name', { value: `QueueProcessor(${queue})` });
  return QueueProcessor;
}

/** A processor per queue; a worker process runs all of them. */
export const QUEUE_PROCESSORS = Object.values(QUEUE).map(queueProcessor);
