// Builds the headshot engine as it was at a given commit (default: BEFORE_COMMIT, the commit before the
// speed work) into a scratch directory, so one bench run can time "before" and "after" side by side on
// the same machine under the same load. Uses `git archive` (the CI clone has full history) and the
// repository's installed node_modules; returns the path of that build's `dist/index.js`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const BEFORE_COMMIT = process.env.BENCH_BEFORE_COMMIT ?? 'a6a21c7';

export function buildBefore(root, commit = BEFORE_COMMIT) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'teamframe-before-'));
  const archive = execFileSync('git', ['archive', '--format=tar', commit, 'libs/pipeline', 'libs/shared-types', 'tsconfig.base.json'], { cwd: root, maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  // the old code resolves its packages from the repository's node_modules, and its own shared-types
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  mkdirSync(path.join(dir, 'libs/pipeline/node_modules/@teamframe'), { recursive: true });
  symlinkSync(path.join(dir, 'libs/shared-types'), path.join(dir, 'libs/pipeline/node_modules/@teamframe/shared-types'));
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  for (const lib of ['shared-types', 'pipeline']) execFileSync(process.execPath, [tsc, '-p', `libs/${lib}/tsconfig.lib.json`], { cwd: dir, stdio: 'inherit' });
  const entry = path.join(dir, 'libs/pipeline/dist/index.js');
  if (!existsSync(entry)) throw new Error(`the build of ${commit} has no ${entry}`);
  return { dir, entry, commit };
}
