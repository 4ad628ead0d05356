import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { LoginRequestSchema, type LoginRequest, type SessionResponse, USER_ROLES } from '@teamframe/shared-types';
import type { Request, Response } from 'express';
import { Auth, type AuthContext, Public, Roles } from '../../core/auth/auth-context';
import { SESSION_COOKIE, sessionCookieOptions } from '../../core/auth/session-cookie';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { AuthService } from './auth.service';
import { SessionResponseDoc } from './dto/session-response.doc';

/**
 * Sign-in attempts per client per minute. A decorator is evaluated before dependency injection, so
 * it reads this through a function, set from the validated config when the controller is built.
 */
let loginLimit = 10;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    loginLimit = config.LOGIN_RATE_LIMIT_PER_MINUTE;
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @Throttle({ default: { limit: () => loginLimit, ttl: 60_000 } })
  @ApiOperation({ summary: 'Sign in with email and password; sets the session cookie.' })
  @ApiBody({ schema: jsonSchema(LoginRequestSchema) })
  @ApiOkResponse({ type: SessionResponseDoc })
  async login(@Body(new ZodPipe(LoginRequestSchema)) body: LoginRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionResponse> {
    const { token, expiresAt, session } = await this.auth.login(body, req.ip ?? '');
    res.cookie(SESSION_COOKIE, token, sessionCookieOptions(this.config, expiresAt));
    return session;
  }

  @Post('logout')
  @Roles(...USER_ROLES)
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Sign out: revokes the session and clears the cookie.' })
  @ApiNoContentResponse()
  async logout(@Auth() auth: AuthContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(req.cookies?.[SESSION_COOKIE], auth.userId, auth.orgId);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('session')
  @Roles(...USER_ROLES)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'The signed-in user and org (401 when signed out).' })
  @ApiOkResponse({ type: SessionResponseDoc })
  session(@Auth() auth: AuthContext): Promise<SessionResponse> {
    return this.auth.describe(auth.userId, auth.orgId);
  }
}
