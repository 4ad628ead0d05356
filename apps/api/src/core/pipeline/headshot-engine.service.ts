import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { cleanOriginal, createPipelinePool, type PipelinePool } from '@teamframe/pipeline';
import { checkResult, type CheckCode, type Style } from '@teamframe/shared-types';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DecodeGate } from './decode-gate';
import type { HeadshotEngine, PrecheckOutcome, RenderOutcome } from './headshot-engine';

/**
 * The API's one door to libs/pipeline. Pixel work runs in a pool of worker threads, so the event
 * loop stays free (BullMQ renews its job locks on it; the API answers while a worker renders). The
 * pool and its models start on first use, so a process that never touches a photo never pays for them.
 */
@Injectable()
export class PipelineHeadshotEngine implements HeadshotEngine, OnApplicationShutdown {
  private readonly logger = new Logger(PipelineHeadshotEngine.name);
  private pool?: Promise<PipelinePool>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly decodes: DecodeGate,
  ) {}

  private load(): Promise<PipelinePool> {
    if (!this.pool) {
      const started = Date.now();
      this.pool = createPipelinePool({ size: this.config.PIPELINE_THREADS }).then((p) => {
        this.logger.log({ ms: Date.now() - started, threads: p.size }, 'headshot engine ready');
        return p;
      });
      this.pool.catch(() => (this.pool = undefined));
    }
    return this.pool;
  }

  /** Decodes twice (checks in a thread, then the clean original): both inside one place of the decode gate. */
  precheck(bytes: Buffer, style: Style): Promise<PrecheckOutcome> {
    return this.decodes.run(async () => {
      const pool = await this.load();
      const pre = await pool.precheck(bytes, style);
      if (!pre.ok) return { ok: false, checks: pre.checks };
      const clean = await cleanOriginal(bytes, pre.rotationApplied);
      if (!clean.ok) return { ok: false, checks: [checkResult(clean.code as CheckCode)] };
      return { ok: true, checks: pre.checks, clean: { bytes: clean.bytes, width: clean.width, height: clean.height, sourceFormat: clean.format } };
    });
  }

  async render(cleanBytes: Buffer, style: Style, backgroundImage?: Buffer): Promise<RenderOutcome> {
    const pool = await this.load();
    const out = await pool.process(cleanBytes, style, { backgroundImage });
    return {
      ok: out.ok,
      checks: out.checks,
      renditions: out.renditions.map((r) => ({ name: r.name, format: r.format, mime: r.mime, extension: r.fileExtension, width: r.width, height: r.height, colourSpace: r.colourSpace, dpi: r.dpi, bytes: Buffer.from(r.bytes) })),
      qualityScore: out.report?.qualityScore ?? null,
      report: (out.report ?? {}) as unknown as Record<string, unknown>,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    const pool = await this.pool?.catch(() => undefined);
    await pool?.close();
  }
}
