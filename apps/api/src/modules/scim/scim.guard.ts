import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { bearerSecret } from '../api-tokens/bearer-secret';
import { ScimError } from './scim-error';
import { type ScimCaller, ScimSettingsService } from './scim-settings.service';

/** Admits a SCIM client with the org's SCIM token (`Authorization: Bearer tfscim_…`); the routes are @Public for the SessionGuard. */
@Injectable()
export class ScimGuard implements CanActivate {
  constructor(private readonly settings: ScimSettingsService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request & { scim?: ScimCaller }>();
    const secret = bearerSecret(req.headers.authorization, 'tfscim');
    const caller = secret ? await this.settings.resolve(secret, { method: req.method, path: req.path }) : null;
    if (!caller) throw new ScimError(401, 'The SCIM bearer token is missing, wrong or revoked. Create one in Teamframe under Settings → Provisioning.');
    req.scim = caller;
    return true;
  }
}

export const Scim = createParamDecorator((_: unknown, ctx: ExecutionContext): ScimCaller => ctx.switchToHttp().getRequest().scim);
