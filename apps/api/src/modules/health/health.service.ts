import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { type DependencyHealth, type HealthResponse, QUEUE } from '@teamframe/shared-types';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { REDIS } from '../../core/redis/redis.module';
import { APP_VERSION } from '../../version';
import { HealthRepository } from './health.repository';

const TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(
    private readonly repo: HealthRepository,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectQueue(QUEUE.headshot) private readonly headshots: Queue,
  ) {}

  async check(role: HealthResponse['role']): Promise<HealthResponse> {
    const [database, redis] = await Promise.all([probe(() => this.repo.ping()), probe(() => this.redis.ping())]);
    // Asked only with Redis up: BullMQ would otherwise hold the command until it returns.
    const workers = redis.status === 'up' ? await withTimeout(this.headshots.getWorkersCount()).catch(() => null) : null;
    return { status: database.status === 'up' && redis.status === 'up' ? 'ok' : 'degraded', version: APP_VERSION, role, database, redis, workers };
  }
}

function withTimeout<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)))]).finally(() => clearTimeout(timer));
}

async function probe(fn: () => Promise<unknown>): Promise<DependencyHealth> {
  const start = performance.now();
  try {
    await withTimeout(fn());
    return { status: 'up', latencyMs: Math.round((performance.now() - start) * 10) / 10 };
  } catch (e) {
    return { status: 'down', latencyMs: null, error: (e as Error).message };
  }
}
