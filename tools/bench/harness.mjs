// Shared pieces of the end-to-end benchmarks: a scratch database, the built API as real processes,
// a cookie+CSRF client. Benchmarks print figures; they never assert timings.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const TESTDATA = process.env.TEAMFRAME_TESTDATA ?? path.resolve(ROOT, '../shared/testdata');
const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function scratchDatabase() {
  const name = `tf_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async query(text, params) {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      try {
        return (await c.query(text, params)).rows;
      } finally {
        await c.end();
      }
    },
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts `apps/api/dist/main.js` (or another build's `main`, for before/after runs); resolves once it says it is up.
 * `nodeArgs`: Node's own flags for it (e.g. `--cpu-prof`, which NODE_OPTIONS does not take).
 */
export async function startProcess(env, waitFor = /Teamframe is running at/, main = 'apps/api/dist/main.js', nodeArgs = []) {
  const proc = spawn(process.execPath, [...nodeArgs, main], { cwd: ROOT, env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`did not start:\n${out}`)), 90_000);
    const check = () => waitFor.test(out) && (clearTimeout(t), resolve());
    proc.stdout.on('data', check);
    proc.once('exit', (c) => (clearTimeout(t), reject(new Error(`exited ${c}:\n${out}`))));
  });
  return {
    proc,
    stop: () =>
      new Promise((r) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return r();
        proc.once('exit', r);
        proc.kill('SIGTERM');
      }),
  };
}

export class Client {
  cookies = new Map();
  constructor(base) {
    this.base = base;
  }
  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async req(method, p, body, headers = {}) {
    const h = { accept: 'application/json', cookie: this.cookieHeader(), ...headers };
    if (this.cookies.has('XSRF-TOKEN')) h['x-xsrf-token'] = this.cookies.get('XSRF-TOKEN');
    let payload = body;
    if (body !== undefined && !(body instanceof FormData) && typeof body !== 'string') {
      h['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(this.base + p, { method, headers: h, body: payload });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  }
  async signIn(email, password) {
    await this.req('GET', '/api/auth/session');
    const r = await this.req('POST', '/api/auth/login', { email, password });
    if (r.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(r.json)}`);
  }
}

export function photo(file) {
  return readFileSync(path.join(TESTDATA, file));
}

export const percentile = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
