import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CreateMemberRequest, CreateMemberSchema, type MemberDto, type UpdateMemberRequest, UpdateMemberSchema } from '@teamframe/shared-types';
import { Auth, type AuthContext, Roles } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { MembersService } from './members.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('NOT_FOUND', 'No such member in your organisation.') });

@ApiTags('members')
@ApiCookieAuth()
@Roles('owner')
@Controller('members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @ApiOperation({ summary: 'The people who can sign in to this org, with their roles.' })
  list(@Auth() auth: AuthContext): Promise<MemberDto[]> {
    return this.members.list(auth);
  }

  @Post()
  @ApiOperation({ summary: 'Add a member (with a password, or SSO-only without one).' })
  @ApiBody({ schema: jsonSchema(CreateMemberSchema) })
  create(@Auth() auth: AuthContext, @Body(new ZodPipe(CreateMemberSchema)) body: CreateMemberRequest): Promise<MemberDto> {
    return this.members.create(auth, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change role or name, or disable (signs them out everywhere). The last owner cannot be demoted.' })
  @ApiBody({ schema: jsonSchema(UpdateMemberSchema) })
  update(@Auth() auth: AuthContext, @Param('id', uuid) id: string, @Body(new ZodPipe(UpdateMemberSchema)) body: UpdateMemberRequest): Promise<MemberDto> {
    return this.members.update(auth, id, body);
  }
}
