import type { Generator, PrecheckOutcome, RenderOutcome } from '@teamframe/pipeline';

/**
 * The `Generator` of an `api` process (issue 16): it holds no pixel threads and no models, so it stays
 * small under many uploads. Its upload checks run on the workers (modules/intake/upload-check.queue.ts)
 * and it renders nothing; a call here is a bug, and fails loudly instead of loading the engine.
 */
export class NoPixelWork implements Generator {
  precheck(): Promise<PrecheckOutcome> {
    return Promise.reject(new Error('An api process does no pixel work: its upload checks run on the workers.'));
  }

  render(): Promise<RenderOutcome> {
    return Promise.reject(new Error('An api process does no pixel work: headshots are rendered by the workers.'));
  }
}
