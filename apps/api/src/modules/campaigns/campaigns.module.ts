import { Module } from '@nestjs/common';
import { CustomFieldsServiceModule } from '../custom-fields/custom-fields.module';
import { InvitesModule } from '../invites/invites.module';
import { CampaignSchedulerService } from './campaign-scheduler.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';

/** The campaigns' SQL, for the modules that read campaigns without running them (HR notifications). */
@Module({ providers: [CampaignsRepository], exports: [CampaignsRepository] })
export class CampaignsDataModule {}

@Module({ imports: [CampaignsDataModule, InvitesModule, CustomFieldsServiceModule], controllers: [CampaignsController], providers: [CampaignsService, CampaignSchedulerService], exports: [CampaignSchedulerService] })
export class CampaignsModule {}
