import { Module } from '@nestjs/common';
import { CustomFieldsServiceModule } from '../custom-fields/custom-fields.module';
import { InvitesModule } from '../invites/invites.module';
import { CampaignSchedulerService } from './campaign-scheduler.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';

@Module({ imports: [InvitesModule, CustomFieldsServiceModule], controllers: [CampaignsController], providers: [CampaignsService, CampaignSchedulerService], exports: [CampaignSchedulerService] })
export class CampaignsModule {}
