import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type ApiTokenDto, type CreateApiTokenRequest, CreateApiTokenSchema, type CreatedSecretDto } from '@teamframe/shared-types';
import { Auth, type AuthContext, Roles } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { ApiTokensService } from './api-tokens.service';
import { assertSignedIn } from './signed-in-only';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('NOT_FOUND', 'No such API token in your organisation.') });

@ApiTags('api-tokens')
@ApiCookieAuth()
@Roles('owner')
@Controller('api-tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @ApiOperation({ summary: 'The org’s API tokens (never the tokens themselves).' })
  list(@Auth() auth: AuthContext): Promise<ApiTokenDto[]> {
    return this.tokens.list(auth);
  }

  @Post()
  @ApiOperation({ summary: 'Create a token with a role and an expiry; the answer carries the token once (`secret`).' })
  @ApiBody({ schema: jsonSchema(CreateApiTokenSchema) })
  create(@Auth() auth: AuthContext, @Body(new ZodPipe(CreateApiTokenSchema)) body: CreateApiTokenRequest): Promise<CreatedSecretDto<ApiTokenDto>> {
    assertSignedIn(auth);
    return this.tokens.create(auth, body);
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a token; it stops working at once.' })
  revoke(@Auth() auth: AuthContext, @Param('id', uuid) id: string): Promise<ApiTokenDto> {
    assertSignedIn(auth);
    return this.tokens.revoke(auth, id);
  }
}
