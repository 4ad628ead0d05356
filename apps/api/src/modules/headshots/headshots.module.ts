import { Module } from '@nestjs/common';
import { NotificationEventsModule } from '../notifications/notifications.module';
import { BatchesController } from './batches.controller';
import { BatchesService } from './batches.service';
import { HeadshotQueueService } from './headshot-queue.service';
import { HeadshotProcessor } from './headshot.processor';

@Module({ controllers: [BatchesController], providers: [BatchesService, HeadshotQueueService], exports: [HeadshotQueueService] })
export class HeadshotsModule {}

/** The headshot queue's processor, loaded only in worker processes. */
@Module({ imports: [NotificationEventsModule], providers: [HeadshotProcessor] })
export class HeadshotWorkerModule {}
