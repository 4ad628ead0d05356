import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MAINTENANCE_JOB, QUEUE, type ScheduledJobPayload } from '@teamframe/shared-types';
import type { Job } from 'bullmq';
import { LessThan, Repository } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { jobClock, RunsJob } from '../../core/queue/job-handlers';
import { OrgLimits } from '../orgs/org-limits.service';
import { Session } from './entities/session.entity';

const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');

@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limits: OrgLimits,
  ) {}

  /** Creates a session and returns the token for the cookie; only its hash is stored. Refused for a suspended org. */
  async create(userId: string, orgId: string): Promise<{ token: string; expiresAt: Date }> {
    await this.limits.assertActive(orgId);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_HOURS * 3_600_000);
    await this.sessions.insert({ tokenHash: sha256(token), userId, orgId, expiresAt });
    return { token, expiresAt };
  }

  /** The caller behind a cookie token, or null when the session is unknown, expired, the user disabled or the org suspended. */
  async resolve(token: string): Promise<AuthContext | null> {
    if (token.length > 128) return null;
    const row = await this.sessions
      .createQueryBuilder('s')
      .innerJoin('app_user', 'u', 'u.id = s.user_id AND u.org_id = s.org_id')
      .innerJoin('org', 'o', 'o.id = s.org_id AND o.suspended_at IS NULL')
      .select(['s.id AS "sessionId"', 's.user_id AS "userId"', 's.org_id AS "orgId"', 'u.role AS role'])
      .where('s.token_hash = :h', { h: sha256(token) })
      .andWhere('s.expires_at > now()')
      .andWhere('u.disabled_at IS NULL')
      .getRawOne<AuthContext>();
    return row ?? null;
  }

  async revoke(token: string): Promise<void> {
    await this.sessions.delete({ tokenHash: sha256(token) });
  }

  @RunsJob(QUEUE.maintenance, MAINTENANCE_JOB.purgeExpiredSessions)
  async purgeExpiredJob(job: Job<ScheduledJobPayload>): Promise<{ deleted: number }> {
    return { deleted: await this.purgeExpired(jobClock(job)) };
  }

  async purgeExpired(now = new Date()): Promise<number> {
    const result = await this.sessions.delete({ expiresAt: LessThan(now) });
    return result.affected ?? 0;
  }
}
