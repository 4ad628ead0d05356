import { request } from 'node:http';
import type { HttpClient } from './http-client';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface RawOptions {
  /** Leave the body unfinished (the answer must come without it). */
  end?: boolean;
  /** Close the connection this long after the last chunk was written, without finishing the body. */
  abortAfterMs?: number;
  /** Pause between chunks (a slow client). */
  chunkDelayMs?: number;
}

/**
 * One HTTP request written byte for byte, for bodies no well-behaved client would send: truncated,
 * lying about their length, sent slowly, or abandoned half-way. Resolves with the answer, or with
 * 'closed' when the connection ended without one.
 */
export function rawRequest(baseUrl: string, method: string, path: string, headers: Record<string, string>, chunks: (Buffer | string)[], opts: RawOptions = {}): Promise<RawAnswer | 'closed'> {
  return new Promise((resolve) => {
    // A connection of its own, asking the server to keep it: a server that answers a body early (too
    // large, malformed) then reads and drops the rest. Had the client asked to close, the server would
    // close while bytes were still arriving, and the reset can discard its answer before the client
    // reads it — a lost answer that no server can prevent. Closing is left to the client.
    const req = request(new URL(path, baseUrl), { method, headers: { connection: 'keep-alive', ...headers }, agent: false });
    let settled = false;
    const done = (v: RawAnswer | 'closed') => {
      if (settled) return;
      settled = true;
      resolve(v);
      req.destroy();
    };
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, text }));
      res.on('error', () => done('closed'));
    });
    // An error while writing may come just before the answer is read: give the answer a moment.
    req.on('error', () => setTimeout(() => done('closed'), 300));
    req.on('close', () => setTimeout(() => done('closed'), 300));
    (async () => {
      for (const c of chunks) {
        if (req.destroyed || settled) return;
        req.write(c);
        if (opts.chunkDelayMs) await new Promise((r) => setTimeout(r, opts.chunkDelayMs));
      }
      if (opts.abortAfterMs !== undefined) {
        setTimeout(() => req.destroy(), opts.abortAfterMs);
        return;
      }
      if (opts.end !== false && !settled) req.end();
    })();
  });
}

/** The cookie and CSRF headers of a client that has loaded a page, as a browser would send them. */
export function browserHeaders(c: HttpClient): Record<string, string> {
  return { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-xsrf-token': c.cookies.get('XSRF-TOKEN') ?? '' };
}

/** A multipart body with one file part; `tail: false` leaves out the closing boundary. */
export function multipartFile(boundary: string, field: string, bytes: Buffer | string, tail = true): Buffer {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    Buffer.from(bytes),
    Buffer.from(tail ? `\r\n--${boundary}--\r\n` : ''),
  ]);
}
