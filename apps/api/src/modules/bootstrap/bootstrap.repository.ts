import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Org } from '../orgs/entities/org.entity';
import { User } from '../users/entities/user.entity';

const BOOTSTRAP_LOCK_KEY = 7_215_004_002;

/** The statements of the first run: the lock that lets one process create the owner, and the two rows it writes. */
@Injectable()
export class BootstrapRepository {
  /** Several API processes may start at once; this transaction-scoped lock lets one of them in at a time. */
  async lockFirstRun(m: EntityManager): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK_KEY]);
  }

  async anyUser(m: EntityManager): Promise<boolean> {
    return (await m.getRepository(User).count()) > 0;
  }

  createOrg(m: EntityManager, org: { name: string; slug: string }): Promise<Org> {
    return m.getRepository(Org).save(org);
  }

  createOwner(m: EntityManager, owner: { orgId: string; email: string; displayName: string; passwordHash: string }): Promise<User> {
    return m.getRepository(User).save({ ...owner, role: 'owner' as const, disabledAt: null });
  }
}
