import { Body, Controller, Delete, Get, HttpCode, Param, ParseEnumPipe, Post, Put } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DIRECTORY_KINDS, type DirectoryConnectionDto, type DirectoryConnectionRequest, DirectoryConnectionSchema, type DirectoryKind, type DirectoryPersonSyncDto, type DirectoryRunResult, DirectoryRunSchema } from '@teamframe/shared-types';
import { Auth, type AuthContext, Roles } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { DirectorySyncService } from './directory-sync.service';

const kindPipe = new ParseEnumPipe(Object.fromEntries(DIRECTORY_KINDS.map((k) => [k, k])), { exceptionFactory: () => new DomainError('NOT_FOUND', `Unknown directory. Use one of ${DIRECTORY_KINDS.join(', ')}.`) });

@ApiTags('directory-sync')
@ApiCookieAuth()
@Controller('directory-sync')
export class DirectorySyncController {
  constructor(private readonly sync: DirectorySyncService) {}

  @Get()
  @Roles('owner', 'hr_admin')
  @ApiOperation({ summary: 'The directory connections (never their credentials).' })
  list(@Auth() auth: AuthContext): Promise<DirectoryConnectionDto[]> {
    return this.sync.list(auth);
  }

  @Get('people')
  @Roles('owner', 'hr_admin')
  @ApiOperation({ summary: 'Per person and directory: the last sync, its time and result.' })
  people(@Auth() auth: AuthContext): Promise<DirectoryPersonSyncDto[]> {
    return this.sync.people(auth);
  }

  @Put(':kind')
  @Roles('owner')
  @ApiOperation({ summary: 'Connect or change a directory (Microsoft 365, Google Workspace, BambooHR); credentials are write-only and sealed.' })
  @ApiBody({ schema: jsonSchema(DirectoryConnectionSchema) })
  save(@Auth() auth: AuthContext, @Param('kind', kindPipe) kind: DirectoryKind, @Body(new ZodPipe(DirectoryConnectionSchema)) body: DirectoryConnectionRequest): Promise<DirectoryConnectionDto> {
    return this.sync.save(auth, kind, body);
  }

  @Delete(':kind')
  @Roles('owner')
  @HttpCode(204)
  @ApiOperation({ summary: 'Disconnect a directory and forget its credentials.' })
  remove(@Auth() auth: AuthContext, @Param('kind', kindPipe) kind: DirectoryKind): Promise<void> {
    return this.sync.remove(auth, kind);
  }

  @Post(':kind/run')
  @Roles('owner', 'hr_admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Push everyone whose approved headshot is not in the directory yet; with dryRun, only list them.' })
  @ApiBody({ schema: jsonSchema(DirectoryRunSchema) })
  run(@Auth() auth: AuthContext, @Param('kind', kindPipe) kind: DirectoryKind, @Body(new ZodPipe(DirectoryRunSchema)) body: { dryRun: boolean }): Promise<DirectoryRunResult> {
    return this.sync.run(auth, kind, body.dryRun);
  }
}
