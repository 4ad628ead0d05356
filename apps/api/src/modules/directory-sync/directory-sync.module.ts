import { Module } from '@nestjs/common';
import { DirectorySyncController } from './directory-sync.controller';
import { DirectorySyncDispatcher } from './directory-sync.dispatcher';
import { DirectorySyncOutbox } from './directory-sync.outbox';
import { DirectorySyncProcessor } from './directory-sync.processor';
import { DirectorySyncRepository } from './directory-sync.repository';
import { DirectorySyncService } from './directory-sync.service';

/** Shared by both roles: approvals are captured wherever they happen, once per process. */
@Module({ providers: [DirectorySyncRepository, DirectorySyncOutbox, DirectorySyncService], exports: [DirectorySyncRepository, DirectorySyncService] })
export class DirectorySyncCoreModule {}

@Module({ imports: [DirectorySyncCoreModule], controllers: [DirectorySyncController] })
export class DirectorySyncModule {}

/** Dispatcher and push processor, loaded only in worker processes. */
@Module({ imports: [DirectorySyncCoreModule], providers: [DirectorySyncDispatcher, DirectorySyncProcessor] })
export class DirectorySyncWorkerModule {}
