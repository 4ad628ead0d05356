import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/test-env';

const GUARDS = path.join(REPO_ROOT, 'apps/api/dist/core/process/process-guards.js');

/** Runs a script in a fresh Node process with the guards installed; `stop` prints and exits with its code. */
function runGuarded(script: string) {
  const program = `
    const { installProcessGuards } = require(${JSON.stringify(GUARDS)});
    const logger = { error: (o, m) => console.log('LOGGED', m), log() {}, warn() {} };
    installProcessGuards(logger, (code) => { console.log('STOPPING', code); process.exit(code); });
    ${script}`;
  return spawnSync(process.execPath, ['-e', program], { encoding: 'utf8', timeout: 20_000 });
}

describe('process guards: the last line, not the fix', () => {
  it('logs a rejection nobody awaited and keeps serving', () => {
    const r = runGuarded(`Promise.reject(new Error('nobody waits')); setTimeout(() => console.log('STILL SERVING'), 200);`);
    expect(r.stdout).toMatch(/LOGGED unhandled promise rejection[\s\S]*STILL SERVING/);
    expect(r.status).toBe(0);
  });

  it('logs an uncaught exception and stops in order with exit code 1', () => {
    const r = runGuarded(`setTimeout(() => { throw new Error('half-way'); }, 10); setTimeout(() => console.log('STILL SERVING'), 500);`);
    expect(r.stdout).toMatch(/LOGGED uncaught exception[\s\S]*STOPPING 1/);
    expect(r.stdout).not.toMatch(/STILL SERVING/);
    expect(r.status).toBe(1);
  });
});
