import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface RunningProduct {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built product the way the README's run command does: one process, role `all`, and,
 * unless DATABASE_URL is given, the embedded PostgreSQL in a scratch folder of its own.
 */
export async function startProduct(env: Record<string, string> = {}): Promise<RunningProduct> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'tf-e2e-'));
  chmodSync(scratch, 0o755); // as root, the embedded PostgreSQL runs as another user that must reach its folder
  const [port, pgPort] = [await freePort(), await freePort()];
  const proc: ChildProcess = spawn(process.execPath, ['apps/api/dist/main.js'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      EMBEDDED_PG_DIR: path.join(scratch, 'pg'),
      EMBEDDED_PG_PORT: String(pgPort),
      MAIL_OUTBOX_DIR: path.join(scratch, 'outbox'),
      STORAGE_DIR: path.join(scratch, 'storage'),
      QUEUE_PREFIX: `tfe2e_${process.pid}_${port}`,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`product did not start:\n${out}`)), 120_000);
    proc.stdout!.on('data', () => /Teamframe is running at/.test(out) && (clearTimeout(timer), resolve()));
    proc.once('exit', (code) => (clearTimeout(timer), reject(new Error(`product exited with ${code}:\n${out}`))));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    async stop() {
      if (proc.exitCode === null) {
        await new Promise<void>((resolve) => {
          const kill = setTimeout(() => proc.kill('SIGKILL'), 15_000);
          proc.once('exit', () => (clearTimeout(kill), resolve()));
          proc.kill('SIGTERM');
        });
      }
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
