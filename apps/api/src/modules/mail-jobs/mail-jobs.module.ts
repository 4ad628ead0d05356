import { Module } from '@nestjs/common';
import { InviteMailHandler } from '../invites/invite-mail.handler';
import { NotificationEventsModule } from '../notifications/notifications.module';
import { ReviewMailHandler } from '../review/review-mail.handler';
import { MailJobsProcessor } from './mail-jobs.processor';

/** The mail queue's processor, loaded only in worker processes. */
@Module({ imports: [NotificationEventsModule], providers: [MailJobsProcessor, InviteMailHandler, ReviewMailHandler] })
export class MailJobsWorkerModule {}
