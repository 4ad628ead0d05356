import { createServer, type Server } from 'node:http';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { HealthResponse } from '@teamframe/shared-types';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { QueueWorkers } from '../../core/worker-runtime/queue-workers';
import { HealthService } from './health.service';

export interface WorkerHealthResponse extends HealthResponse {
  draining: boolean;
  queues: { name: string; running: boolean }[];
}

/**
 * A worker has no API, so it answers its own small health listener on WORKER_HEALTH_PORT:
 * `GET /health` (ready: database and Redis answer, every queue processor runs, not draining) and
 * `GET /live` (the event loop answers and no processor stopped on its own; stays 200 while draining
 * so an orchestrator does not kill a worker finishing its jobs). 503 otherwise, with the report.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHealthServer.name);
  private server?: Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly health: HealthService,
    private readonly workers: QueueWorkers,
  ) {}

  async report(): Promise<WorkerHealthResponse> {
    const base = await this.health.check(this.config.TEAMFRAME_ROLE);
    const draining = this.workers.isDraining();
    const queues = this.workers.all().map((w) => ({ name: w.name, running: w.isRunning() }));
    const ok = base.status === 'ok' && !draining && queues.length > 0 && queues.every((q) => q.running);
    return { ...base, status: ok ? 'ok' : 'degraded', draining, queues };
  }

  private live(): { status: 'ok' | 'degraded'; draining: boolean } {
    const draining = this.workers.isDraining();
    const running = this.workers.all().every((w) => w.isRunning());
    return { status: draining || running ? 'ok' : 'degraded', draining };
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.WORKER_HEALTH_PORT;
    if (this.config.TEAMFRAME_ROLE !== 'worker' || port === undefined) return;
    this.server = createServer((req, res) => {
      const answer = (body: { status: string }) => {
        res.writeHead(body.status === 'ok' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'GET') return void res.writeHead(405).end();
      if (req.url === '/live') return answer(this.live());
      if (req.url === '/health') {
        return void this.report().then(answer, (e: Error) => answer({ status: 'degraded', error: e.message } as { status: string }));
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, this.config.HOST, () => resolve());
    });
    this.logger.log(`worker health on http://${this.config.HOST}:${port}/health`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}
