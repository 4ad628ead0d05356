import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { User } from './entities/user.entity';

/** What a new account is made of; the id and timestamps come from the database. */
export type NewUser = Pick<User, 'orgId' | 'email' | 'displayName' | 'role' | 'passwordHash' | 'disabledAt'> & Partial<Pick<User, 'ssoSubject'>>;

/**
 * The SQL of signing in as an account (`app_user`): finding the account behind a password or an SSO
 * identity, linking an identity, making the org's first owner or an SSO user. The members page's
 * reads and changes of accounts are MembersRepository's. Every read but the password sign-in's is
 * scoped to one org.
 */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Active accounts of every org with this email and a password, with their hashes (an email may sign in to several orgs). */
  passwordCandidates(email: string): Promise<User[]> {
    return this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .andWhere('u.disabled_at IS NULL')
      .andWhere('u.password_hash IS NOT NULL')
      .getMany();
  }

  byId(orgId: string, id: string): Promise<User | null> {
    return this.db.getRepository(User).findOneBy({ id, orgId });
  }

  /** The account an SSO identity (the assertion's NameID) signs in as. */
  bySsoSubject(orgId: string, ssoSubject: string): Promise<User | null> {
    return this.db.getRepository(User).findOneBy({ orgId, ssoSubject });
  }

  async linkSsoSubject(orgId: string, id: string, ssoSubject: string): Promise<void> {
    await this.db.getRepository(User).update({ id, orgId }, { ssoSubject });
  }

  /** Fails with the database's unique violation (23505) when the email or identity is taken in the org. */
  create(user: NewUser, m: EntityManager = this.db.manager): Promise<User> {
    return m.getRepository(User).save({ ssoSubject: null, ...user });
  }
}
