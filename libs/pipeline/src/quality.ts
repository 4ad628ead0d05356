import type { FaceStats } from './detect';
import { clamp } from './imageops';
import type { FramingReport, QualityReport } from './pipeline';
import type { ColourCorrection } from './stages/colour';
import type { FrameGeometry } from './stages/framing';
import type { RenderedRendition } from './stages/renditions';

/**
 * The quality report's figures: the overall score HR sorts the review grid by, the warnings it lists by
 * code, and the measurements rounded for the report. Computed from what the stages measured; no pixel
 * is read here.
 */
export interface QualityInputs {
  canvas: { width: number; height: number };
  /** The face as placed on the canvas (canvas px), and its pose in degrees. */
  face: { eyeY: number; centreX: number; height: number; yaw: number; roll: number };
  /** Face luma and sharpness measured by the checks (absent: scored as mid-grey and not sharp). */
  stats?: Pick<FaceStats, 'luma' | 'sharpness'>;
  /** Canvas px per source px (> 1: the photo was enlarged). */
  upscale: number;
  framing?: FramingReport;
  placed: FrameGeometry['placed'];
  colour: Pick<ColourCorrection, 'faceLumaBefore' | 'faceLumaAfter' | 'exposureGain' | 'gains' | 'skinLab'>;
  exposureTarget: number;
  matte: { coverage: number; uncertain: number };
  backgroundColour: string;
  renditions: Pick<RenderedRendition, 'name' | 'width' | 'height' | 'requested' | 'dpiWritten' | 'dpi' | 'format'>[];
  /** Pixels the red-eye stage changed (0: none). */
  redEyePixels: number;
}

/** Mean face-skin colour before and after colour correction (CIELAB), and the hue and lightness change. */
export interface SkinReport {
  labBefore: [number, number, number];
  labAfter: [number, number, number];
  hueShiftDeg: number;
  lightnessChange: number;
}

export type QualityFigures = Required<Pick<QualityReport, 'qualityScore' | 'warnings' | 'canvas' | 'eyeLine' | 'faceHeightRatio' | 'faceCentreX' | 'upscale' | 'sharpness' | 'exposure' | 'whiteBalanceGains' | 'skin' | 'backgroundColour' | 'matte'>> &
  Pick<QualityReport, 'framing'>;

const r3 = (v: number) => Math.round(v * 1000) / 1000;
const r1 = (v: number) => Math.round(v * 10) / 10;

/**
 * 0..1: resolution (enlargement costs), face sharpness, exposure against the style's target, pose
 * (turned or tilted) and matte certainty, weighted 25/25/15/20/15.
 */
export function qualityScore(q: Pick<QualityInputs, 'upscale' | 'stats' | 'exposureTarget' | 'face' | 'matte'>): number {
  const resScore = clamp(Math.pow(1 / Math.max(q.upscale, 1), 0.35), 0, 1);
  const sharpScore = clamp((q.stats?.sharpness ?? 0) / 25, 0, 1);
  const expScore = clamp(1 - Math.abs((q.stats?.luma ?? 0.5) - q.exposureTarget) * 1.5, 0, 1);
  const poseScore = clamp(1 - Math.abs(q.face.yaw) / 60 - Math.abs(q.face.roll) / 60, 0, 1);
  const matteScore = clamp(1 - q.matte.uncertain * 5, 0, 1);
  return r3(0.25 * resScore + 0.25 * sharpScore + 0.15 * expScore + 0.2 * poseScore + 0.15 * matteScore);
}

/** What HR should look at, one warning per code (the review grid lists warnings by code). */
export function qualityWarnings(q: Pick<QualityInputs, 'renditions' | 'redEyePixels' | 'face' | 'matte'>): QualityReport['warnings'] {
  const warnings: QualityReport['warnings'] = [];
  const reduced = q.renditions.filter((r) => r.requested).map((r) => `${r.name} ${r.width}×${r.height} instead of ${r.requested!.width}×${r.requested!.height}`);
  if (reduced.length) warnings.push({ code: 'LOW_RESOLUTION', message: `Made smaller than the style asks, as the photo has too few pixels to look sharp at full size: ${reduced.join('; ')}.` });
  if (q.redEyePixels > 0) warnings.push({ code: 'RED_EYE_REMOVED', message: `Red-eye from a flash was removed (${q.redEyePixels} px); check the eyes.` });
  if (Math.abs(q.face.roll) > 8) warnings.push({ code: 'HEAD_TILTED', message: `The head is tilted ${q.face.roll.toFixed(0)}°; eyes are not level.` });
  if (q.matte.uncertain > 0.06) warnings.push({ code: 'MATTE_UNCERTAIN', message: 'The cut-out around the person is uncertain in places; check hair and shoulders.' });
  // 72 DPI is every screen's assumption; only a print DPI that could not be written matters.
  for (const r of q.renditions) if (!r.dpiWritten && r.dpi !== 72) warnings.push({ code: 'DPI_NOT_WRITTEN', message: `${r.name}: ${r.format.toUpperCase()} has no metadata-free place for DPI; it was not written.` });
  return warnings;
}

/** The skin's colour change, rounded to 0.1; the hue shift in degrees, wrapped to ±180. */
export function skinReport(before: [number, number, number], after: [number, number, number]): SkinReport {
  const hue = (l: [number, number, number]) => (Math.atan2(l[2], l[1]) * 180) / Math.PI;
  let shift = hue(after) - hue(before);
  if (shift > 180) shift -= 360;
  if (shift < -180) shift += 360;
  return { labBefore: before.map(r1) as [number, number, number], labAfter: after.map(r1) as [number, number, number], hueShiftDeg: r1(shift), lightnessChange: r1(after[0] - before[0]) };
}

/** Every figure of the report of a processed photo, rounded as the report shows it. */
export function qualityFigures(q: QualityInputs): QualityFigures {
  const { width: W, height: H } = q.canvas;
  return {
    qualityScore: qualityScore(q),
    warnings: qualityWarnings(q),
    canvas: { width: W, height: H },
    eyeLine: r3(q.face.eyeY / H),
    faceHeightRatio: r3(q.face.height / H),
    faceCentreX: r3(q.face.centreX / W),
    upscale: r3(q.upscale),
    framing: q.framing && { ...q.framing, placed: q.placed && { eyeLine: r3(q.placed.eyeLine), faceHeight: r3(q.placed.faceHeight), centre: r3(q.placed.centre) } },
    sharpness: r1(q.stats?.sharpness ?? 0),
    exposure: { faceLumaBefore: r3(q.colour.faceLumaBefore), faceLumaAfter: r3(q.colour.faceLumaAfter), gain: r3(q.colour.exposureGain), target: q.exposureTarget },
    whiteBalanceGains: q.colour.gains.map(r3) as [number, number, number],
    skin: skinReport(q.colour.skinLab.before, q.colour.skinLab.after),
    backgroundColour: q.backgroundColour,
    matte: { coverage: r3(q.matte.coverage), uncertain: r3(q.matte.uncertain) },
  };
}
