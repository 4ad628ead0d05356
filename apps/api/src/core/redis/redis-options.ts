import type { RedisOptions } from 'ioredis';
import type { AppConfig } from '../config/config';

export type RedisConfig = Pick<AppConfig, 'REDIS_URL' | 'REDIS_SENTINELS' | 'REDIS_SENTINEL_NAME'>;

/**
 * ioredis options, as BullMQ and our own clients need them, from REDIS_URL (redis:// or rediss:// for
 * TLS) — or, with REDIS_SENTINELS set, from Redis Sentinel: the sentinels name the current master of
 * REDIS_SENTINEL_NAME, and REDIS_URL then gives only the password, database and TLS.
 */
export function redisOptions(config: RedisConfig): RedisOptions {
  const u = new URL(config.REDIS_URL);
  const tls = u.protocol === 'rediss:' ? {} : undefined;
  const common = {
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls,
    // BullMQ's workers block on Redis; they require this to be null.
    maxRetriesPerRequest: null,
  };
  if (config.REDIS_SENTINELS) {
    return { ...common, sentinels: config.REDIS_SENTINELS, name: config.REDIS_SENTINEL_NAME, enableTLSForSentinelMode: tls !== undefined };
  }
  return { ...common, host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 6379) };
}

/** Where Redis is, for messages: the URL without its password, or the sentinels. */
export function describeRedis(config: RedisConfig): string {
  if (config.REDIS_SENTINELS) return `master "${config.REDIS_SENTINEL_NAME}" of sentinels ${config.REDIS_SENTINELS.map((s) => `${s.host}:${s.port}`).join(', ')}`;
  const u = new URL(config.REDIS_URL);
  if (u.password) u.password = '***';
  return u.toString();
}
