import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCookieAuth, ApiFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type SsoConfigResponse, type SsoConfigUpdate, SsoConfigUpdateSchema, type SsoDiscoverQuery, SsoDiscoverQuerySchema, type SsoDiscoverResponse } from '@teamframe/shared-types';
import type { Request, Response } from 'express';
import { Auth, type AuthContext, Public, Roles } from '../../core/auth/auth-context';
import { SESSION_COOKIE, sessionCookieOptions } from '../../core/auth/session-cookie';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { SsoConfigResponseDoc, SsoDiscoverResponseDoc } from './dto/sso-config.doc';
import { SsoErrorPageFilter } from './sso-error-page.filter';
import { SsoService } from './sso.service';

@ApiTags('sso')
@Controller('sso')
export class SsoController {
  constructor(
    private readonly sso: SsoService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('config')
  @Roles('owner')
  @ApiCookieAuth()
  @ApiOperation({ summary: "The org's SAML identity provider settings and our SP entity ID / ACS URL." })
  @ApiOkResponse({ type: SsoConfigResponseDoc })
  getConfig(@Auth() auth: AuthContext): Promise<SsoConfigResponse> {
    return this.sso.getConfig(auth.orgId);
  }

  @Put('config')
  @Roles('owner')
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Set up SSO: paste IdP metadata XML or set fields; role mapping, IdP-initiated sign-in, password sign-in off.' })
  @ApiBody({ schema: jsonSchema(SsoConfigUpdateSchema) })
  @ApiOkResponse({ type: SsoConfigResponseDoc })
  updateConfig(@Auth() auth: AuthContext, @Body(new ZodPipe(SsoConfigUpdateSchema)) body: SsoConfigUpdate): Promise<SsoConfigResponse> {
    return this.sso.updateConfig(auth, body);
  }

  @Get('discover')
  @Public()
  @ApiOperation({ summary: 'Which org signs in with SSO, by email domain or org slug ("Sign in with SSO").' })
  @ApiQuery({ name: 'email', required: false })
  @ApiQuery({ name: 'slug', required: false })
  @ApiOkResponse({ type: SsoDiscoverResponseDoc })
  discover(@Query(new ZodPipe(SsoDiscoverQuerySchema)) query: SsoDiscoverQuery): Promise<SsoDiscoverResponse> {
    return this.sso.discover(query);
  }

  @Get(':orgSlug/metadata')
  @Public()
  @ApiOperation({ summary: "Our SAML SP metadata for the org's IdP (entity ID, ACS URL)." })
  @ApiProduces('application/samlmetadata+xml')
  @ApiOkResponse({ description: 'SAML 2.0 EntityDescriptor' })
  async metadata(@Param('orgSlug') slug: string, @Res() res: Response): Promise<void> {
    res.type('application/samlmetadata+xml').send(await this.sso.spMetadata(slug));
  }

  @Get(':orgSlug/login')
  @Public()
  @UseFilters(SsoErrorPageFilter)
  @ApiOperation({ summary: "Starts SSO: redirects to the org's IdP with an AuthnRequest. Signed in already: links this account to the SSO identity." })
  @ApiQuery({ name: 'relayState', required: false, description: 'A path inside the app to return to, e.g. /employees.' })
  @ApiFoundResponse({ description: 'Redirect to the IdP.' })
  async login(@Param('orgSlug') slug: string, @Query('relayState') relayState: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.redirect(302, await this.sso.loginUrl(slug, relayState, req.cookies?.[SESSION_COOKIE]));
  }

  @Post(':orgSlug/acs')
  @Public()
  @HttpCode(302)
  @UseFilters(SsoErrorPageFilter)
  @ApiOperation({ summary: 'Assertion Consumer Service: the IdP posts the SAMLResponse here; sets the session cookie and redirects to RelayState.' })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiFoundResponse({ description: 'Signed in; redirect into the app.' })
  async acs(@Param('orgSlug') slug: string, @Body() body: Record<string, unknown> | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { token, expiresAt, redirectTo } = await this.sso.acs(slug, body, req.ip ?? '');
    res.cookie(SESSION_COOKIE, token, sessionCookieOptions(this.config, expiresAt));
    res.redirect(302, redirectTo);
  }
}
