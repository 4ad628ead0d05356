import { Injectable, Logger } from '@nestjs/common';
import { cleanOriginal, createPipeline, type Pipeline } from '@teamframe/pipeline';
import { checkResult, type CheckCode, type Style } from '@teamframe/shared-types';
import type { HeadshotEngine, PrecheckOutcome, RenderOutcome } from './headshot-engine';

/**
 * The API's one door to libs/pipeline. The models load once per process, on first use, so a
 * process that never touches a photo (an API behind a separate worker fleet) never pays for them.
 */
@Injectable()
export class PipelineHeadshotEngine implements HeadshotEngine {
  private readonly logger = new Logger(PipelineHeadshotEngine.name);
  private pipeline?: Promise<Pipeline>;

  private load(): Promise<Pipeline> {
    if (!this.pipeline) {
      const started = Date.now();
      this.pipeline = createPipeline().then((p) => {
        this.logger.log({ ms: Date.now() - started }, 'headshot models loaded');
        return p;
      });
      this.pipeline.catch(() => (this.pipeline = undefined));
    }
    return this.pipeline;
  }

  async precheck(bytes: Buffer): Promise<PrecheckOutcome> {
    const pipeline = await this.load();
    const pre = await pipeline.precheck(bytes);
    if (!pre.ok) return { ok: false, checks: pre.checks };
    const clean = await cleanOriginal(bytes, pre.rotationApplied);
    if (!clean.ok) return { ok: false, checks: [checkResult(clean.code as CheckCode)] };
    return { ok: true, checks: pre.checks, clean: { bytes: clean.bytes, width: clean.width, height: clean.height, sourceFormat: clean.format } };
  }

  async render(cleanBytes: Buffer, style: Style, backgroundImage?: Buffer): Promise<RenderOutcome> {
    const pipeline = await this.load();
    const out = await pipeline.process(cleanBytes, style, { backgroundImage });
    return {
      ok: out.ok,
      checks: out.checks,
      renditions: out.renditions.map((r) => ({ name: r.name, format: r.format, mime: r.mime, extension: r.fileExtension, width: r.width, height: r.height, bytes: r.bytes })),
      qualityScore: out.report?.qualityScore ?? null,
      report: (out.report ?? {}) as unknown as Record<string, unknown>,
    };
  }
}
