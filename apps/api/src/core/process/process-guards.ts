import type { LoggerService } from '@nestjs/common';

// How long an orderly stop after an uncaught exception may take before the process exits anyway.
const STOP_BOUND_MS = 15_000;

/**
 * The last line for errors that no handler caught. The fix for each such error is a handler where it
 * happens (every stream has an 'error' listener, every promise is awaited); this only decides what the
 * process does when one is missed anyway, and logs it so it gets fixed.
 *
 * - `unhandledRejection`: a promise nobody awaited failed. The work it stood for has already ended and
 *   no synchronous step was cut half-way, so staying up is safe: the process logs it and keeps serving
 *   (Node's default would exit and take every other request and job with it).
 * - `uncaughtException`: a throw escaped an event callback, possibly half-way through changing shared
 *   state (a stream, a pool, a counter). Serving on could give wrong answers, so the process logs it and
 *   stops in order (the same steps as SIGTERM, bounded), exiting non-zero for its supervisor to restart
 *   it; a job it held is picked up by another worker when its lock lapses.
 */
export function installProcessGuards(logger: LoggerService, stop: (exitCode: number) => void): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection (kept running: no work was cut half-way)');
  });
  process.on('uncaughtException', (err, origin) => {
    logger.error({ err, origin }, 'uncaught exception: stopping in order');
    setTimeout(() => process.exit(1), STOP_BOUND_MS).unref();
    stop(1);
  });
}
