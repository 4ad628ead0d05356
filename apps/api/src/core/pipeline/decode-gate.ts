import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { Semaphore } from '../concurrency/semaphore';

/**
 * How many photos this process decodes at once (DECODE_CONCURRENCY). A large photo holds several
 * hundred MB while it is decoded, checked and re-encoded, so ten arriving together must take turns
 * rather than hold ten times that. The upload slots bound how many can wait here.
 */
@Injectable()
export class DecodeGate {
  private readonly places: Semaphore;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.places = new Semaphore(config.DECODE_CONCURRENCY);
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    return this.places.run(fn);
  }
}
