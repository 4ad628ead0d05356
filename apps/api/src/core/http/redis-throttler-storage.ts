import { type ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type Redis from 'ioredis';

/**
 * Counts hits in Redis so every API process shares one budget per client (the default in-memory
 * storage gives N processes N times the limit). A fixed window per key; going over the limit blocks
 * the key for `blockDuration`. One Lua script, so the count and the block are atomic.
 * While Redis does not answer (an outage, which the API reports as 503 elsewhere), each process falls
 * back to counting in its own memory rather than failing every request or dropping the limit.
 */
const SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blocked = redis.call('PTTL', KEYS[2])
if blocked <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blocked = tonumber(ARGV[3])
end
return { hits, ttl, blocked }`;

/** How long a request waits for Redis before counting locally. */
const REDIS_WAIT_MS = 200;

export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly local = new ThrottlerStorageService();

  constructor(private readonly redis: Redis) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    if (this.redis.status !== 'ready') return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    const base = `throttle:${throttlerName}:${key}`;
    let timer: NodeJS.Timeout | undefined;
    const reply = await Promise.race([
      this.redis.eval(SCRIPT, 2, `${base}:hits`, `${base}:block`, ttl, limit, blockDuration || ttl) as Promise<[number, number, number]>,
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), REDIS_WAIT_MS))),
    ])
      .catch(() => null)
      .finally(() => clearTimeout(timer));
    if (!reply) return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    const [hits, ttlLeft, blockLeft] = reply;
    const isBlocked = blockLeft > 0;
    return {
      totalHits: hits,
      timeToExpire: Math.max(0, Math.ceil(ttlLeft / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil(blockLeft / 1000) : 0,
    };
  }
}
