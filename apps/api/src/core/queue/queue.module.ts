import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { QUEUE, QUEUE_SETTINGS, type QueueName } from '@teamframe/shared-types';
import type { ConnectionOptions } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { redisOptions } from '../redis/redis-options';

/** BullMQ default job options for a queue, from the one settings table in shared-types. */
export function defaultJobOptions(name: QueueName) {
  const s = QUEUE_SETTINGS[name];
  return {
    attempts: s.attempts,
    backoff: { type: 'exponential' as const, delay: s.backoffMs },
    removeOnFail: { count: s.keepFailed },
    removeOnComplete: { count: s.keepCompleted },
  };
}

/** Worker options for a processor of `name` (spread into `@Processor(name, workerOptions(name))`). */
export function workerOptions(name: QueueName) {
  const s = QUEUE_SETTINGS[name];
  return { concurrency: s.concurrency, lockDuration: s.lockDurationMs, stalledInterval: Math.min(30_000, Math.round(s.lockDurationMs / 2)) };
}

const queues = Object.values(QUEUE).map((name) => BullModule.registerQueue({ name, defaultJobOptions: defaultJobOptions(name) }));

/** Every queue, registered once and injectable anywhere with @InjectQueue(name). */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // ioredis' option type and BullMQ's structural copy of it differ only in typing.
        connection: redisOptions(config) as ConnectionOptions,
        prefix: config.QUEUE_PREFIX,
      }),
    }),
    ...queues,
  ],
  exports: queues,
})
export class QueueModule {}
