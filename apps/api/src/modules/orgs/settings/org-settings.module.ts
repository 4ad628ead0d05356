import { Module } from '@nestjs/common';
import { ExportSettingsService } from './export-settings.service';
import { GeneralSettingsService } from './general-settings.service';
import { InviteSettingsService } from './invite-settings.service';
import { OrgSettingsController } from './org-settings.controller';
import { RefreshSettingsService } from './refresh-settings.service';
import { RetentionSettingsService } from './retention-settings.service';

/**
 * The org's settings routes. Import it before CampaignsModule and ExportsModule: Express matches routes in
 * the order they were registered, and `GET /campaigns/settings` would otherwise reach `GET /campaigns/:id`
 * (`/exports/settings`, `/exports/:id` alike).
 */
@Module({ controllers: [OrgSettingsController], providers: [GeneralSettingsService, RetentionSettingsService, InviteSettingsService, RefreshSettingsService, ExportSettingsService] })
export class OrgSettingsModule {}
