import type { UserRole } from '@teamframe/shared-types';
import { Client } from 'pg';
import { hashPassword } from '../../src/modules/auth/password-hasher';

/**
 * Creates an org and a user with a password straight in the database, as a second tenant for
 * isolation tests (the product itself makes the first one by bootstrap).
 */
export async function createOrgWithUser(dbUrl: string, o: { orgName: string; slug: string; email: string; password: string; role: UserRole }): Promise<{ orgId: string; userId: string }> {
  const pg = new Client({ connectionString: dbUrl });
  await pg.connect();
  try {
    const org = await pg.query('INSERT INTO org (name, slug) VALUES ($1, $2) RETURNING id', [o.orgName, o.slug]);
    const user = await pg.query(`INSERT INTO app_user (org_id, email, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
      org.rows[0].id,
      o.email,
      o.email.split('@')[0],
      o.role,
      await hashPassword(o.password),
    ]);
    return { orgId: org.rows[0].id, userId: user.rows[0].id };
  } finally {
    await pg.end();
  }
}

export async function addUser(dbUrl: string, orgId: string, email: string, password: string, role: UserRole): Promise<string> {
  const pg = new Client({ connectionString: dbUrl });
  await pg.connect();
  try {
    const r = await pg.query(`INSERT INTO app_user (org_id, email, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [orgId, email, email.split('@')[0], role, await hashPassword(password)]);
    return r.rows[0].id;
  } finally {
    await pg.end();
  }
}

export async function sql<T = Record<string, unknown>>(dbUrl: string, text: string, params: unknown[] = []): Promise<T[]> {
  const pg = new Client({ connectionString: dbUrl });
  await pg.connect();
  try {
    return (await pg.query(text, params)).rows as T[];
  } finally {
    await pg.end();
  }
}
