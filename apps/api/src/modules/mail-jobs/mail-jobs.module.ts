import { Module } from '@nestjs/common';
import { InviteMailHandler } from '../invites/invite-mail.handler';
import { InvitesModule } from '../invites/invites.module';
import { NotificationEventsModule } from '../notifications/notifications.module';
import { ReviewMailHandler } from '../review/review-mail.handler';
import { MailJobsProcessor } from './mail-jobs.processor';

/** The mail queue's processor, loaded only in worker processes. */
@Module({ imports: [NotificationEventsModule, InvitesModule], providers: [MailJobsProcessor, InviteMailHandler, ReviewMailHandler] })
export class MailJobsWorkerModule {}
