import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MAINTENANCE_JOB, QUEUE, type ScheduledJobPayload } from '@teamframe/shared-types';
import type { Job } from 'bullmq';
import type { AuthContext } from '../../core/auth/auth-context';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { jobClock, RunsJob } from '../../core/queue/job-handlers';
import { OrgLimits } from '../orgs/org-limits.service';
import { SessionsRepository } from './sessions.repository';

const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');

@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
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
    return this.sessions.caller(sha256(token));
  }

  async revoke(token: string): Promise<void> {
    await this.sessions.delete(sha256(token));
  }

  @RunsJob(QUEUE.maintenance, MAINTENANCE_JOB.purgeExpiredSessions)
  async purgeExpiredJob(job: Job<ScheduledJobPayload>): Promise<{ deleted: number }> {
    return { deleted: await this.purgeExpired(jobClock(job)) };
  }

  async purgeExpired(now = new Date()): Promise<number> {
    return this.sessions.deleteExpired(now);
  }
}
