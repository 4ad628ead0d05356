import { canvasSize, type CheckCode, type Style } from '@teamframe/shared-types';
import type { FaceInfo } from '../detect';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Where the person meets the photo's edges, in the photo's pixels. The output may never extend past an
 * edge the person touches: there is nothing real beyond it to show.
 */
export interface PersonExtent {
  /** The hair or head meets the photo's top edge. */
  touchesTop: boolean;
  /**
   * Lowest row the body below the face still fills: the photo's height when the body runs into the
   * bottom edge, higher when something (a desk, a podium) or the photo's end stops it earlier.
   */
  bodyBottom: number;
  /** Rows where the person meets the left / right edge (a shoulder cut by the border); null when not. */
  left: [number, number] | null;
  right: [number, number] | null;
}

export type FramingLimit = 'bottom' | 'top' | 'left' | 'right';

/** Where the canvas lies in source pixels, and where the face landed against the style's targets. */
export interface FrameGeometry {
  /** Canvas px per source px. */
  scale: number;
  rect: Rect;
  canvasWidth: number;
  canvasHeight: number;
  /** Eye line and face height (fractions of the canvas height) and face centre (of the width) as placed. */
  placed: { eyeLine: number; faceHeight: number; centre: number };
  /** Edges of the photo that kept the framing from its targets (empty when the targets were hit). */
  limitedBy: FramingLimit[];
}

export type FramingDecision = { ok: true; frame: FrameGeometry } | { ok: false; codes: CheckCode[]; limitedBy: FramingLimit[] };

/** The rect a placement gives: the face `faceHeight` of the canvas tall, its eyes on `eyeLine`, its centre at `centre`. */
function rectFor(face: FaceInfo, aspect: number, faceHeight: number, eyeLine: number, centre: number): Rect {
  const h = face.faceHeight / faceHeight;
  const w = h * aspect;
  const cx = (face.eyeCentre.x + face.chin.x) / 2;
  return { x: cx - centre * w, y: face.eyeCentre.y - eyeLine * h, w, h };
}

/** The photo edges a rect crosses where the person is (each one is a place the output would invent). */
export function violations(r: Rect, person: PersonExtent, srcW: number): FramingLimit[] {
  const out: FramingLimit[] = [];
  // half a pixel of slack: the resampler's edge, not invented content
  if (r.y + r.h > person.bodyBottom + 0.5) out.push('bottom');
  if (person.touchesTop && r.y < -0.5) out.push('top');
  const overlaps = (s: [number, number] | null) => !!s && s[1] >= r.y && s[0] <= r.y + r.h;
  if (overlaps(person.left) && r.x < -0.5) out.push('left');
  if (overlaps(person.right) && r.x + r.w > srcW + 0.5) out.push('right');
  return out;
}

const CODE_FOR: Record<FramingLimit, CheckCode> = { bottom: 'BODY_CUT_OFF', top: 'HEAD_CUT_OFF', left: 'SHOULDERS_CUT_OFF', right: 'SHOULDERS_CUT_OFF' };

/**
 * Constrained framing: the style's eye line, face height and centre when the photo allows them;
 * otherwise the placement inside the style's tolerance closest to them (the eye line weighs most, as
 * the team's eye lines must agree most) that keeps the canvas inside every edge the person touches.
 * When none does, the photo is refused with the codes of the edges the target framing would cross.
 */
export function chooseFrame(face: FaceInfo, style: Style, srcW: number, person: PersonExtent): FramingDecision {
  const { width: W, height: H } = canvasSize(style);
  const aspect = W / H;
  const f = style.framing;
  const tol = f.tolerance;
  const target = rectFor(face, aspect, f.faceHeight, f.eyeLine, 0.5);
  const targetLimits = violations(target, person, srcW);
  let best: { fh: number; el: number; c: number; cost: number } | null = null;
  if (!targetLimits.length) best = { fh: f.faceHeight, el: f.eyeLine, c: 0.5, cost: 0 };
  else {
    const steps = (lo: number, hi: number, n: number) => Array.from({ length: n + 1 }, (_, i) => lo + ((hi - lo) * i) / n);
    const norm = (d: number, t: number) => (t > 0 ? d / t : d === 0 ? 0 : Infinity);
    for (const fh of steps(f.faceHeight - tol.faceHeight, f.faceHeight + tol.faceHeight, 20)) {
      for (const el of steps(f.eyeLine - tol.eyeLine, f.eyeLine + tol.eyeLine, 12)) {
        for (const c of steps(0.5 - tol.centre, 0.5 + tol.centre, 10)) {
          const cost = norm(fh - f.faceHeight, tol.faceHeight) ** 2 + 2 * norm(el - f.eyeLine, tol.eyeLine) ** 2 + norm(c - 0.5, tol.centre) ** 2;
          if (best && cost >= best.cost) continue;
          if (!violations(rectFor(face, aspect, fh, el, c), person, srcW).length) best = { fh, el, c, cost };
        }
      }
    }
  }
  if (!best) return { ok: false, codes: [...new Set(targetLimits.map((l) => CODE_FOR[l]))], limitedBy: targetLimits };
  const rect = rectFor(face, aspect, best.fh, best.el, best.c);
  return {
    ok: true,
    frame: {
      scale: W / rect.w,
      rect,
      canvasWidth: W,
      canvasHeight: H,
      placed: { eyeLine: best.el, faceHeight: best.fh, centre: best.c },
      limitedBy: targetLimits,
    },
  };
}

/**
 * The square the person matte must cover to decide: every canvas the style's tolerance allows, cut to
 * the photo. Extents are read inside the photo only, so the part beyond it would only spend the
 * model's 256 px on edge-repeated padding (streaks it half takes for a body) and make the answer
 * depend on the tolerance.
 */
export function framingSearchSquare(face: FaceInfo, style: Style, srcW: number, srcH: number): Rect {
  const { width: W, height: H } = canvasSize(style);
  const f = style.framing;
  const tol = f.tolerance;
  const h = face.faceHeight / Math.max(0.05, f.faceHeight - tol.faceHeight);
  const w = h * (W / H);
  const cx = (face.eyeCentre.x + face.chin.x) / 2;
  const half = (0.5 + tol.centre) * w;
  const x0 = Math.max(0, cx - half), x1 = Math.min(srcW, cx + half);
  const y0 = Math.max(0, face.eyeCentre.y - (f.eyeLine + tol.eyeLine) * h), y1 = Math.min(srcH, face.eyeCentre.y + (1 - f.eyeLine + tol.eyeLine) * h);
  const side = Math.max(x1 - x0, y1 - y0) * 1.04;
  return { x: (x0 + x1) / 2 - side / 2, y: (y0 + y1) / 2 - side / 2, w: side, h: side };
}

/**
 * Reads where the person meets the photo's edges from a person mask (`n`×`n` probabilities of the
 * person connected to the face) covering `square` (photo px, may exceed the photo).
 */
export function personExtent(mask: Float32Array, n: number, square: Rect, srcW: number, srcH: number, face: FaceInfo, threshold = 0.5): PersonExtent {
  const k = square.w / n;
  const toU = (x: number) => Math.floor((x - square.x) / k);
  const toV = (y: number) => Math.floor((y - square.y) / k);
  const at = (u: number, v: number) => (u >= 0 && v >= 0 && u < n && v < n ? mask[v * n + u] : 0);
  // the first and last grid cells whose centre lies inside the photo
  const u0 = Math.max(0, Math.ceil((0 - square.x) / k - 0.5)), u1 = Math.min(n - 1, Math.floor((srcW - square.x) / k - 0.5));
  const v0 = Math.max(0, Math.ceil((0 - square.y) / k - 0.5)), v1 = Math.min(n - 1, Math.floor((srcH - square.y) / k - 0.5));
  const minRun = Math.max(2, Math.round(n / 100));

  const run = (cells: number[]): [number, number] | null => {
    const on = cells.filter((i) => i >= 0);
    return on.length >= minRun ? [Math.min(...on), Math.max(...on)] : null;
  };
  const topCells: number[] = [];
  for (let u = u0; u <= u1; u++) topCells.push(at(u, v0) >= threshold ? u : -1);
  const touchesTop = square.y <= 0 && run(topCells) !== null;

  const side = (u: number, inside: boolean): [number, number] | null => {
    if (!inside) return null;
    const cells: number[] = [];
    for (let v = v0; v <= v1; v++) cells.push(at(u, v) >= threshold ? v : -1);
    const r = run(cells);
    return r ? [square.y + r[0] * k, square.y + (r[1] + 1) * k] : null;
  };
  const left = side(u0, square.x <= 0);
  const right = side(u1, square.x + square.w >= srcW);

  // the body: followed down from the chin while the person fills at least a neck's width (0.4 face
  // heights) of a band 1.2 face heights wide under the face, so a tilted head or a leaning body counts
  const cx = (face.eyeCentre.x + face.chin.x) / 2;
  const bu0 = Math.max(u0, toU(cx - face.faceHeight * 0.6)), bu1 = Math.min(u1, toU(cx + face.faceHeight * 0.6));
  const neck = Math.max(1, (face.faceHeight * 0.4) / k);
  // srcH when the body fills the band down to the last row the mask sees (the photo's edge, or past
  // every canvas the tolerance allows)
  let bodyBottom = srcH;
  for (let v = Math.max(v0, toV(face.chin.y)); v <= v1; v++) {
    let on = 0;
    for (let u = bu0; u <= bu1; u++) if (at(u, v) >= threshold) on++;
    if (on < neck) {
      bodyBottom = square.y + v * k;
      break;
    }
  }
  return { touchesTop, bodyBottom, left, right };
}
