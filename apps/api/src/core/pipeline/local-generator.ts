import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { cleanOriginal, createPipelinePool, type Generator, type PipelinePool, type PrecheckOutcome, type RenderOutcome } from '@teamframe/pipeline';
import { checkResult, type CheckCode, type Style } from '@teamframe/shared-types';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DecodeGate } from './decode-gate';
import { takeEarlyPool } from './early-pool';
import { logThreadLoss } from './thread-loss-log';

/**
 * The local engine, the default `Generator` (HEADSHOT_GENERATOR=local): libs/pipeline in this process.
 * Pixel work runs in a pool of worker threads, so the event loop stays free (BullMQ renews its job
 * locks on it; the API answers while a worker renders). The pool and its models start on first use,
 * so a process that never touches a photo never pays for them.
 *
 * Memory: each thread holds its own models (≈ 100–150 MB). An `all` process closes its threads after
 * PIPELINE_IDLE_SECONDS without a photo: the next upload pays the model load again (≈ 1–2 s) instead
 * of every idle process holding it. A `worker` process adopts the pool main.ts started before the app
 * loaded (early-pool.ts). An `api` process has no local engine at all (NoPixelWork).
 */
@Injectable()
export class LocalGenerator implements Generator, OnApplicationShutdown {
  private readonly logger = new Logger(LocalGenerator.name);
  private pool?: Promise<PipelinePool>;
  private inFlight = 0;
  private idleTimer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly decodes: DecodeGate,
  ) {
    this.pool = takeEarlyPool()?.then((p) => (this.logger.log({ threads: p.size }, 'headshot engine ready (started with the process)'), p));
    this.pool?.catch(() => (this.pool = undefined));
  }

  /** Threads of this process's pool: PIPELINE_THREADS, else the cores. */
  get threads(): number | undefined {
    return this.config.PIPELINE_THREADS;
  }

  private get idleMs(): number {
    return this.config.TEAMFRAME_ROLE === 'worker' ? 0 : this.config.PIPELINE_IDLE_SECONDS * 1000;
  }

  private load(): Promise<PipelinePool> {
    if (!this.pool) {
      const started = Date.now();
      this.pool = createPipelinePool({ size: this.threads, onThreadLost: logThreadLoss }).then((p) => {
        this.logger.log({ ms: Date.now() - started, threads: p.size }, 'headshot engine ready');
        return p;
      });
      this.pool.catch(() => (this.pool = undefined));
    }
    return this.pool;
  }

  /** Runs `fn` on the pool; the last call to finish starts the idle clock that closes the pool. */
  private async use<T>(fn: (pool: PipelinePool) => Promise<T>): Promise<T> {
    clearTimeout(this.idleTimer);
    this.inFlight++;
    try {
      return await fn(await this.load());
    } finally {
      this.inFlight--;
      if (this.inFlight === 0 && this.idleMs > 0) this.idleTimer = setTimeout(() => void this.release(), this.idleMs).unref();
    }
  }

  /** Whether the pixel threads (and their models) are loaded now. */
  get loaded(): boolean {
    return this.pool !== undefined;
  }

  private async release(): Promise<void> {
    if (this.inFlight > 0 || !this.pool) return;
    const pool = this.pool;
    this.pool = undefined;
    await (await pool.catch(() => undefined))?.close();
    this.logger.log('headshot engine idle: pixel threads closed');
  }

  /**
   * Checks in a thread, then writes the clean original in one streaming libvips pipeline (the photo
   * is never held decoded in this process); both inside one place of the decode gate.
   */
  precheck(bytes: Buffer, style: Style): Promise<PrecheckOutcome> {
    return this.decodes.run(async () => {
      const pre = await this.use((pool) => pool.precheck(bytes, style));
      if (!pre.ok) return { ok: false, checks: pre.checks };
      const clean = await cleanOriginal(bytes, pre.rotationApplied);
      if (!clean.ok) return { ok: false, checks: [checkResult(clean.code as CheckCode)] };
      return { ok: true, checks: pre.checks, clean: { bytes: clean.bytes, width: clean.width, height: clean.height, sourceFormat: clean.format } };
    });
  }

  async render(cleanBytes: Buffer, style: Style, backgroundImage?: Buffer): Promise<RenderOutcome> {
    const out = await this.use((pool) => pool.process(cleanBytes, style, { backgroundImage }));
    return {
      ok: out.ok,
      checks: out.checks,
      renditions: out.renditions.map((r) => ({ name: r.name, format: r.format, mime: r.mime, extension: r.fileExtension, width: r.width, height: r.height, colourSpace: r.colourSpace, dpi: r.dpi, bytes: Buffer.from(r.bytes) })),
      qualityScore: out.report?.qualityScore ?? null,
      report: (out.report ?? {}) as unknown as Record<string, unknown>,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.idleTimer);
    const pool = await this.pool?.catch(() => undefined);
    await pool?.close();
  }
}
