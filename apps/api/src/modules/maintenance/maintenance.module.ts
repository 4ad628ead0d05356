import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { HeadshotsModule } from '../headshots/headshots.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { DomainClaimsModule } from '../domains/domains.module';
import { InvitesModule } from '../invites/invites.module';
import { NotificationEventsModule } from '../notifications/notifications.module';
import { RetentionModule } from '../retention/retention.module';
import { ExportsRepository } from '../exports/exports.repository';
import { PausedExports } from '../orgs/suspended-work';
import { WorkSweep } from './work-sweep';

/**
 * Brings the modules whose services run the `maintenance` queue's jobs (each declares its own with
 * @RunsJob; the schedules are rows of JOB_SCHEDULES) into worker processes, with the sweep that
 * re-queues stranded and paused work.
 */
@Module({ imports: [AuthModule, InvitesModule, CampaignsModule, HeadshotsModule, RetentionModule, NotificationEventsModule, DomainClaimsModule], providers: [WorkSweep, PausedExports, ExportsRepository] })
export class MaintenanceModule {}
