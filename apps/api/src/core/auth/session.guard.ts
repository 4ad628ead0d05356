import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '@teamframe/shared-types';
import type { Request } from 'express';
import { DomainError } from '../http/domain-error';
import { ApiTokensService } from '../../modules/api-tokens/api-tokens.service';
import { bearerSecret } from '../../modules/api-tokens/bearer-secret';
import { SessionsService } from '../../modules/auth/sessions.service';
import { type AuthContext, OPERATOR_KEY, PUBLIC_KEY, ROLES_KEY } from './auth-context';
import { OperatorCredential } from './operator-credential';
import { SESSION_COOKIE } from './session-cookie';

/**
 * Global guard: a route is reachable only if it is @Public(), an @OperatorOnly() route called with the
 * operator's token, or the caller's session (or API token, `Authorization: Bearer tf_…`) is valid and its role is among the route's @Roles(). A route that declares neither is refused, so forgetting
 * the decorator fails closed.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  private readonly logger = new Logger(SessionGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly operator: OperatorCredential,
    private readonly apiTokens: ApiTokensService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(OPERATOR_KEY, targets)) {
      this.operator.check(ctx.switchToHttp().getRequest<Request>().headers.authorization);
      return true;
    }
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, targets);
    const req = ctx.switchToHttp().getRequest<Request & { auth?: AuthContext }>();
    if (!roles) {
      this.logger.error(`route ${req.method} ${req.path} declares no roles; refusing`);
      throw new DomainError('FORBIDDEN', 'You do not have access to this.');
    }
    const token: string | undefined = req.cookies?.[SESSION_COOKIE];
    const apiToken = token ? null : bearerSecret(req.headers.authorization, 'tf');
    const auth = token ? await this.sessions.resolve(token) : apiToken ? await this.apiTokens.resolve(apiToken, { method: req.method, path: req.path }) : null;
    if (!auth) throw new DomainError('UNAUTHENTICATED', apiToken ? 'The API token is unknown, expired or revoked.' : 'Sign in to continue.');
    if (!roles.includes(auth.role)) throw new DomainError('FORBIDDEN', 'Your role does not allow this. Ask an owner of your organisation.');
    req.auth = auth;
    return true;
  }
}
