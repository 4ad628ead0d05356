import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthRepository } from './health.repository';
import { HealthService } from './health.service';
import { WorkerHealthServer } from './worker-health.server';

@Module({ controllers: [HealthController], providers: [HealthRepository, HealthService] })
export class HealthModule {}

/** Role `worker`: the same checks on a listener of its own (WORKER_HEALTH_PORT), plus the queue processors. */
@Module({ providers: [HealthRepository, HealthService, WorkerHealthServer] })
export class WorkerHealthModule {}
