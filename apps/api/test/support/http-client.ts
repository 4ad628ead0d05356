/**
 * A tiny browser-like client: keeps cookies, echoes the CSRF cookie in the header as the web app
 * does, and returns parsed JSON.
 */
export class HttpClient {
  readonly cookies = new Map<string, string>();
  lastSetCookies: string[] = [];

  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown, opts: { csrf?: boolean; headers?: Record<string, string>; raw?: string } = {}) {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if ((body !== undefined || opts.raw !== undefined) && !headers['content-type']) headers['content-type'] = 'application/json';
    const xsrf = this.cookies.get('XSRF-TOKEN');
    if (opts.csrf !== false && xsrf && method !== 'GET') headers['x-xsrf-token'] = xsrf;
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(this.baseUrl + path, { method, headers, body: opts.raw ?? (body === undefined ? undefined : JSON.stringify(body)), redirect: 'manual' });
    this.lastSetCookies = res.headers.getSetCookie();
    for (const c of this.lastSetCookies) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let json: any = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json, text };
  }

  get(path: string) {
    return this.request('GET', path);
  }

  post(path: string, body?: unknown, opts?: { csrf?: boolean; raw?: string }) {
    return this.request('POST', path, body, opts);
  }

  /** Loads the CSRF cookie the way the web app does on start, then signs in. */
  async signIn(email: string, password: string) {
    await this.get('/api/auth/session');
    return this.post('/api/auth/login', { email, password });
  }
}
