import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CreatedSecretDto, type ScimSettingsDto, type UpdateScimSettingsRequest, UpdateScimSettingsSchema } from '@teamframe/shared-types';
import { Auth, type AuthContext, Roles } from '../../core/auth/auth-context';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { assertSignedIn } from '../api-tokens/signed-in-only';
import { ScimSettingsService } from './scim-settings.service';

@ApiTags('scim-settings')
@ApiCookieAuth()
@Roles('owner')
@Controller('scim-settings')
export class ScimSettingsController {
  constructor(private readonly settings: ScimSettingsService) {}

  @Get()
  @ApiOperation({ summary: 'The SCIM base URL, whether a token exists (never the token), and how DELETE behaves.' })
  get(@Auth() auth: AuthContext): Promise<ScimSettingsDto> {
    return this.settings.get(auth);
  }

  @Post('token')
  @ApiOperation({ summary: 'Create the SCIM token (replacing any previous one); the answer carries it once (`secret`).' })
  createToken(@Auth() auth: AuthContext): Promise<CreatedSecretDto<ScimSettingsDto>> {
    assertSignedIn(auth);
    return this.settings.createToken(auth);
  }

  @Delete('token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke the SCIM token; provisioning stops at once.' })
  revokeToken(@Auth() auth: AuthContext): Promise<ScimSettingsDto> {
    assertSignedIn(auth);
    return this.settings.revokeToken(auth);
  }

  @Patch()
  @ApiOperation({ summary: 'Choose whether a SCIM DELETE erases the employee (off: it deactivates them).' })
  @ApiBody({ schema: jsonSchema(UpdateScimSettingsSchema) })
  update(@Auth() auth: AuthContext, @Body(new ZodPipe(UpdateScimSettingsSchema)) body: UpdateScimSettingsRequest): Promise<ScimSettingsDto> {
    return this.settings.update(auth, body);
  }
}
