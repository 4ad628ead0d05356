import { ConnectorError } from './directory-connector';

const MAX_TRIES = 4;
/** A Retry-After longer than this is not waited for inside one attempt; the job is retried later instead. */
const MAX_WAIT_MS = 60_000;
const TIMEOUT_MS = 30_000;

export type Sleep = (ms: number) => Promise<void>;
const sleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * fetch for the directory APIs: on 429 and 5xx it waits as `Retry-After` says (seconds or an HTTP date;
 * else 1 s, 2 s, 4 s) and tries again, up to four tries. Other answers are returned as they are.
 */
export async function fetchWithRetry(url: string, init: RequestInit, what: string, wait: Sleep = sleep): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (e) {
      if (attempt >= MAX_TRIES) throw new ConnectorError(`${what}: no answer (${(e as Error).message}).`, true);
      await wait(1000 * 2 ** (attempt - 1));
      continue;
    }
    if (res.status !== 429 && res.status < 500) return res;
    const delay = retryAfterMs(res.headers.get('retry-after')) ?? 1000 * 2 ** (attempt - 1);
    await res.body?.cancel();
    if (attempt >= MAX_TRIES || delay > MAX_WAIT_MS) throw new ConnectorError(`${what}: the service answered ${res.status}${res.status === 429 ? ' (throttled)' : ''}; it will be tried again later.`, true);
    await wait(delay);
  }
}

export function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** Turns a refusal (4xx) into a sentence; 401/403 mean the credentials or permissions are wrong. */
export async function refusal(res: Response, what: string): Promise<ConnectorError> {
  const body = (await res.text().catch(() => '')).slice(0, 300);
  const hint = res.status === 401 || res.status === 403 ? ' Check the credentials and the permission the app was granted.' : res.status === 404 ? ' The person was not found in the directory.' : '';
  return new ConnectorError(`${what}: the service refused with ${res.status}.${hint}${body ? ` (${body.replace(/\s+/g, ' ')})` : ''}`, false);
}
