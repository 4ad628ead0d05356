import { Module } from '@nestjs/common';
import { CampaignsDataModule } from '../campaigns/campaigns.module';
import { BatchNotifier } from './batch-notifier.service';
import { DailyNotifier } from './daily-notifier.service';
import { NotificationFacts } from './notification-facts.service';
import { NotificationMailHandler } from './notification-mail.handler';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';

/**
 * Queueing and writing HR notification mails, without HTTP: imported by the headshot worker (batch
 * finished), the maintenance worker (digest, campaign due) and the mail worker (writing them).
 */
@Module({
  imports: [CampaignsDataModule],
  providers: [NotificationsRepository, NotificationPreferencesService, NotificationFacts, BatchNotifier, DailyNotifier, NotificationMailHandler],
  exports: [NotificationPreferencesService, BatchNotifier, DailyNotifier, NotificationMailHandler],
})
export class NotificationEventsModule {}

/** `GET/PUT /api/me/notifications`: each HR user's own switches. */
@Module({ imports: [NotificationEventsModule], controllers: [NotificationsController] })
export class NotificationsModule {}
