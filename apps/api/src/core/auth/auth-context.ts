import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { UserRole } from '@teamframe/shared-types';

/** Who is calling; set by the SessionGuard on every authenticated request. */
export interface AuthContext {
  userId: string;
  orgId: string;
  role: UserRole;
  sessionId: string;
  /** Set when the caller is an API token (then `userId` is the owner who created it). */
  apiTokenId?: string;
}

export const ROLES_KEY = 'teamframe:roles';
export const PUBLIC_KEY = 'teamframe:public';
export const OPERATOR_KEY = 'teamframe:operator';

/** The roles allowed on a route. Every route must declare roles or be marked @Public(). */
// Both are also written into the OpenAPI document (x-roles / x-public), which the access test walks.
export const Roles = (...roles: UserRole[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension('x-roles', roles));
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-public', true));
/**
 * A platform operator's route (across orgs: creating orgs, settling domain disputes). It takes no session:
 * the caller presents `Authorization: Bearer <TEAMFRAME_OPERATOR_TOKEN>`; with no token configured every
 * operator route answers 404, as if it did not exist.
 */
export const OperatorOnly = () => applyDecorators(SetMetadata(OPERATOR_KEY, true), ApiExtension('x-operator', true));

export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  return ctx.switchToHttp().getRequest().auth;
});
