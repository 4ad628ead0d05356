import type { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/** How often each worker looks for outbox rows, and how many it moves per transaction. */
export const OUTBOX_TICK_MS = 1_000;
export const OUTBOX_BATCH = 200;

/**
 * A table of pending work (an outbox written in the same transaction as the change) moved to a queue
 * about once a second in every worker. Subclasses claim rows with SKIP LOCKED, so workers share them; a
 * pass that cannot reach Redis rolls back and the next tick tries again. One pass runs at a time.
 */
export abstract class OutboxPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  protected abstract readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  /** Moves at most OUTBOX_BATCH rows of each kind in one transaction; returns how many it moved per kind. */
  protected abstract dispatchBatches(): Promise<number[]>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), OUTBOX_TICK_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      // A full batch means more may be waiting: go again at once rather than a second later.
      while ((await this.dispatchBatches()).some((n) => n === OUTBOX_BATCH));
    } catch (e) {
      this.logger.warn({ err: (e as Error).message }, 'outbox dispatch failed; retrying on the next tick');
    } finally {
      this.running = false;
    }
  }
}
