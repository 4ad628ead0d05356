import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { Semaphore } from '../concurrency/semaphore';
import { RetryLaterError } from './domain-error';

// An upload takes a few seconds; a client told to come back after this finds a free place most times.
const RETRY_AFTER_SECONDS = 5;

/**
 * Places for image uploads in this process (UPLOAD_CONCURRENCY). A body is read into memory and then
 * checked, so every upload in flight holds up to its size limit: beyond the bound a new one is refused
 * at once (503, Retry-After) rather than queued, and nothing of its body is read.
 */
@Injectable()
export class UploadSlots {
  private readonly slots: Semaphore;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.slots = new Semaphore(config.UPLOAD_CONCURRENCY);
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = this.slots.tryAcquire();
    if (!release) throw new RetryLaterError('SERVICE_UNAVAILABLE', 'Many photos are arriving right now. Try again in a few seconds.', RETRY_AFTER_SECONDS);
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

@Global()
@Module({ providers: [UploadSlots], exports: [UploadSlots] })
export class UploadSlotsModule {}
