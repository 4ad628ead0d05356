import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { HeadshotsModule } from '../headshots/headshots.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { DomainClaimsModule } from '../domains/domains.module';
import { InvitesModule } from '../invites/invites.module';
import { NotificationEventsModule } from '../notifications/notifications.module';
import { RetentionModule } from '../retention/retention.module';
import { PausedExports } from '../orgs/suspended-work';
import { MaintenanceProcessor } from './maintenance.processor';

@Module({ imports: [AuthModule, InvitesModule, CampaignsModule, HeadshotsModule, RetentionModule, NotificationEventsModule, DomainClaimsModule], providers: [MaintenanceProcessor, PausedExports] })
export class MaintenanceModule {}
