import { createPipelinePool, type PipelinePool } from '@teamframe/pipeline';
import type { AppConfig } from '../config/config';
import { logThreadLoss } from './thread-loss-log';

let early: Promise<PipelinePool> | undefined;

/**
 * A `worker` process exists to render, so its pixel threads start loading their models, and the pool
 * its salient network, before the app's own modules load: the three overlap, and the first queued
 * selfie finds a ready thread. An `all` process starts its pool on the first photo; an `api` process has none.
 */
export function startPoolEarly(config: Pick<AppConfig, 'PIPELINE_THREADS' | 'TEAMFRAME_ROLE'>): void {
  if (config.TEAMFRAME_ROLE !== 'worker' || early) return;
  early = createPipelinePool({ size: config.PIPELINE_THREADS, warm: true, onThreadLost: logThreadLoss });
  // a failed start is retried by the engine on the first photo (and reported there)
  early.catch(() => undefined);
}

/**
 * Closes the early pool when the process gives up before handing it over (Redis or PostgreSQL not
 * reachable): exiting while its salient thread is still opening the ONNX session aborts the process
 * (SIGABRT, "terminate called after throwing an instance of 'Napi::Error'") instead of exiting with
 * the start-up error's code 1.
 */
export async function closeEarlyPool(): Promise<void> {
  const p = takeEarlyPool();
  if (!p) return;
  const pool = await p.catch(() => undefined);
  await pool?.close();
}

/** The pool started by startPoolEarly, handed over once to the engine that owns it from then on. */
export function takeEarlyPool(): Promise<PipelinePool> | undefined {
  const p = early;
  early = undefined;
  return p;
}
