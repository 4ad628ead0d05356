/**
 * Stable error codes the API returns in `{ error: { code, message, requestId } }`.
 * Clients branch on the code, people read the message. Never rename a code: clients depend on it.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'CSRF_TOKEN_MISMATCH',
  'NOT_FOUND',
  'INVITE_EXPIRED',
  'EXPORT_EXPIRED',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'PHOTO_REJECTED',
  'REQUEST_TIMEOUT',
  'RATE_LIMITED',
  'QUOTA_EXCEEDED',
  'ORG_SUSPENDED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    requestId: string;
    details?: { path: string; message: string }[];
    /** With PHOTO_REJECTED: every check the photo failed, each with a sentence and a tip. */
    checks?: { code: string; sentence: string; tip: string }[];
  };
}
