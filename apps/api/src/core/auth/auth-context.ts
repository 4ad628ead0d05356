import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
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
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES_KEY, roles);
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  return ctx.switchToHttp().getRequest().auth;
});
