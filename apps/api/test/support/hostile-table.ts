import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { REPO_ROOT } from './test-env';

/**
 * docs/security.md keeps a table of the hostile cases the suite tries; each spec that tries some
 * checks its own row, so the figure in the docs is the one the tests run.
 */
export function expectDocumentedCount(kind: string, count: number): void {
  const doc = readFileSync(path.join(REPO_ROOT, 'docs/security.md'), 'utf8');
  const row = doc.split('\n').find((l) => l.startsWith(`| ${kind} |`));
  expect(row, `docs/security.md has no row "| ${kind} | …"`).toBeDefined();
  expect(Number(row!.split('|')[2].trim())).toBe(count);
}
