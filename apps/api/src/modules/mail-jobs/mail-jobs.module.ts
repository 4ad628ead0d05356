import { Module } from '@nestjs/common';
import { InviteMailHandler } from '../invites/invite-mail.handler';
import { InvitesModule } from '../invites/invites.module';
import { NotificationEventsModule } from '../notifications/notifications.module';
import { ReviewMailHandler } from '../review/review-mail.handler';
import { ReviewRepository } from '../review/review.repository';

/** The `mail` queue's handlers (invites, review decisions, HR notifications), loaded only in worker processes. */
@Module({ imports: [NotificationEventsModule, InvitesModule], providers: [InviteMailHandler, ReviewMailHandler, ReviewRepository] })
export class MailJobsWorkerModule {}
