import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { hostOf, type WebhookAddressGuard } from './webhook-address-guard';

export interface SendResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

const TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs one webhook. The connection goes only where the guard allows (checked on the resolved address
 * at connect time); redirects are not followed, a 3xx counts as a failure; the answer is read up to
 * 64 KiB and dropped. Never throws: every outcome is a result for the delivery log.
 */
export function sendWebhook(guard: WebhookAddressGuard, url: URL, body: string, headers: Record<string, string>): Promise<SendResult> {
  const started = Date.now();
  const https = url.protocol === 'https:';
  return new Promise((resolve) => {
    const done = (statusCode: number | null, error: string | null) => resolve({ statusCode, error, durationMs: Date.now() - started });
    try {
      const host = hostOf(url);
      if (isIP(host)) guard.assertAddress(host, https);
      const req = (https ? httpsRequest : httpRequest)(
        url,
        { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: guard.lookupFor(https) as never, timeout: TIMEOUT_MS },
        (res) => {
          let seen = 0;
          res.on('data', (chunk: Buffer) => {
            seen += chunk.length;
            if (seen > MAX_RESPONSE_BYTES) res.destroy();
          });
          res.on('close', () => {
            const code = res.statusCode ?? null;
            if (code !== null && code >= 300 && code < 400) return done(code, 'Redirects are not followed: point the endpoint at the final URL.');
            done(code, code !== null && code >= 200 && code < 300 ? null : `The receiver answered ${code}.`);
          });
          res.on('error', () => undefined);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`No answer within ${TIMEOUT_MS / 1000} s.`)));
      req.on('error', (e) => done(null, e.message.slice(0, 300)));
      req.end(body);
    } catch (e) {
      done(null, (e as Error).message.slice(0, 300));
    }
  });
}
