import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { DomainError } from '../../core/http/domain-error';
import { REDIS } from '../../core/redis/redis.module';

const UPLOADS_PER_LINK_PER_HOUR = 30;
const HOUR_MS = 3_600_000;
/** How long an upload waits for Redis before counting in this process. */
const REDIS_WAIT_MS = 200;

/**
 * The per-link upload limit on top of the per-address one, so one leaked link cannot flood the workers.
 * Counted in Redis so every API process shares it; while Redis does not answer, each process counts in
 * its own memory (as the request rate limits do) so an outage refuses nobody's selfie: the selfie is
 * stored and recorded, and the stranded-job sweep queues it once Redis is back.
 */
@Injectable()
export class UploadLinkLimit {
  private readonly local = new Map<string, { count: number; resetAt: number }>();

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async count(token: string): Promise<void> {
    const key = `ratelimit:photo:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`;
    const n = (await this.countInRedis(key)) ?? this.countLocally(key);
    if (n > UPLOADS_PER_LINK_PER_HOUR) throw new DomainError('RATE_LIMITED', 'Too many uploads with this link. Wait an hour and try again, or ask HR.');
  }

  private async countInRedis(key: string): Promise<number | null> {
    if (this.redis.status !== 'ready') return null;
    let timer: NodeJS.Timeout | undefined;
    const counted = this.redis
      .multi()
      .incr(key)
      .pexpire(key, HOUR_MS, 'NX')
      .exec()
      .then((r) => (r && !r[0][0] ? Number(r[0][1]) : null));
    return Promise.race([counted, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), REDIS_WAIT_MS)))])
      .catch(() => null)
      .finally(() => clearTimeout(timer));
  }

  private countLocally(key: string): number {
    const now = Date.now();
    if (this.local.size > 10_000) for (const [k, v] of this.local) if (v.resetAt <= now) this.local.delete(k);
    const entry = this.local.get(key);
    if (!entry || entry.resetAt <= now) {
      this.local.set(key, { count: 1, resetAt: now + HOUR_MS });
      return 1;
    }
    return ++entry.count;
  }
}
