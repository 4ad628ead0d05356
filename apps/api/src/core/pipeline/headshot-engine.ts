import type { CheckResult, ColourSpace, Style } from '@teamframe/shared-types';

/** What the API needs from libs/pipeline; the one adapter (headshot-engine.service.ts) implements it. */
export interface PrecheckOutcome {
  ok: boolean;
  checks: CheckResult[];
  /** The decoded photo, upright, re-encoded with every metadata block dropped; absent when it could not be decoded. */
  clean?: { bytes: Buffer; width: number; height: number; sourceFormat: string };
}

export interface RenderedRendition {
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
  renditions: RenderedRendition[];
  qualityScore: number | null;
  report: Record<string, unknown>;
}

export interface HeadshotEngine {
  /** `style`: the org's current style; its framing decides whether the photo shows enough of the person. */
  precheck(bytes: Buffer, style: Style): Promise<PrecheckOutcome>;
  /** `backgroundImage`: the brand image's bytes when the style's background is an image. */
  render(cleanBytes: Buffer, style: Style, backgroundImage?: Buffer): Promise<RenderOutcome>;
}

export const HEADSHOT_ENGINE = Symbol('HEADSHOT_ENGINE');
