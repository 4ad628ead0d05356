import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const API_MAIN = path.join(REPO_ROOT, 'apps/api/dist/main.js');

/** The machine's PostgreSQL, where each spec file creates a database of its own. */
const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `tf_test_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A Redis key prefix of its own, so parallel runs and earlier runs never share queues. */
export const uniquePrefix = () => `tftest_${randomBytes(5).toString('hex')}`;

/** The shared test photos: beside the repository, as on every machine and in CI. */
export const TESTDATA = process.env.TEAMFRAME_TESTDATA ?? path.resolve(REPO_ROOT, '../shared/testdata');

/**
 * What an integration spec starts the API with: its own database, the spec's mail catcher, a storage
 * folder of its own and the first owner. A spec adds the settings it is about.
 */
export function specEnv(db: TestDatabase, smtpUrl: string, owner: { email: string; password: string }): Record<string, string> {
  return {
    DATABASE_URL: db.url,
    SMTP_URL: smtpUrl,
    STORAGE_DIR: path.join(REPO_ROOT, 'var', `test-storage-${db.name}`),
    TEAMFRAME_ADMIN_EMAIL: owner.email,
    TEAMFRAME_ADMIN_PASSWORD: owner.password,
  };
}
