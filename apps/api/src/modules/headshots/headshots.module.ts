import { Module } from '@nestjs/common';
import { NotificationEventsModule } from '../notifications/notifications.module';
import { BatchesController } from './batches.controller';
import { BatchesService } from './batches.service';
import { HeadshotLifecycle } from './headshot-lifecycle';
import { HeadshotQueueService } from './headshot-queue.service';
import { HeadshotProcessor } from './headshot.processor';
import { HeadshotsRepository } from './headshots.repository';

@Module({ controllers: [BatchesController], providers: [HeadshotsRepository, BatchesService, HeadshotQueueService, HeadshotLifecycle], exports: [HeadshotsRepository, HeadshotQueueService, HeadshotLifecycle] })
export class HeadshotsModule {}

/** The headshot queue's processor, loaded only in worker processes. */
@Module({ imports: [NotificationEventsModule, HeadshotsModule], providers: [HeadshotProcessor] })
export class HeadshotWorkerModule {}
