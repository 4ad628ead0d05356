import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  type CampaignAudiencePreview,
  CampaignAudienceQuerySchema,
  type CampaignCreateResult,
  CampaignCreateSchema,
  type CampaignDto,
  type CampaignMemberDto,
  type CampaignMemberQuery,
  CampaignMemberQuerySchema,
  type CampaignRemind,
  CampaignRemindSchema,
  type Page,
} from '@teamframe/shared-types';
import type { Response } from 'express';
import type { z } from 'zod';
import { Auth, type AuthContext, Roles } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { setDownloadHeaders } from '../../core/http/file-response';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { CampaignsService } from './campaigns.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('NOT_FOUND', 'No such campaign in your organisation.') });

@ApiTags('campaigns')
@ApiCookieAuth()
@Roles('owner', 'hr_admin')
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  @ApiOperation({ summary: 'Campaigns of the org, active first, with live counts (frozen once ended).' })
  list(@Auth() auth: AuthContext): Promise<CampaignDto[]> {
    return this.campaigns.list(auth);
  }

  @Post()
  @ApiOperation({ summary: 'Start a campaign: fix its members, invite them, schedule reminders until the due day.' })
  @ApiBody({ schema: jsonSchema(CampaignCreateSchema) })
  create(@Auth() auth: AuthContext, @Body(new ZodPipe(CampaignCreateSchema)) body: z.output<typeof CampaignCreateSchema>): Promise<CampaignCreateResult> {
    return this.campaigns.create(auth, body);
  }

  @Post('audience')
  @HttpCode(200)
  @ApiOperation({ summary: 'How many people an audience reaches, and listed addresses that match nobody.' })
  @ApiBody({ schema: jsonSchema(CampaignAudienceQuerySchema) })
  audience(@Auth() auth: AuthContext, @Body(new ZodPipe(CampaignAudienceQuerySchema)) body: z.output<typeof CampaignAudienceQuerySchema>): Promise<CampaignAudiencePreview> {
    return this.campaigns.previewAudience(auth, body.audience);
  }

  @Get(':id')
  get(@Auth() auth: AuthContext, @Param('id', uuid) id: string): Promise<CampaignDto> {
    return this.campaigns.get(auth, id);
  }

  @Get(':id/members')
  @ApiOperation({ summary: "Members and their state in this campaign; filter by state (or 'needs_attention') and search." })
  @ApiQuery({ name: 'query', required: false, schema: jsonSchema(CampaignMemberQuerySchema) })
  members(@Auth() auth: AuthContext, @Param('id', uuid) id: string, @Query(new ZodPipe(CampaignMemberQuerySchema)) q: CampaignMemberQuery): Promise<Page<CampaignMemberDto>> {
    return this.campaigns.members(auth, id, q);
  }

  @Post(':id/remind')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remind the given members, or everyone still missing, now (same link).' })
  @ApiBody({ schema: jsonSchema(CampaignRemindSchema) })
  remind(@Auth() auth: AuthContext, @Param('id', uuid) id: string, @Body(new ZodPipe(CampaignRemindSchema)) body: CampaignRemind): Promise<{ reminded: number }> {
    return this.campaigns.remind(auth, id, body);
  }

  @Post(':id/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the campaign now: reminders stop and the counts become its summary.' })
  end(@Auth() auth: AuthContext, @Param('id', uuid) id: string): Promise<CampaignDto> {
    return this.campaigns.end(auth, id);
  }

  @Get(':id/status.csv')
  @ApiOperation({ summary: "Every member's state in this campaign as CSV, safe to open in a spreadsheet." })
  async statusCsv(@Auth() auth: AuthContext, @Param('id', uuid) id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const csv = await this.campaigns.statusCsv(auth, id);
    setDownloadHeaders(res, { type: 'text/csv; charset=utf-8', disposition: { as: 'attachment', fileName: csv.filename } });
    return csv.body;
  }
}
