import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobRegistry } from '../queue/job-registry';
import { JobSchedules } from '../queue/job-schedules';
import { QUEUE_PROCESSORS } from '../queue/queue-processors';
import { QueueWorkers } from './queue-workers';

/**
 * What a process running queue workers needs: one BullMQ worker per queue handing jobs to their declared
 * handlers, the repeat schedules, and finding and draining its workers on shutdown.
 */
@Global()
@Module({ imports: [DiscoveryModule], providers: [QueueWorkers, JobRegistry, JobSchedules, ...QUEUE_PROCESSORS], exports: [QueueWorkers] })
export class WorkerRuntimeModule {}
