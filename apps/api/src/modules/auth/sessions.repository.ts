import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { Session } from './entities/session.entity';

/** The SQL of sign-in sessions; a session is found by the hash of its cookie token, never the token. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(s: Pick<Session, 'tokenHash' | 'userId' | 'orgId' | 'expiresAt'>): Promise<void> {
    await this.db.getRepository(Session).insert(s);
  }

  /** The caller of a live session whose account is enabled and whose org is not suspended, else null. */
  async caller(tokenHash: string): Promise<AuthContext | null> {
    const row = await this.db
      .getRepository(Session)
      .createQueryBuilder('s')
      .innerJoin('app_user', 'u', 'u.id = s.user_id AND u.org_id = s.org_id')
      .innerJoin('org', 'o', 'o.id = s.org_id AND o.suspended_at IS NULL')
      .select(['s.id AS "sessionId"', 's.user_id AS "userId"', 's.org_id AS "orgId"', 'u.role AS role'])
      .where('s.token_hash = :h', { h: tokenHash })
      .andWhere('s.expires_at > now()')
      .andWhere('u.disabled_at IS NULL')
      .getRawOne<AuthContext>();
    return row ?? null;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.getRepository(Session).delete({ tokenHash });
  }

  /** Returns how many were deleted. */
  async deleteExpired(now: Date): Promise<number> {
    return (await this.db.getRepository(Session).delete({ expiresAt: LessThan(now) })).affected ?? 0;
  }
}
