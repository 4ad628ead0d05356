import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type ExportSettings,
  ExportSettingsSchema,
  type InviteSettings,
  InviteSettingsSchema,
  type OrgSettings,
  type OrgSettingsDto,
  OrgSettingsSchema,
  type RefreshSettings,
  RefreshSettingsSchema,
  type RetentionSettings,
  RetentionSettingsSchema,
} from '@teamframe/shared-types';
import { Auth, type AuthContext, Roles } from '../../../core/auth/auth-context';
import { jsonSchema } from '../../../core/http/openapi-schema';
import { ZodPipe } from '../../../core/http/zod-body.pipe';
import { ExportSettingsService } from './export-settings.service';
import { GeneralSettingsService } from './general-settings.service';
import { InviteSettingsService } from './invite-settings.service';
import { RefreshSettingsService } from './refresh-settings.service';
import { RetentionSettingsService } from './retention-settings.service';

/**
 * Every settings area of the org, one pair of routes each. The URLs are where the areas were first
 * published (next to the feature they steer), so clients keep them; the brand kit has its own
 * controller (modules/brand) because it carries files.
 */
@ApiTags('org settings')
@ApiCookieAuth()
@Controller()
export class OrgSettingsController {
  constructor(
    private readonly general: GeneralSettingsService,
    private readonly retention: RetentionSettingsService,
    private readonly invites: InviteSettingsService,
    private readonly refresh: RefreshSettingsService,
    private readonly exports: ExportSettingsService,
  ) {}

  @Get('org/settings')
  @Roles('owner', 'hr_admin')
  @ApiOperation({ summary: "The org's settings: its name, processing mode and the employee side's default language (with the languages there are messages for)." })
  generalSettings(@Auth() auth: AuthContext): Promise<OrgSettingsDto> {
    return this.general.get(auth);
  }

  @Put('org/settings')
  @Roles('owner', 'hr_admin')
  @ApiOperation({ summary: 'Changes the general settings; a new name needs an owner (403 for an HR admin).' })
  @ApiBody({ schema: jsonSchema(OrgSettingsSchema) })
  updateGeneralSettings(@Auth() auth: AuthContext, @Body(new ZodPipe(OrgSettingsSchema)) body: OrgSettings): Promise<OrgSettingsDto> {
    return this.general.update(auth, body);
  }

  @Get('org/retention')
  @Roles('owner', 'hr_admin')
  retentionSettings(@Auth() auth: AuthContext): Promise<RetentionSettings> {
    return this.retention.get(auth);
  }

  @Put('org/retention')
  @Roles('owner')
  @ApiOperation({ summary: 'How long selfies, unapproved headshots and export files are kept. Enforced daily.' })
  @ApiBody({ schema: jsonSchema(RetentionSettingsSchema) })
  updateRetentionSettings(@Auth() auth: AuthContext, @Body(new ZodPipe(RetentionSettingsSchema)) body: RetentionSettings): Promise<RetentionSettings> {
    return this.retention.update(auth, body);
  }

  @Get('invites/settings')
  @Roles('owner', 'hr_admin')
  inviteSettings(@Auth() auth: AuthContext): Promise<InviteSettings> {
    return this.invites.get(auth);
  }

  @Put('invites/settings')
  @Roles('owner', 'hr_admin')
  @ApiOperation({ summary: 'Invite new employees automatically, and/or only to the org’s email domains.' })
  @ApiBody({ schema: jsonSchema(InviteSettingsSchema) })
  updateInviteSettings(@Auth() auth: AuthContext, @Body(new ZodPipe(InviteSettingsSchema)) body: InviteSettings): Promise<InviteSettings> {
    return this.invites.update(auth, body);
  }

  @Get('campaigns/settings')
  @Roles('owner', 'hr_admin')
  @ApiOperation({ summary: 'The refresh cycle: re-invite people whose approved headshot is older than N months.' })
  refreshSettings(@Auth() auth: AuthContext): Promise<RefreshSettings> {
    return this.refresh.get(auth);
  }

  @Put('campaigns/settings')
  @Roles('owner', 'hr_admin')
  @ApiBody({ schema: jsonSchema(RefreshSettingsSchema) })
  updateRefreshSettings(@Auth() auth: AuthContext, @Body(new ZodPipe(RefreshSettingsSchema)) body: RefreshSettings): Promise<RefreshSettings> {
    return this.refresh.update(auth, body);
  }

  @Get('exports/settings')
  @Roles('owner', 'hr_admin')
  @ApiOperation({ summary: 'What marketing may put in its exports (work e-mail addresses or not).' })
  exportSettings(@Auth() auth: AuthContext): Promise<ExportSettings> {
    return this.exports.get(auth);
  }

  @Put('exports/settings')
  @Roles('owner', 'hr_admin')
  @ApiOperation({ summary: 'Allow or stop work e-mail addresses in the exports marketing makes and downloads.' })
  @ApiBody({ schema: jsonSchema(ExportSettingsSchema) })
  updateExportSettings(@Auth() auth: AuthContext, @Body(new ZodPipe(ExportSettingsSchema)) body: ExportSettings): Promise<ExportSettings> {
    return this.exports.update(auth, body);
  }
}
