/**
 * @packageDocumentation
 * `@teamframe/pipeline` — the headshot engine: a selfie in, uniform company headshots out.
 *
 * ```ts
 * const pipeline = await createPipeline();           // loads the models once per process
 * const pre = await pipeline.precheck(bytes);         // upload page: { ok, checks, face, width, height, format }
 * const res = await pipeline.process(bytes, style);   // { ok, checks, renditions, report }
 * ```
 * A failed photo check is a result (`ok: false` with `checks`), never an exception; internal failures
 * throw {@link PipelineError}. {@link Generator} is what the product asks of any headshot generator;
 * the API's local generator implements it with {@link createPipelinePool} and {@link cleanOriginal}.
 */
export {
  createPipeline,
  DEFAULT_THRESHOLDS,
  type Pipeline,
  type PipelineOptions,
  type PrecheckResult,
  type ProcessResult,
  type ProcessOptions,
  type QualityReport,
  type Rendition,
  type FaceReport,
  type CheckThresholds,
} from './pipeline';
export { PipelineError, type PipelineErrorCode } from './errors';
export type { Generator, GeneratedRendition, PrecheckOutcome, RenderOutcome } from './generator';
export { DEFAULT_LIMITS, sniffFormat, type DecodeLimits, type SourceFormat } from './decode';
export { loadModels } from './models';
export { fileNameFor } from './naming';
export { cleanOriginal, type CleanOriginal } from './clean-original';
export { createPipelinePool, type PipelinePool, type PipelinePoolOptions, type ThreadLostEvent, type ThreadRestartPolicy } from './pool';
export { normalizeBrandImage, type BrandImage } from './brand-image';
export { SAMPLE_PORTRAITS, readSamplePortrait, type SamplePortrait } from './samples';
