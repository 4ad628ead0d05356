import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { UserRole } from '@teamframe/shared-types';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiToken } from './entities/api-token.entity';

/** A token that still works, with when it was used before this call. */
export interface ApiTokenUse {
  id: string;
  org_id: string;
  role: UserRole;
  created_by: string;
  name: string;
  prev: Date | null;
  now: Date;
}

/** The SQL of API tokens (api_token): the entity for the owner's list, one statement for a bearer call. */
@Injectable()
export class ApiTokensRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  ofOrg(orgId: string): Promise<ApiToken[]> {
    return this.db.getRepository(ApiToken).find({ where: { orgId }, order: { createdAt: 'DESC' } });
  }

  find(orgId: string, id: string, m: EntityManager = this.db.manager): Promise<ApiToken | null> {
    return m.getRepository(ApiToken).findOneBy({ id, orgId });
  }

  get(orgId: string, id: string): Promise<ApiToken> {
    return this.db.getRepository(ApiToken).findOneByOrFail({ id, orgId });
  }

  insert(m: EntityManager, t: Pick<ApiToken, 'orgId' | 'name' | 'role' | 'tokenHash' | 'prefix' | 'createdBy' | 'expiresAt'>): Promise<ApiToken> {
    return m.getRepository(ApiToken).save(t);
  }

  async revoke(m: EntityManager, orgId: string, id: string, at: Date): Promise<void> {
    await m.getRepository(ApiToken).update({ id, orgId }, { revokedAt: at });
  }

  /**
   * The token hashing to `hash` if it is not revoked or expired and its creator is still an active owner;
   * records the use (last_used_at) in the same statement and returns the previous one.
   */
  async useToken(hash: string): Promise<ApiTokenUse | undefined> {
    const rows: ApiTokenUse[] = await this.db.query(
      `WITH t AS (
         SELECT a.id, a.org_id, a.role, a.created_by, a.name, a.last_used_at
           FROM api_token a JOIN app_user u ON u.id = a.created_by AND u.org_id = a.org_id
          WHERE a.token_hash = $1 AND a.revoked_at IS NULL AND a.expires_at > now() AND u.disabled_at IS NULL AND u.role = 'owner'
          FOR UPDATE OF a),
       used AS (UPDATE api_token SET last_used_at = now() FROM t WHERE api_token.id = t.id
                RETURNING t.id, t.org_id, t.role, t.created_by, t.name, t.last_used_at AS prev, now() AS now)
       SELECT * FROM used`,
      [hash],
    );
    return rows[0];
  }
}
