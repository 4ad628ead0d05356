import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { User } from '../users/entities/user.entity';

/** The SQL of an org's member accounts; the password hash is read only to tell how a member signs in. */
@Injectable()
export class MembersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(orgId: string): Promise<User[]> {
    return this.db.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.org_id = :orgId', { orgId }).orderBy('u.email').getMany();
  }

  emailTaken(orgId: string, email: string): Promise<boolean> {
    return this.db.getRepository(User).existsBy({ orgId, email });
  }

  insert(u: Pick<User, 'orgId' | 'email' | 'displayName' | 'role' | 'passwordHash' | 'disabledAt'>): Promise<User> {
    return this.db.getRepository(User).save(u);
  }

  /** One member of the org, locked for the caller's transaction. */
  lock(m: EntityManager, orgId: string, id: string): Promise<User | null> {
    return m.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id AND u.org_id = :orgId', { id, orgId }).setLock('pessimistic_write').getOne();
  }

  async save(m: EntityManager, user: User): Promise<void> {
    await m.getRepository(User).save(user);
  }

  /** Active owners of the org other than `exceptId`. */
  async otherActiveOwners(m: EntityManager, orgId: string, exceptId: string): Promise<number> {
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM app_user WHERE org_id = $1 AND role = 'owner' AND disabled_at IS NULL AND id <> $2`, [orgId, exceptId]);
    return n;
  }

  /** Signs the member out everywhere. */
  async deleteSessions(m: EntityManager, orgId: string, userId: string): Promise<void> {
    await m.query(`DELETE FROM session WHERE user_id = $1 AND org_id = $2`, [userId, orgId]);
  }
}
