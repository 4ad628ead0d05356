#!/usr/bin/env node
// The one test command (npm test): services up, then lint, build, unit + integration tests of every
// project and the e2e journeys, all through Nx. Ends with one line `N passed, N failed`, counting
// every test case plus each lint/build step.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, 'reports');
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false', NX_SKIP_NX_CACHE: 'true', FORCE_COLOR: '0' };
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const steps = [];
function run(name, cmd, args) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  const ok = r.status === 0;
  steps.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

const servicesOk = run('services', 'bash', ['tools/ensure-services.sh']);
if (servicesOk) run('lint', 'npx', ['nx', 'run-many', '-t', 'lint', '--skip-nx-cache', '--parallel=2', '--output-style=stream']);
const buildOk = servicesOk && run('build', 'npx', ['nx', 'run-many', '-t', 'build', '--skip-nx-cache', '--parallel=1', '--output-style=stream']);
if (buildOk) {
  run('unit + integration', 'npx', ['nx', 'run-many', '-t', 'test', '--skip-nx-cache', '--parallel=1', '--exclude=e2e', '--output-style=stream']);
  run('e2e', 'npx', ['nx', 'run', 'e2e:e2e', '--skip-nx-cache', '--output-style=stream']);
}

let passed = 0;
let failed = 0;
for (const f of existsSync(reports) ? readdirSync(reports).filter((n) => n.endsWith('.json')) : []) {
  const r = JSON.parse(readFileSync(path.join(reports, f), 'utf8'));
  // A file that failed to load has no failed test of its own but must still count as a failure.
  const brokenFiles = (r.testResults ?? []).filter((t) => t.status === 'failed' && !t.assertionResults?.some((a) => a.status === 'failed')).length;
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + brokenFiles;
  console.log(`${f.replace(/^vitest-|\.json$/g, '')}: ${r.numPassedTests} passed, ${r.numFailedTests} failed${brokenFiles ? `, ${brokenFiles} files failed to load` : ''}`);
}
for (const s of steps) {
  if (s.name === 'lint' || s.name === 'build' || s.name === 'services') {
    if (s.ok) passed++;
    else failed++;
  }
  else if (!s.ok && failed === 0) failed++; // a test step that failed without a report still fails the run
  console.log(`step ${s.name}: ${s.ok ? 'ok' : 'FAILED'} (${s.seconds} s)`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && steps.every((s) => s.ok) ? 0 : 1);
