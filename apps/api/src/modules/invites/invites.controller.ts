import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type InviteLinkDto, type InviteRequest, InviteRequestSchema, type InviteResult, type NeedsAttentionDto } from '@teamframe/shared-types';
import { DomainError } from '../../core/http/domain-error';
import { Auth, type AuthContext, Roles } from '../../core/auth/auth-context';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { InvitesService } from './invites.service';

@ApiTags('invites')
@Controller('invites')
export class InvitesController {
  constructor(private readonly invites: InvitesService) {}

  @Post()
  @HttpCode(200)
  @Roles('owner', 'hr_admin')
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Invite (or re-invite) the given employees, or all not yet invited. A re-invite replaces the old link.' })
  @ApiBody({ schema: jsonSchema(InviteRequestSchema) })
  invite(@Auth() auth: AuthContext, @Body(new ZodPipe(InviteRequestSchema)) body: InviteRequest): Promise<InviteResult> {
    return this.invites.invite(auth, body);
  }

  @Get('needs-attention')
  @Roles('owner', 'hr_admin')
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Invited people with no selfie after every reminder.' })
  needsAttention(@Auth() auth: AuthContext): Promise<NeedsAttentionDto[]> {
    return this.invites.needsAttention(auth);
  }

  @Post(':employeeId/link')
  @Roles('owner', 'hr_admin')
  @ApiCookieAuth()
  @ApiOperation({ summary: 'A fresh personal link to pass on by chat (no mail; the previous link stops working).' })
  link(@Auth() auth: AuthContext, @Param('employeeId', new ParseUUIDPipe({ exceptionFactory: () => new DomainError('NOT_FOUND', 'No such employee in your organisation.') })) employeeId: string): Promise<InviteLinkDto> {
    return this.invites.copyableLink(auth, employeeId);
  }
}
