import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecret } from './secret';

describe('loadOrCreateSecret', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'tf-secret-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('prefers TEAMFRAME_SECRET and then writes nothing', () => {
    const file = path.join(tempDir(), 'secret');
    expect(loadOrCreateSecret('x'.repeat(40), file)).toBe('x'.repeat(40));
    expect(() => statSync(file)).toThrow();
  });

  it('generates a 0600 secret once and returns the same one on every later start', () => {
    const file = path.join(tempDir(), 'nested', 'secret');
    const first = loadOrCreateSecret(undefined, file);
    expect(first.length).toBeGreaterThanOrEqual(64);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSecret(undefined, file)).toBe(first);
  });

  it('gives processes starting together one shared secret (api and workers on one volume)', async () => {
    const file = path.join(tempDir(), 'secret');
    // Separate processes running the compiled module, as the api and worker containers do; each prints its secret.
    const compiled = path.resolve(__dirname, '../../../dist/core/config/secret.js');
    // Every process loads the module, then waits for the same instant, so they really race.
    const at = Date.now() + 2_000;
    const script = `const m = require(${JSON.stringify(compiled)}); while (Date.now() < ${at}); process.stdout.write(m.loadOrCreateSecret(undefined, ${JSON.stringify(file)}))`;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout!.on('data', (d) => (out += d));
        child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
      });
    const secrets = await Promise.all(Array.from({ length: 6 }, run));
    expect(new Set(secrets).size).toBe(1);
    expect(readFileSync(file, 'utf8').trim()).toBe(secrets[0]);
  });
});
