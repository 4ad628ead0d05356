import { Inject, Injectable } from '@nestjs/common';
import type { DependencyHealth, HealthResponse } from '@teamframe/shared-types';
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
  ) {}

  async check(role: HealthResponse['role']): Promise<HealthResponse> {
    const [database, redis] = await Promise.all([probe(() => this.repo.ping()), probe(() => this.redis.ping())]);
    return { status: database.status === 'up' && redis.status === 'up' ? 'ok' : 'degraded', version: APP_VERSION, role, database, redis };
  }
}

async function probe(fn: () => Promise<unknown>): Promise<DependencyHealth> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([fn(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)))]);
    return { status: 'up', latencyMs: Math.round((performance.now() - start) * 10) / 10 };
  } catch (e) {
    return { status: 'down', latencyMs: null, error: (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
