import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import { SCIM_CONTENT_TYPE } from './scim-schemas';

/** SCIM answers are `application/scim+json` (RFC 7644 §3.1); Express keeps a type set before `res.json`. */
@Injectable()
export class ScimContentTypeInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    ctx.switchToHttp().getResponse<Response>().setHeader('Content-Type', SCIM_CONTENT_TYPE);
    return next.handle();
  }
}
