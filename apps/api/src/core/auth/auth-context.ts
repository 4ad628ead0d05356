import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { UserRole } from '@teamframe/shared-types';

/** Who is calling; set by the SessionGuard on every authenticated request. */
export interface AuthContext {
  userId: string;
  orgId: string;
  role: UserRole;
  sessionId: string;
}

export const ROLES_KEY = 'teamframe:roles';
export const PUBLIC_KEY = 'teamframe:public';

/** The roles allowed on a route. Every route must declare roles or be marked @Public(). */
// Both are also written into the OpenAPI document (x-roles / x-public), which the access test walks.
export const Roles = (...roles: UserRole[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension('x-roles', roles));
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-public', true));

export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  return ctx.switchToHttp().getRequest().auth;
});
