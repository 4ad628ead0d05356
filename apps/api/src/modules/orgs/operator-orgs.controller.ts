import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import {
  type CreatedPlatformOrgDto,
  type CreatePlatformOrgRequest,
  CreatePlatformOrgSchema,
  type PlatformOrgDto,
  type UpdatePlatformOrgRequest,
  UpdatePlatformOrgSchema,
} from '@teamframe/shared-types';
import { OperatorOnly } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { PlatformOrgs } from './platform-orgs.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('NOT_FOUND', 'No such organisation.') });

/** The platform operator's org administration (Authorization: Bearer TEAMFRAME_OPERATOR_TOKEN). */
@ApiTags('operator')
@ApiBearerAuth()
@OperatorOnly()
@SkipThrottle()
@Controller('operator/orgs')
export class OperatorOrgsController {
  constructor(private readonly orgs: PlatformOrgs) {}

  @Post()
  @ApiOperation({ summary: 'Create an org with its first owner (a one-time password is returned once unless one is given) and optional quotas.' })
  @ApiBody({ schema: jsonSchema(CreatePlatformOrgSchema) })
  create(@Body(new ZodPipe(CreatePlatformOrgSchema)) body: CreatePlatformOrgRequest): Promise<CreatedPlatformOrgDto> {
    return this.orgs.create(body, 'api');
  }

  @Get()
  @ApiOperation({ summary: 'Every org with its quotas, usage (employees, members, storage bytes) and suspension.' })
  list(): Promise<PlatformOrgDto[]> {
    return this.orgs.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One org with its quotas and usage.' })
  get(@Param('id', uuid) id: string): Promise<PlatformOrgDto> {
    return this.orgs.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename an org or change its quotas (null removes a limit).' })
  @ApiBody({ schema: jsonSchema(UpdatePlatformOrgSchema) })
  update(@Param('id', uuid) id: string, @Body(new ZodPipe(UpdatePlatformOrgSchema)) body: UpdatePlatformOrgRequest): Promise<PlatformOrgDto> {
    return this.orgs.update(id, body, 'api');
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend an org: its people are signed out and cannot sign in, its invite links accept no selfie.' })
  suspend(@Param('id', uuid) id: string): Promise<PlatformOrgDto> {
    return this.orgs.setSuspended(id, true, 'api');
  }

  @Post(':id/unsuspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a suspension.' })
  unsuspend(@Param('id', uuid) id: string): Promise<PlatformOrgDto> {
    return this.orgs.setSuspended(id, false, 'api');
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a suspended org with all its data and stored files. Cannot be undone.' })
  remove(@Param('id', uuid) id: string): Promise<{ deleted: true; id: string }> {
    return this.orgs.delete(id);
  }
}
