import type { HeadshotAdjustments, Style } from '@teamframe/shared-types';

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * The pinned style with one person's regeneration adjustments applied: a crop nudge moves the eye
 * line and scales the face, a background blur swaps the background for the blurred original, an
 * exposure shift moves the face luminance target. Results stay inside the style schema's bounds.
 */
export function applyAdjustments(style: Style, adj: HeadshotAdjustments | null | undefined): Style {
  if (!adj) return style;
  const out: Style = structuredClone(style);
  if (adj.cropNudge) {
    out.framing.faceHeight = clamp(style.framing.faceHeight * (1 + adj.cropNudge.zoom), 0.12, 0.6);
    // Keep the top of the head on the canvas (the schema's eyeLine/faceHeight rule).
    out.framing.eyeLine = clamp(style.framing.eyeLine + adj.cropNudge.vertical, Math.max(0.2, out.framing.faceHeight * 0.45 + 0.021), 0.6);
  }
  if (adj.backgroundBlur !== undefined) {
    out.background = { type: 'blur', strength: adj.backgroundBlur, brightness: style.background.type === 'blur' ? style.background.brightness : 1.05 };
  }
  if (adj.exposure !== undefined) {
    out.colour.exposureTarget = clamp(style.colour.exposureTarget + adj.exposure, 0.25, 0.8);
  }
  return out;
}
