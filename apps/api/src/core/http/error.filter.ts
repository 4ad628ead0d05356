import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { ApiErrorBody, ErrorCode } from '@teamframe/shared-types';
import type { Request, Response } from 'express';
import { BusyError, DomainError, HTTP_STATUS_BY_CODE } from './domain-error';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

const SENTENCE_BY_CODE: Partial<Record<ErrorCode, string>> = {
  NOT_FOUND: 'Nothing is here. Check the address.',
  RATE_LIMITED: 'Too many requests. Wait a minute and try again.',
  PAYLOAD_TOO_LARGE: 'The request is too large.',
  VALIDATION_FAILED: 'The request is not valid: check that the body is well-formed JSON.',
};

/**
 * The one place errors become HTTP answers: `{ error: { code, message, requestId } }`.
 * Unknown errors answer 500 with the request id (also in the log line) and never a stack trace.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    const requestId = String(req.id ?? '');
    const { status, body } = toErrorBody(exception, requestId);
    if (status >= 500) {
      this.logger.error({ err: exception, requestId }, 'unhandled error');
    }
    if (res.headersSent) return;
    if (exception instanceof BusyError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    res.status(status).json(body);
  }
}

/** Maps any thrown value to the status and body the client sees. Also used for Express-level errors. */
export function toErrorBody(exception: unknown, requestId: string): { status: number; body: ApiErrorBody } {
  if (exception instanceof DomainError) {
    return {
      status: HTTP_STATUS_BY_CODE[exception.code],
      body: { error: { code: exception.code, message: exception.message, requestId, details: exception.details, checks: exception.checks } },
    };
  }
  if (exception instanceof ThrottlerException) {
    return { status: 429, body: { error: { code: 'RATE_LIMITED', message: SENTENCE_BY_CODE.RATE_LIMITED!, requestId } } };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED');
    // Body-parser errors (bad JSON, too large) arrive as HttpExceptions with a useful status.
    const message = SENTENCE_BY_CODE[code] ?? (status < 500 ? exception.message : 'Something went wrong on our side.');
    return { status, body: { error: { code, message, requestId } } };
  }
  if (isRedisUnavailable(exception)) {
    return { status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'Teamframe is briefly unavailable. Nothing you sent before was lost; try again in a minute.', requestId } } };
  }
  const parserStatus = (exception as { status?: number; type?: string })?.status;
  if (typeof parserStatus === 'number' && parserStatus >= 400 && parserStatus < 500) {
    const code = CODE_BY_STATUS[parserStatus] ?? 'VALIDATION_FAILED';
    const message = code === 'VALIDATION_FAILED' ? 'The request body is not valid JSON.' : SENTENCE_BY_CODE[code] ?? 'The request is not valid.';
    return { status: parserStatus, body: { error: { code, message, requestId } } };
  }
  return {
    status: 500,
    body: { error: { code: 'INTERNAL_ERROR', message: `Something went wrong on our side. Quote ${requestId} when you report it.`, requestId } },
  };
}

/** ioredis' ways of saying Redis is not there right now (restart, network blip). */
function isRedisUnavailable(e: unknown): boolean {
  const err = e as { name?: string; message?: string; code?: string } | null;
  if (!err) return false;
  return (
    err.name === 'MaxRetriesPerRequestError' ||
    err.code === 'ECONNREFUSED' ||
    /Connection is closed|Stream isn't writeable|enableOfflineQueue|Redis did not answer/.test(err.message ?? '')
  );
}
