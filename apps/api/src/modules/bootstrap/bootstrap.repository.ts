import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { User } from '../users/entities/user.entity';

const BOOTSTRAP_LOCK_KEY = 7_215_004_002;

/** The first run's own statements: the lock that lets one process create the owner, and whether anyone exists yet. */
@Injectable()
export class BootstrapRepository {
  /** Several API processes may start at once; this transaction-scoped lock lets one of them in at a time. */
  async lockFirstRun(m: EntityManager): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK_KEY]);
  }

  async anyUser(m: EntityManager): Promise<boolean> {
    return (await m.getRepository(User).count()) > 0;
  }
}
