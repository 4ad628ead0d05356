import { Logger } from '@nestjs/common';
import type { ThreadLostEvent } from '@teamframe/pipeline';

const logger = new Logger('HeadshotEngine');

/**
 * What a process logs when its pool loses a pixel thread: a warning per loss (a crash costs one job,
 * which the queue retries), an error once the pool stops replacing them, because from then on every
 * photo this process takes fails until it is restarted.
 */
export function logThreadLoss(event: ThreadLostEvent): void {
  if (event.gaveUp) {
    logger.error({ reason: event.reason, consecutive: event.consecutive, threadsLeft: event.ready }, 'pixel threads keep dying: stopped replacing them; restart the process once the cause is fixed');
  } else {
    logger.warn({ reason: event.reason, consecutive: event.consecutive, restartInMs: event.restartInMs }, 'a pixel thread died; replacing it');
  }
}
