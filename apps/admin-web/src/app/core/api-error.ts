import type { ApiErrorBody } from './api-types';

/** What a page shows when a request fails: a sentence for the user and the id support asks for. */
export interface DisplayError {
  code: string;
  message: string;
  requestId: string | null;
  status: number;
}

/** The parts of Angular's HttpErrorResponse we read; structural so the parser stays a pure function. */
export interface ErrorLike {
  status: number;
  error?: unknown;
  headers?: { get(name: string): string | null };
}

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const inner = (body as { error: unknown }).error;
  return (
    typeof inner === 'object' &&
    inner !== null &&
    typeof (inner as { message?: unknown }).message === 'string' &&
    typeof (inner as { code?: unknown }).code === 'string'
  );
}

const FALLBACK_MESSAGES: Record<number, string> = {
  0: 'Cannot reach the Teamframe server. Check your connection and try again.',
  401: 'Your session has ended. Sign in again.',
  403: 'You do not have permission to do that.',
  404: 'That could not be found.',
  429: 'Too many attempts. Wait a minute and try again.',
};

/**
 * Turns any failed request into something a person can read. The API's own message wins; a status
 * we know gets a fixed sentence; anything else (a proxy's HTML page, a crash) gets a generic one.
 */
export function toDisplayError(err: unknown): DisplayError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as Partial<ErrorLike>;
  const status = typeof e.status === 'number' ? e.status : -1;
  const headerId = e.headers?.get?.('x-request-id') ?? null;

  if (isApiErrorBody(e.error)) {
    return {
      code: e.error.error.code,
      message: e.error.error.message,
      requestId: e.error.error.requestId ?? headerId,
      status,
    };
  }
  const message =
    FALLBACK_MESSAGES[status] ??
    (status >= 500
      ? 'The server ran into a problem. Try again in a moment.'
      : 'Something went wrong. Try again.');
  return { code: status === 0 ? 'NETWORK_ERROR' : 'UNKNOWN_ERROR', message, requestId: headerId, status };
}
