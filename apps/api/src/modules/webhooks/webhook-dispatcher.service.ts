import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QUEUE, QUEUE_SETTINGS, WEBHOOK_JOB, type WebhookDeliveryPayload } from '@teamframe/shared-types';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { OUTBOX_BATCH as BATCH, OutboxPoller } from '../../core/queue/outbox-poller';
import { WebhooksRepository } from './webhooks.repository';

/**
 * Moves webhook events from the outbox table to the queue, one job per (event, endpoint), about once a
 * second in every worker. Rows are claimed with SKIP LOCKED, so several workers share the work; a tick
 * that cannot reach Redis rolls back and the next one tries again; job ids make a repeat a no-op.
 */
@Injectable()
export class WebhookDispatcher extends OutboxPoller {
  protected readonly logger = new Logger(WebhookDispatcher.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly webhooks: WebhooksRepository,
    @InjectQueue(QUEUE.webhook) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  protected async dispatchBatches(): Promise<number[]> {
    return [await this.dispatchBatch()];
  }

  /** Returns how many events it moved. */
  async dispatchBatch(): Promise<number> {
    return this.db.transaction(async (m) => {
      const { eventIds, targets } = await this.webhooks.claimUndispatched(m, BATCH);
      if (eventIds.length === 0) return 0;
      if (targets.length) {
        await this.queue.addBulk(
          targets.map((t) => ({
            name: WEBHOOK_JOB.deliver,
            data: { eventId: t.event_id, endpointId: t.endpoint_id } satisfies WebhookDeliveryPayload,
            opts: { jobId: `${t.event_id}-${t.endpoint_id}`, attempts: QUEUE_SETTINGS.webhook.attempts, backoff: { type: 'exponential', delay: this.config.WEBHOOK_RETRY_DELAY_MS } },
          })),
        );
      }
      await this.webhooks.markDispatched(m, eventIds);
      return eventIds.length;
    });
  }
}
