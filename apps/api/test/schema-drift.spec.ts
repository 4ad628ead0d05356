import { createRequire } from 'node:module';
import path from 'node:path';
import type { DataSource as DataSourceType } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from './support/test-env';

// The built schema, as the API runs it (TypeORM reads the compiled decorator metadata).
const built = createRequire(__filename);
const { ENTITIES, MIGRATIONS } = built(path.join(REPO_ROOT, 'apps/api/dist/core/database/schema.js'));
const { DataSource } = built('typeorm') as { DataSource: typeof DataSourceType };

interface DbColumn {
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
}

/**
 * What the entities expect and the migrations do not build, as sentences: a mapped column missing, of
 * another type or nullability, or a column of a mapped table that its entity does not map (an
 * incomplete entity, whose saves and reads silently skip it).
 */
async function drift(ds: DataSourceType): Promise<string[]> {
  const problems: string[] = [];
  for (const meta of ds.entityMetadatas) {
    const cols: DbColumn[] = await ds.query(`SELECT column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`, [meta.tableName]);
    if (!cols.length) {
      problems.push(`table ${meta.tableName} (entity ${meta.name}) is not created by any migration`);
      continue;
    }
    const inDb = new Map(cols.map((c) => [c.column_name, c]));
    for (const c of meta.columns) {
      const d = inDb.get(c.databaseName);
      const where = `${meta.tableName}.${c.databaseName}`;
      if (!d) {
        problems.push(`${where} is mapped by ${meta.name} but no migration creates it`);
        continue;
      }
      const dbType = d.data_type === 'ARRAY' ? `${d.udt_name.slice(1)}[]` : d.data_type;
      const entityType = `${ds.driver.normalizeType(c)}${c.isArray ? '[]' : ''}`;
      if (dbType !== entityType) problems.push(`${where} is ${dbType} in the database and ${entityType} in ${meta.name}`);
      if ((d.is_nullable === 'YES') !== c.isNullable) problems.push(`${where} is ${d.is_nullable === 'YES' ? 'nullable' : 'NOT NULL'} in the database but not in ${meta.name}`);
    }
    for (const name of inDb.keys()) if (!meta.columns.some((c) => c.databaseName === name)) problems.push(`${meta.tableName}.${name} is not mapped by ${meta.name}`);
  }
  return problems;
}

/** The tables the migrations build that no entity maps (TypeORM's own bookkeeping aside). */
async function unmappedTables(ds: DataSourceType): Promise<string[]> {
  const tables: { table_name: string }[] = await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'`);
  const mapped = new Set(ds.entityMetadatas.map((m) => m.tableName));
  return tables.map((t) => t.table_name).filter((t) => !mapped.has(t)).sort();
}

describe('schema drift: the migrations build what the entities expect', () => {
  let db: TestDatabase;
  let ds: DataSourceType;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource({ type: 'postgres', url: db.url, entities: ENTITIES, migrations: MIGRATIONS });
    await ds.initialize();
    await ds.runMigrations();
  }, 60_000);
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('every entity column exists with its type and nullability, and every column of a mapped table is mapped', async () => {
    expect(await drift(ds)).toEqual([]);
  });

  it('every table the migrations build has an entity', async () => {
    expect(await unmappedTables(ds)).toEqual([]);
  });

  it('notices a table no entity maps', async () => {
    await ds.query(`CREATE TABLE drift_scratch (id int)`);
    try {
      expect(await unmappedTables(ds)).toEqual(['drift_scratch']);
    } finally {
      await ds.query(`DROP TABLE drift_scratch`);
    }
  });

  it('notices a column a migration forgot, a changed type and an unmapped column', async () => {
    // Drift made on purpose in a scratch copy of one table's columns, then undone.
    await ds.query(`ALTER TABLE headshot RENAME COLUMN quality_score TO quality_score_old`);
    await ds.query(`ALTER TABLE upload ALTER COLUMN width TYPE bigint`);
    await ds.query(`ALTER TABLE scim_user ALTER COLUMN external_id SET NOT NULL`);
    try {
      const problems = await drift(ds);
      expect(problems).toContain('headshot.quality_score is mapped by Headshot but no migration creates it');
      expect(problems).toContain('headshot.quality_score_old is not mapped by Headshot');
      expect(problems).toContain('upload.width is bigint in the database and integer in Upload');
      expect(problems).toContain('scim_user.external_id is NOT NULL in the database but not in ScimUser');
    } finally {
      await ds.query(`ALTER TABLE headshot RENAME COLUMN quality_score_old TO quality_score`);
      await ds.query(`ALTER TABLE upload ALTER COLUMN width TYPE int`);
      await ds.query(`ALTER TABLE scim_user ALTER COLUMN external_id DROP NOT NULL`);
    }
  });
});
