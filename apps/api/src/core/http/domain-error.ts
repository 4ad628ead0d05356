import type { ErrorCode } from '@teamframe/shared-types';

/** An error a user can act on: a stable code, a sentence, optional field details. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { path: string; message: string }[],
    readonly checks?: { code: string; sentence: string; tip: string }[],
  ) {
    super(message);
  }
}

/** A refusal that passes with time: the answer carries `Retry-After`. */
export class RetryLaterError extends DomainError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
  }
}

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_TOKEN_MISMATCH: 403,
  NOT_FOUND: 404,
  INVITE_EXPIRED: 410,
  EXPORT_EXPIRED: 410,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PHOTO_REJECTED: 422,
  REQUEST_TIMEOUT: 408,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 409,
  ORG_SUSPENDED: 403,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
};
