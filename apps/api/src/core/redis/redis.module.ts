import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { redisOptions } from './redis-options';

export const REDIS = Symbol('REDIS');

/**
 * A client's 'error' events (each failed reconnect while Redis is away) need a listener, or ioredis
 * prints every one to stderr as unhandled. One warning per outage, one line when it is back.
 */
function logOutages(redis: Redis): Redis {
  const logger = new Logger('Redis');
  let down = false;
  redis.on('error', (err: Error) => {
    if (down) return;
    down = true;
    logger.warn({ err }, 'Redis is not answering; reconnecting');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger.log('Redis is answering again');
  });
  return redis;
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

/** One shared client for our own keys (health, caches); BullMQ keeps its own connections. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => logOutages(new Redis({ ...redisOptions(config), maxRetriesPerRequest: 2, keyPrefix: `${config.QUEUE_PREFIX}:` })),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
