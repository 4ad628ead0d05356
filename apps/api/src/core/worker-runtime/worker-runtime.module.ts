import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { QueueWorkers } from './queue-workers';

/** What a process running queue processors needs around them: finding and draining its workers. */
@Global()
@Module({ imports: [DiscoveryModule], providers: [QueueWorkers], exports: [QueueWorkers] })
export class WorkerRuntimeModule {}
