import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export interface ScimConnectionRow {
  prefix: string;
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  delete_erases: boolean;
}

/** The connection behind a token that still works, with when it was used before this call. */
export interface ScimTokenUse {
  org_id: string;
  created_by: string;
  delete_erases: boolean;
  prev: Date | null;
  now: Date;
}

/** The SQL of the org's SCIM connection (org_scim): its one token and the DELETE behaviour. */
@Injectable()
export class ScimSettingsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(orgId: string): Promise<ScimConnectionRow | undefined> {
    const [row]: ScimConnectionRow[] = await this.db.query(`SELECT prefix, created_by, created_at, last_used_at, delete_erases FROM org_scim WHERE org_id = $1`, [orgId]);
    return row;
  }

  /** A new token; the previous one stops working in the same statement. */
  async replaceToken(m: EntityManager, orgId: string, hash: string, prefix: string, createdBy: string): Promise<void> {
    await m.query(
      `INSERT INTO org_scim (org_id, token_hash, prefix, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (org_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, prefix = EXCLUDED.prefix, created_by = EXCLUDED.created_by, created_at = now(), last_used_at = NULL`,
      [orgId, hash, prefix, createdBy],
    );
  }

  /** True when there was a token. */
  async delete(m: EntityManager, orgId: string): Promise<boolean> {
    const [, deleted] = await m.query(`DELETE FROM org_scim WHERE org_id = $1`, [orgId]);
    return Boolean(deleted);
  }

  /** True when the org has a connection to change. */
  async setDeleteErases(m: EntityManager, orgId: string, deleteErases: boolean): Promise<boolean> {
    const [, updated] = await m.query(`UPDATE org_scim SET delete_erases = $2 WHERE org_id = $1`, [orgId, deleteErases]);
    return Boolean(updated);
  }

  /**
   * The connection whose token hashes to `hash`, while the owner who made it is still an active owner;
   * records the use (last_used_at) in the same statement and returns the previous one.
   */
  async useToken(hash: string): Promise<ScimTokenUse | undefined> {
    const [t]: ScimTokenUse[] = await this.db.query(
      `WITH t AS (
         SELECT s.org_id, s.created_by, s.delete_erases, s.last_used_at
           FROM org_scim s JOIN app_user u ON u.id = s.created_by AND u.org_id = s.org_id
          WHERE s.token_hash = $1 AND u.disabled_at IS NULL AND u.role = 'owner'
          FOR UPDATE OF s),
       used AS (UPDATE org_scim SET last_used_at = now() FROM t WHERE org_scim.org_id = t.org_id
                RETURNING t.org_id, t.created_by, t.delete_erases, t.last_used_at AS prev, now() AS now)
       SELECT * FROM used`,
      [hash],
    );
    return t;
  }
}
