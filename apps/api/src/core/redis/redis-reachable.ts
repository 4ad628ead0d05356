import Redis from 'ioredis';
import { type RedisConfig, redisOptions } from './redis-options';

/** Resolves when Redis answers PING within `timeoutMs`, rejects with the reason otherwise. */
export async function assertRedisReachable(config: RedisConfig, timeoutMs = 3_000): Promise<void> {
  const client = new Redis({
    ...redisOptions(config),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    sentinelRetryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // The first error says why (a refused connection, an untrusted TLS certificate…); later ones only that it closed.
  let first: Error | undefined;
  client.on('error', (e: Error) => (first ??= e));
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    throw first ?? e;
  } finally {
    client.disconnect();
  }
}
