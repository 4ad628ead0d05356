import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { ErrorCode } from '@teamframe/shared-types';
import type { Request, Response } from 'express';
import { DomainError, HTTP_STATUS_BY_CODE } from '../../core/http/domain-error';
import { ScimError, type ScimType } from './scim-error';
import { SCIM_CONTENT_TYPE } from './scim-schemas';

const SCIM_TYPE_BY_CODE: Partial<Record<ErrorCode, ScimType>> = { CONFLICT: 'uniqueness', VALIDATION_FAILED: 'invalidValue' };

/** Every error on /scim/v2 in SCIM's format (RFC 7644 §3.12), whatever threw it. */
@Catch()
export class ScimErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ScimErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request & { id?: string }>();
    const res = host.switchToHttp().getResponse<Response>();
    const error = toScimError(exception);
    if (error.status >= 500) this.logger.error({ err: exception, requestId: req.id }, 'unhandled SCIM error');
    if (res.headersSent) return;
    res.status(error.status).type(SCIM_CONTENT_TYPE).send(JSON.stringify(error.body()));
  }
}

function toScimError(e: unknown): ScimError {
  if (e instanceof ScimError) return e;
  if (e instanceof DomainError) return new ScimError(HTTP_STATUS_BY_CODE[e.code], e.message, SCIM_TYPE_BY_CODE[e.code]);
  if (e instanceof ThrottlerException) return new ScimError(429, 'Too many requests. Wait a minute and try again.');
  if (e instanceof HttpException) {
    const status = e.getStatus();
    return status >= 500 ? new ScimError(500, 'Something went wrong on our side.') : new ScimError(status, status === 404 ? 'Not found.' : e.message, status === 400 ? 'invalidSyntax' : undefined);
  }
  return new ScimError(500, 'Something went wrong on our side.');
}
