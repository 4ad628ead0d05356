import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type InviteRequest, InviteRequestSchema, type InviteResult } from '@teamframe/shared-types';
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
}
