import sharp from 'sharp';
import type { Models } from '../models';
import type { RawImage } from '../decode';
import type { FaceInfo } from '../detect';
import { boxFilter, clamp, guidedCoefficients, resizePlane, smoothstep, toPlanes } from '../imageops';
import { SALIENT_SIZE } from '../segmentation/u2netp';
import { cropResize } from './crop';
import type { FrameGeometry, Rect } from './framing';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Raw selfie-segmentation probabilities on a square head-and-shoulders crop around the canvas. */
export async function segment(models: Models, src: RawImage, frame: FrameGeometry): Promise<{ mask: Float32Array; square: Rect }> {
  const r = frame.rect;
  const side = Math.max(r.w, r.h) * 1.04;
  const square = { x: r.x + r.w / 2 - side / 2, y: r.y + r.h / 2 - side / 2, w: side, h: side };
  return { mask: await segmentPerson(models, src, square), square };
}

/** The selfie model's 256² person probabilities for `square` (source px; outside the photo repeats its edge). */
export async function segmentSquare(models: Models, src: RawImage, square: Rect): Promise<Float32Array> {
  const crop = await cropResize(src, square, 256, 256, 'cubic');
  const f = new Float32Array(256 * 256 * 3);
  for (let i = 0; i < f.length; i++) f[i] = crop[i] / 255;
  const { tf, selfie } = models;
  const input = tf.tensor4d(f, [1, 256, 256, 3]);
  let out: any;
  try {
    out = selfie.predict(input);
    const t = Array.isArray(out) ? out[0] : out;
    const data: Float32Array = await t.data();
    const channels = data.length / (256 * 256);
    const mask = new Float32Array(256 * 256);
    for (let i = 0; i < mask.length; i++) mask[i] = data[i * channels + channels - 1];
    return mask;
  } finally {
    input.dispose();
    (Array.isArray(out) ? out : out ? [out] : []).forEach((t: any) => t.dispose());
  }
}

/**
 * The person on `square` as the matte needs it (256², like segmentSquare): the selfie model decides what is
 * person, U²-Netp where its outline runs. The selfie model at 256² misplaces edges where the backdrop has the
 * person's colour (dark-blue flag beside a black cap: the flag's rope became "cap") and drops what it has
 * not learnt as person (earrings, a dark shoulder on a dark door); the salient network follows the photo's
 * own edges there but knows no person (it half-keeps flags and stripes). So: deep inside the selfie mask it
 * is person whatever U²-Netp says (a lace top it sees through stays solid); within a band around the selfie
 * outline U²-Netp decides, both ways; farther out nothing is person.
 */
export async function segmentPerson(models: Models, src: RawImage, square: Rect, traceZone: TraceZone | null = null): Promise<Float32Array> {
  // the salient mask is asked for first: in a pool thread the parent runs it while this thread runs the
  // selfie model, and sharp's crop for it runs off the JS thread either way
  const salientMask = cropResize(src, square, SALIENT_SIZE, SALIENT_SIZE, 'cubic').then((crop) => models.salient.mask(crop));
  const [selfie, mask] = await Promise.all([segmentSquare(models, src, square), salientMask]);
  const salient = resizePlane(mask, SALIENT_SIZE, SALIENT_SIZE, 256, 256);
  return fusePersonMasks(selfie, salient, 256, 256, traceZone);
}

/** Grid pixels (of 256) of the band around the selfie outline where the salient network decides. */
export const INNER_BAND = 6;
export const OUTER_BAND = 10;

/**
 * Grid cells straight above the head (columns u0..u1, rows above v1): there U²-Netp adds only where the
 * selfie model saw a trace of person (≥ 0.02, full at 0.15), as it calls the bright sky inside a backlit
 * curl of hair salient (a tuft of sky above the backlit woman's crown). Not everywhere: beside and below
 * the head the selfie model has no trace of what U²-Netp rightly adds (face paint's temple hair and lower
 * shoulder, the blown-out strands at the backlit woman's side, where a notch opened), and the demo
 * team's eye-line spread moved 0.274 → 0.287 % when it was applied to the whole grid (face paint's
 * matte changed and the measuring detector read its eyes 0.9 px higher).
 */
export interface TraceZone {
  u0: number;
  u1: number;
  v1: number;
}

/** See segmentPerson. Both planes w×h, 0..1. */
export function fusePersonMasks(selfie: Float32Array, salient: Float32Array, w: number, h: number, traceZone: TraceZone | null = null, inner = INNER_BAND, outer = OUTER_BAND): Float32Array {
  const bin = new Float32Array(w * h);
  for (let i = 0; i < bin.length; i++) bin[i] = selfie[i] >= 0.5 ? 1 : 0;
  // share of selfie-person pixels within the box: 1 deep inside, > 0 anywhere near the outline
  const deep = boxFilter(bin, w, h, inner);
  const near = boxFilter(bin, w, h, outer);
  const out = new Float32Array(w * h);
  for (let i = 0; i < out.length; i++) {
    const core = smoothstep(0.93, 1, deep[i]);
    // the selfie model's answer stands unless U²-Netp is sure it is backdrop (the rope beside the cap);
    // where U²-Netp is unsure (a white shoulder on a bright sky) its soft edge would only blur the outline
    const kept = selfie[i] * smoothstep(0.05, 0.35, salient[i]);
    // and U²-Netp adds only what it is sure of (an earring, a dark shoulder), never its faint "maybe"
    const u = i % w;
    const trace = traceZone && i < traceZone.v1 * w && u >= traceZone.u0 && u <= traceZone.u1 ? smoothstep(0.02, 0.15, selfie[i]) : 1;
    const added = smoothstep(0.5, 0.9, salient[i]) * smoothstep(0, 0.04, near[i]) * trace;
    out[i] = Math.max(core, kept, added);
  }
  return out;
}

/** Samples the 256² selfie mask onto a w×h grid covering the canvas. */
export function maskOnGrid(mask: Float32Array, square: Rect, frame: FrameGeometry, w: number, h: number): Float32Array {
  const out = new Float32Array(w * h);
  const r = frame.rect;
  for (let y = 0; y < h; y++) {
    const sy = r.y + ((y + 0.5) / h) * r.h;
    const v = clamp(((sy - square.y) / square.h) * 256 - 0.5, 0, 255);
    const v0 = Math.floor(v), v1 = Math.min(255, v0 + 1), fv = v - v0;
    for (let x = 0; x < w; x++) {
      const sx = r.x + ((x + 0.5) / w) * r.w;
      const u = clamp(((sx - square.x) / square.w) * 256 - 0.5, 0, 255);
      const u0 = Math.floor(u), u1 = Math.min(255, u0 + 1), fu = u - u0;
      const a = mask[v0 * 256 + u0] + (mask[v0 * 256 + u1] - mask[v0 * 256 + u0]) * fu;
      const b = mask[v1 * 256 + u0] + (mask[v1 * 256 + u1] - mask[v1 * 256 + u0]) * fu;
      out[y * w + x] = a + (b - a) * fv;
    }
  }
  return out;
}

/** The square of the closer look at the head (segmentHead), photo px. */
export function headSquare(face: FaceInfo): Rect {
  const side = face.faceHeight * 2.4;
  const cx = (face.forehead.x + face.chin.x) / 2;
  const cy = (face.forehead.y + face.chin.y) / 2 - face.faceHeight * 0.25;
  return { x: cx - side / 2, y: cy - side / 2, w: side, h: side };
}

/** Straight above the forehead, the face's centre ± 0.6 face heights, on the 256 grid of `square` (see TraceZone). */
export function headTraceZone(face: FaceInfo, square: Rect): TraceZone {
  const cx = (face.forehead.x + face.chin.x) / 2;
  const grid = (x: number, o: number) => Math.round(((x - o) / square.w) * 256);
  return { u0: grid(cx - face.faceHeight * 0.6, square.x), u1: grid(cx + face.faceHeight * 0.6, square.x), v1: grid(face.forehead.y, square.y) };
}

/**
 * A second, closer look at the head: the selfie model on a square around the head sees hair at several
 * times the resolution of the whole-canvas pass, so the head's outline follows the hair instead of a
 * blurred blob (backdrop above the hair counted as person). Needs nothing of the canvas pass, so the
 * two are asked for together (see mergeHead).
 */
export async function segmentHead(models: Models, src: RawImage, face: FaceInfo): Promise<{ mask: Float32Array; square: Rect }> {
  const square = headSquare(face);
  return { mask: await segmentPerson(models, src, square, headTraceZone(face, square)), square };
}

/**
 * The head's closer look (segmentHead) replaces the canvas pass (`coarse`, on the w×h grid) inside its
 * square, fading back to it over the square's outer fifth. Returns the merged grid.
 */
export function mergeHead(head: { mask: Float32Array; square: Rect }, frame: FrameGeometry, coarse: Float32Array, w: number, h: number): Float32Array {
  const { square } = head;
  const onGrid = maskOnGrid(head.mask, square, frame, w, h);
  const out = new Float32Array(w * h);
  const r = frame.rect;
  for (let y = 0; y < h; y++) {
    const v = (r.y + ((y + 0.5) / h) * r.h - square.y) / square.h;
    for (let x = 0; x < w; x++) {
      const u = (r.x + ((x + 0.5) / w) * r.w - square.x) / square.w;
      const edge = Math.min(u, 1 - u, v, 1 - v);
      const k = smoothstep(0, 0.1, edge);
      const i = y * w + x;
      out[i] = coarse[i] + (onGrid[i] - coarse[i]) * k;
    }
  }
  return out;
}

/**
 * Clears the matte where the canvas lies outside the photo. Framing only lets the canvas pass edges the
 * person does not touch, so only background is there; nothing of the person is faded or invented.
 * Records the low-resolution "inside the photo" plane the blurred background needs.
 */
export function clearOutsidePhoto(matte: MatteResult, frame: FrameGeometry, srcW: number, srcH: number): void {
  const W = frame.canvasWidth, H = frame.canvasHeight;
  const left = -frame.rect.x * frame.scale, right = (srcW - frame.rect.x) * frame.scale;
  const top = -frame.rect.y * frame.scale, bottom = (srcH - frame.rect.y) * frame.scale;
  const inX = (x: number) => x + 0.5 >= left && x + 0.5 <= right;
  const inY = (y: number) => y + 0.5 >= top && y + 0.5 <= bottom;
  if (left <= 0 && top <= 0 && right >= W && bottom >= H) return;
  const a = matte.alpha;
  // the columns inside the photo are one span [x0, x1) (inX is monotone on each side): rows outside are
  // cleared whole, rows inside only left and right of the span
  let x0 = 0;
  while (x0 < W && !inX(x0)) x0++;
  let x1 = x0;
  while (x1 < W && inX(x1)) x1++;
  for (let y = 0; y < H; y++) {
    const o = y * W;
    if (!inY(y)) a.fill(0, o, o + W);
    else {
      a.fill(0, o, o + x0);
      a.fill(0, o + x1, o + W);
    }
  }
  matte.low.alpha = resizePlane(a, W, H, matte.low.w, matte.low.h);
  const { w, h } = matte.low;
  const inside = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) inside[y * w + x] = inY(((y + 0.5) * H) / h) && inX(((x + 0.5) * W) / w) ? 1 : 0;
  matte.low.inside = inside;
}

export interface MatteResult {
  /** Full-resolution alpha, 0..1. */
  alpha: Float32Array;
  /** Low-resolution alpha and guide planes (reused by background maths). */
  low: { w: number; h: number; alpha: Float32Array; inside?: Float32Array };
  /** Share of canvas pixels the matte is unsure about (0.15 < α < 0.85). */
  uncertain: number;
  coverage: number;
}

/**
 * A choke toward the person: the guided filter spreads a little backdrop into the edge, which shows as a
 * light or coloured rim on a darker new background.
 */
function choke(q: number): number {
  return q <= 0.3 ? 0 : q >= 0.95 ? 1 : smoothstep(0.3, 0.95, q);
}

/** Refines the coarse mask at full resolution with a colour guided filter (edge-aware upsampling). */
export async function refineMatte(canvas: Buffer, W: number, H: number, coarse: Float32Array, cw: number, ch: number): Promise<MatteResult> {
  const { w, h } = { w: cw, h: ch };
  const guideBuf = await sharp(canvas, { raw: { width: W, height: H, channels: 3 } }).resize(w, h, { fit: 'fill' }).raw().toBuffer();
  const I = toPlanes(guideBuf, w * h);
  const p = new Float32Array(w * h);
  for (let i = 0; i < p.length; i++) p[i] = smoothstep(0.25, 0.75, coarse[i]);
  const r = Math.max(3, Math.round(Math.max(w, h) / 80));
  const [aR, aG, aB, b] = guidedCoefficients(I, p, w, h, r, 2e-3);
  // only pixels near an edge need the full-resolution guided evaluation; elsewhere the low-res answer is exact enough
  const qLow = new Float32Array(w * h);
  const edge = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) {
    const q = aR[i] * I[0][i] + aG[i] * I[1][i] + aB[i] * I[2][i] + b[i];
    qLow[i] = q;
    edge[i] = q > 0.02 && q < 0.98 ? 1 : Math.abs(aR[i]) + Math.abs(aG[i]) + Math.abs(aB[i]) > 0.05 ? 1 : 0;
  }
  const band = boxFilter(edge, w, h, 2);
  // away from the edge band the alpha is one choke of the low-res answer per low pixel, worked out once
  // here instead of once for each of the ~10 canvas pixels that share it
  const aLow = new Float64Array(w * h); // float64: the coverage sum adds the unrounded value, as before
  for (let i = 0; i < w * h; i++) aLow[i] = choke(qLow[i]);
  const alpha = new Float32Array(W * H);
  // bilinear sampling of the coefficients (horizontal first, then vertical; float32 column weights), its
  // column tables shared by the four planes
  const fx = w / W, fy = h / H;
  const xi0 = new Int32Array(W), xi1 = new Int32Array(W), xw = new Float32Array(W), lx = new Int32Array(W);
  for (let x = 0; x < W; x++) {
    const sx = clamp((x + 0.5) * fx - 0.5, 0, w - 1);
    xi0[x] = Math.floor(sx); xi1[x] = Math.min(w - 1, xi0[x] + 1); xw[x] = sx - xi0[x];
    lx[x] = Math.min(w - 1, Math.floor((x + 0.5) * fx));
  }
  let uncertain = 0, coverage = 0;
  for (let y = 0; y < H; y++) {
    const sy = clamp((y + 0.5) * fy - 0.5, 0, h - 1);
    const y0 = Math.floor(sy), r0 = y0 * w, r1 = Math.min(h - 1, y0 + 1) * w, wy = sy - y0;
    const ly = Math.min(h - 1, Math.floor((y + 0.5) * fy)) * w;
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const li = ly + lx[x];
      let a: number;
      if (band[li] > 0) {
        const j = i * 3;
        const x0 = xi0[x], x1 = xi1[x], wx = xw[x];
        const at = (p: Float32Array) => {
          const t = p[r0 + x0] + (p[r0 + x1] - p[r0 + x0]) * wx;
          const u = p[r1 + x0] + (p[r1 + x1] - p[r1 + x0]) * wx;
          return t + (u - t) * wy;
        };
        a = choke(at(aR) * (canvas[j] / 255) + at(aG) * (canvas[j + 1] / 255) + at(aB) * (canvas[j + 2] / 255) + at(b));
      } else a = aLow[li];
      alpha[i] = a;
      coverage += a;
      if (a > 0.15 && a < 0.85) uncertain++;
    }
  }
  const lowAlpha = resizePlane(alpha, W, H, w, h);
  return { alpha, low: { w, h, alpha: lowAlpha }, uncertain: uncertain / (W * H), coverage: coverage / (W * H) };
}

/**
 * Keeps only the person connected to the face: flood-fills the coarse mask from the face centre and
 * drops blobs elsewhere (flags, curtains, a neighbour's shoulder), with a small soft margin.
 */
export function keepPersonComponent(coarse: Float32Array, w: number, h: number, seedX: number, seedY: number, threshold = 0.35): Float32Array {
  const sx = clamp(Math.round(seedX), 0, w - 1), sy = clamp(Math.round(seedY), 0, h - 1);
  const comp = new Float32Array(w * h);
  const stack: number[] = [];
  // start from the most confident pixel near the seed
  let best = sy * w + sx;
  for (let dy = -3; dy <= 3; dy++) for (let dx = -3; dx <= 3; dx++) {
    const x = clamp(sx + dx, 0, w - 1), y = clamp(sy + dy, 0, h - 1);
    if (coarse[y * w + x] > coarse[best]) best = y * w + x;
  }
  if (coarse[best] < threshold) return coarse;
  stack.push(best);
  comp[best] = 1;
  // the same 4-connected fill without a neighbour array per pixel (that allocation was most of its time)
  const visit = (j: number) => {
    if (!comp[j] && coarse[j] >= threshold) { comp[j] = 1; stack.push(j); }
  };
  while (stack.length) {
    const i = stack.pop()!;
    const x = i % w, y = (i - x) / w;
    if (x > 0) visit(i - 1);
    if (x < w - 1) visit(i + 1);
    if (y > 0) visit(i - w);
    if (y < h - 1) visit(i + w);
  }
  const grown = boxFilter(comp, w, h, Math.max(2, Math.round(Math.max(w, h) / 120)));
  const out = new Float32Array(w * h);
  for (let i = 0; i < out.length; i++) out[i] = coarse[i] * smoothstep(0, 0.3, grown[i]);
  return out;
}
