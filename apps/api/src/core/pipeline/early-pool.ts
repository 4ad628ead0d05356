import { createPipelinePool, type PipelinePool } from '@teamframe/pipeline';
import type { AppConfig } from '../config/config';

/** Threads of a process's pool: PIPELINE_THREADS, else 1 for the upload check of an `api` process, else the cores. */
export function engineThreads(config: Pick<AppConfig, 'PIPELINE_THREADS' | 'TEAMFRAME_ROLE'>): number | undefined {
  return config.PIPELINE_THREADS ?? (config.TEAMFRAME_ROLE === 'api' ? 1 : undefined);
}

let early: Promise<PipelinePool> | undefined;

/**
 * A `worker` process exists to render, so its pixel threads start loading their models (and warm them
 * on a sample portrait) before the app's own modules load: the two overlap, and the first queued
 * selfie finds a ready, warm thread. Other roles start their pool on the first photo.
 */
export function startPoolEarly(config: Pick<AppConfig, 'PIPELINE_THREADS' | 'TEAMFRAME_ROLE'>): void {
  if (config.TEAMFRAME_ROLE !== 'worker' || early) return;
  early = createPipelinePool({ size: engineThreads(config), warm: true });
  // a failed start is retried by the engine on the first photo (and reported there)
  early.catch(() => undefined);
}

/** The pool started by startPoolEarly, handed over once to the engine that owns it from then on. */
export function takeEarlyPool(): Promise<PipelinePool> | undefined {
  const p = early;
  early = undefined;
  return p;
}
