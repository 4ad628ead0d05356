import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runApiExpectingExit, startApi } from './support/api-process';
import { HttpClient } from './support/http-client';
import { createTestDatabase, type TestDatabase } from './support/test-env';

/** A redis-server of the test's own on loopback (a config file, if any, must come first); resolves once it listens. */
async function redisServer(dir: string, args: string[], configFile?: string): Promise<ChildProcess> {
  const proc = spawn('redis-server', [...(configFile ? [configFile] : []), '--save', '', '--appendonly', 'no', '--dir', dir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${out}`)), 15_000);
    proc.stdout!.on('data', (d) => {
      out += d;
      if (/Ready to accept connections|Sentinel ID is/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${out}`)));
  });
  return proc;
}

/** A CA and a server certificate for 127.0.0.1 it signed, made with openssl. */
function certificates(dir: string): { ca: string; cert: string; key: string } {
  const f = (n: string) => path.join(dir, n);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '1', '-subj', '/CN=teamframe-test-ca');
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=127.0.0.1');
  writeFileSync(f('ext'), 'subjectAltName=IP:127.0.0.1\n');
  ssl('x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('server.pem'), '-days', '1', '-extfile', f('ext'));
  return { ca: f('ca.pem'), cert: f('server.pem'), key: f('server.key') };
}

// Managed Redis and PostgreSQL as this machine allows: Redis over TLS (rediss://) and through Sentinel
// with servers the test starts on loopback; PostgreSQL's sslmode is honoured (the local server has no TLS,
// so sslmode=require must refuse to start with the reason, never fall back to plain text).
describe('managed services', () => {
  let db: TestDatabase;
  let dir: string;
  const procs: ChildProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(path.join(tmpdir(), 'tf-managed-'));
  });
  afterAll(async () => {
    for (const p of procs) p.kill('SIGKILL');
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs on Redis over TLS (rediss://), trusting the CA given by NODE_EXTRA_CA_CERTS, and refuses an untrusted one', async () => {
    const tls = certificates(dir);
    const port = await freePort();
    procs.push(await redisServer(dir, ['--port', '0', '--tls-port', String(port), '--tls-cert-file', tls.cert, '--tls-key-file', tls.key, '--tls-ca-cert-file', tls.ca, '--tls-auth-clients', 'no']));
    const env = { DATABASE_URL: db.url, TEAMFRAME_ROLE: 'api', REDIS_URL: `rediss://127.0.0.1:${port}` };

    const untrusted = await runApiExpectingExit(env);
    expect(untrusted.code).toBe(1);
    expect(untrusted.output).toMatch(/^Redis is not reachable at rediss:\/\/127\.0\.0\.1:\d+ \(.*(self[- ]signed|unable to verify|certificate).*\)/im);

    const api = await startApi({ ...env, NODE_EXTRA_CA_CERTS: tls.ca });
    try {
      const health = await new HttpClient(api.baseUrl).get('/api/health');
      expect(health.status).toBe(200);
      expect(health.json.redis.status).toBe('up');
    } finally {
      await api.stop();
    }
  }, 90_000);

  it('finds Redis through Sentinel (REDIS_SENTINELS) and runs queues there', async () => {
    const masterPort = await freePort();
    procs.push(await redisServer(dir, ['--port', String(masterPort)]));
    const sentinelPort = await freePort();
    const conf = path.join(dir, 'sentinel.conf');
    writeFileSync(conf, `port ${sentinelPort}\nbind 127.0.0.1\nsentinel monitor tfmaster 127.0.0.1 ${masterPort} 1\n`);
    procs.push(await redisServer(dir, ['--sentinel'], conf));
    // REDIS_URL points nowhere useful: the sentinels must be what finds the master.
    const env = { DATABASE_URL: db.url, REDIS_URL: 'redis://127.0.0.1:1', REDIS_SENTINELS: `127.0.0.1:${sentinelPort}`, REDIS_SENTINEL_NAME: 'tfmaster', LOG_LEVEL: 'info' };
    const worker = await startApi({ ...env, TEAMFRAME_ROLE: 'worker' }, { waitFor: /Teamframe worker started/ });
    try {
      expect(worker.output()).toContain(`queues on master "tfmaster" of sentinels 127.0.0.1:${sentinelPort}`);
      // The worker's queues live in the master the sentinel named.
      const keys = execFileSync('redis-cli', ['-p', String(masterPort), '--scan', '--pattern', '*maintenance*'], { encoding: 'utf8' });
      expect(keys).toMatch(/:maintenance:/);
    } finally {
      await worker.stop();
    }
    const wrongName = await runApiExpectingExit({ ...env, REDIS_SENTINEL_NAME: 'no-such-master', TEAMFRAME_ROLE: 'worker' });
    expect(wrongName.code).toBe(1);
    expect(wrongName.output).toMatch(/^Redis is not reachable at master "no-such-master" of sentinels/m);
  }, 90_000);

  it('honours sslmode in DATABASE_URL: require against a server without TLS refuses to start, with the reason', async () => {
    const { code, output } = await runApiExpectingExit({ DATABASE_URL: `${db.url}?sslmode=require`, TEAMFRAME_ROLE: 'api' });
    expect(code).toBe(1);
    expect(output).toMatch(/PostgreSQL is not reachable at .*sslmode=require.*does not support SSL/);
  });
});
