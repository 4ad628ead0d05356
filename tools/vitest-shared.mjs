// One place for what every project's vitest config shares: source aliases for the libs (tests run
// from source, no build needed) and a JSON report per project that tools/test-all.mjs adds up.
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export function vitestProject(name, dir, overrides = {}) {
  return {
    root: dir,
    // Nest's decorators need the legacy decorator transform; the tsconfig of each app says the same.
    esbuild: { tsconfigRaw: { compilerOptions: { experimentalDecorators: true } } },
    resolve: {
      alias: {
        '@teamframe/shared-types': path.join(root, 'libs/shared-types/src/index.ts'),
        '@teamframe/pipeline': path.join(root, 'libs/pipeline/src/index.ts'),
      },
    },
    test: {
      include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
      exclude: ['**/node_modules/**', '**/dist/**'],
      reporters: ['default', ['json', { outputFile: path.join(root, 'reports', `vitest-${name}.json`) }]],
      testTimeout: 30_000,
      hookTimeout: 120_000,
      ...overrides,
    },
  };
}
