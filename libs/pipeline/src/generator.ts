import type { CheckResult, ColourSpace, Style } from '@teamframe/shared-types';

/**
 * What the product asks of a headshot generator: whether a selfie will do for a style (at upload, while
 * the employee waits), and the style's headshot with every rendition made from it (in a worker). The
 * local engine (this package's pipeline, run in a pool of threads) is the default implementation; the
 * API's GENERATOR provider picks one by configuration. A second implementation (a generative model
 * behind an HTTP API, say) implements these two methods in one file: see docs/headshot-engine.md.
 */
export interface Generator {
  /**
   * Checks a selfie against `style` (its framing decides whether the photo shows enough of the person)
   * and, when it passes, returns the photo re-encoded upright with every metadata block dropped: the
   * original that is stored and later rendered. A refused photo is `ok: false` with the checks, never
   * an exception.
   */
  precheck(bytes: Buffer, style: Style): Promise<PrecheckOutcome>;
  /**
   * Turns a stored clean original into the style's renditions and a quality report. `backgroundImage`:
   * the brand image's bytes when the style's background is an image.
   */
  render(cleanBytes: Buffer, style: Style, backgroundImage?: Buffer): Promise<RenderOutcome>;
}

export interface PrecheckOutcome {
  ok: boolean;
  checks: CheckResult[];
  /** The decoded photo, upright, re-encoded with every metadata block dropped; absent when it could not be decoded. */
  clean?: { bytes: Buffer; width: number; height: number; sourceFormat: string };
}

export interface GeneratedRendition {
  /** The style's rendition name. */
  name: string;
  format: string;
  mime: string;
  extension: string;
  width: number;
  height: number;
  /** `cmyk`: a print file in the embedded Coated FOGRA39 profile. */
  colourSpace: ColourSpace;
  dpi: number;
  bytes: Buffer;
}

export interface RenderOutcome {
  ok: boolean;
  checks: CheckResult[];
  /** Every rendition the style asks for. */
  renditions: GeneratedRendition[];
  /** 0..1, what the review grid sorts by; null when the generator gives none. */
  qualityScore: number | null;
  /** Shown to HR beside the headshot (the local engine's QualityReport). */
  report: Record<string, unknown>;
}
