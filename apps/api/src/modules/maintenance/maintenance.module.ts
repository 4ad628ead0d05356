import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { HeadshotsModule } from '../headshots/headshots.module';
import { InvitesModule } from '../invites/invites.module';
import { RetentionModule } from '../retention/retention.module';
import { MaintenanceProcessor } from './maintenance.processor';

@Module({ imports: [AuthModule, InvitesModule, HeadshotsModule, RetentionModule], providers: [MaintenanceProcessor] })
export class MaintenanceModule {}
