import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/test-env';

/**
 * SQL lives in repositories (docs/architecture.md, "Persistence"): a service, processor, controller or
 * mail handler that runs a statement of its own, or injects a TypeORM repository, is the start of a
 * second owner for a table. This reads the API's sources and names every such place.
 */
const SRC = path.join(REPO_ROOT, 'apps/api/src');

/** The only files besides `*.repository.ts` allowed to talk to the database directly, each for a reason. */
const ALLOWED = new Set([
  'core/database/migrate.ts', // the advisory lock around the migrations
  'core/database/database-reachable.ts', // the health probe's SELECT 1 on its own connection
]);

/** What running or building SQL looks like in TypeScript here. */
const SQL_CALLS: [RegExp, string][] = [
  [/\.query\(/, 'runs a query'],
  [/\.getRepository\(/, 'opens a TypeORM repository'],
  [/\.createQueryBuilder\(/, 'builds a query'],
  [/@InjectRepository\(/, 'injects a TypeORM repository'],
];

/** Files that may not hold SQL: every .ts under src but repositories, migrations, specs and the allowed few. */
function sourcesOutsideRepositories(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.endsWith('.repository.ts'))
    .filter((f) => !f.split(path.sep).includes('migrations') && !ALLOWED.has(f.split(path.sep).join('/')));
}

/** One line per call that runs SQL outside a repository: "file:line: what". */
function sqlOutsideRepositories(read: (file: string) => string, files: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    read(file)
      .split('\n')
      .forEach((line, i) => {
        if (line.trimStart().startsWith('//') || line.trimStart().startsWith('*')) return;
        for (const [pattern, what] of SQL_CALLS) if (pattern.test(line)) found.push(`${file}:${i + 1}: ${what}`);
      });
  }
  return found;
}

describe('SQL lives in repositories', () => {
  it('no service, processor, controller or handler of the API runs SQL or injects a TypeORM repository', () => {
    const files = sourcesOutsideRepositories();
    expect(files.length).toBeGreaterThan(100);
    expect(sqlOutsideRepositories((f) => readFileSync(path.join(SRC, f), 'utf8'), files)).toEqual([]);
  });

  it('names each way of reaching the database it looks for', () => {
    const service = [
      'async a() { await this.db.query(`SELECT 1`); }',
      'const r = m.getRepository(User);',
      'this.users.createQueryBuilder("u")',
      '@InjectRepository(User) private readonly users: Repository<User>,',
      '// a comment that mentions this.db.query( is not a call',
    ].join('\n');
    expect(sqlOutsideRepositories(() => service, ['modules/x/x.service.ts'])).toEqual([
      'modules/x/x.service.ts:1: runs a query',
      'modules/x/x.service.ts:2: opens a TypeORM repository',
      'modules/x/x.service.ts:3: builds a query',
      'modules/x/x.service.ts:4: injects a TypeORM repository',
    ]);
  });
});
