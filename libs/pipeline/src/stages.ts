import sharp from 'sharp';
import { renditionSize, type Rendition, type Style } from '@teamframe/shared-types';
import type { Models } from './models';
import type { RawImage } from './decode';
import { blur3, boxFilter, clamp, guidedCoefficients, hexToRgb, linearToSrgb, resizePlane, rgbToHex, smoothstep, srgbToLab, srgbToLinear, toPlanes } from './imageops';
import type { FaceInfo } from './detect';
import { PipelineError } from './errors';
import { profileCrop, renderProfile, type CanvasFace } from './profile';
import type { FrameGeometry, Rect } from './stages/framing';

/* eslint-disable @typescript-eslint/no-explicit-any */

export type { FrameGeometry, Rect } from './stages/framing';

/** Extracts `rect` (source px, may exceed the image) resized to outW×outH; outside parts repeat the edge pixels. */
export async function cropResize(img: RawImage, rect: Rect, outW: number, outH: number, kernel: keyof sharp.KernelEnum = 'lanczos3'): Promise<Buffer> {
  const sx = outW / rect.w;
  const sy = outH / rect.h;
  const ix0 = clamp(Math.round(rect.x), 0, img.width - 1);
  const iy0 = clamp(Math.round(rect.y), 0, img.height - 1);
  const ix1 = clamp(Math.round(rect.x + rect.w), ix0 + 1, img.width);
  const iy1 = clamp(Math.round(rect.y + rect.h), iy0 + 1, img.height);
  let left = clamp(Math.round((ix0 - rect.x) * sx), 0, outW - 1);
  let top = clamp(Math.round((iy0 - rect.y) * sy), 0, outH - 1);
  const innerW = clamp(Math.round((ix1 - ix0) * sx), 1, outW - left);
  const innerH = clamp(Math.round((iy1 - iy0) * sy), 1, outH - top);
  const right = outW - left - innerW;
  const bottom = outH - top - innerH;
  let pipe = sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .extract({ left: ix0, top: iy0, width: ix1 - ix0, height: iy1 - iy0 })
    .resize(innerW, innerH, { fit: 'fill', kernel });
  if (left || top || right || bottom) {
    const inner = await pipe.raw().toBuffer();
    pipe = sharp(inner, { raw: { width: innerW, height: innerH, channels: 3 } }).extend({ left, top, right, bottom, extendWith: 'copy' });
  }
  left = top = 0;
  return pipe.raw().toBuffer();
}

/** Low-resolution working size for the matte and background maths. */
export function lowSize(W: number, H: number, long = 512): { w: number; h: number } {
  const s = long / Math.max(W, H);
  return s >= 1 ? { w: W, h: H } : { w: Math.round(W * s), h: Math.round(H * s) };
}

/** Raw selfie-segmentation probabilities on a square head-and-shoulders crop around the canvas. */
export async function segment(models: Models, src: RawImage, frame: FrameGeometry): Promise<{ mask: Float32Array; square: Rect }> {
  const r = frame.rect;
  const side = Math.max(r.w, r.h) * 1.04;
  const square = { x: r.x + r.w / 2 - side / 2, y: r.y + r.h / 2 - side / 2, w: side, h: side };
  return { mask: await segmentSquare(models, src, square), square };
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

/**
 * A second, closer look at the head: the selfie model on a square around the head sees hair at several
 * times the resolution of the whole-canvas pass, so the head's outline follows the hair instead of a
 * blurred blob (backdrop above the hair counted as person). Its answer replaces the canvas pass inside
 * the square, fading back to it over the square's outer fifth. Returns the merged grid.
 */
export async function refineHead(models: Models, src: RawImage, frame: FrameGeometry, face: FaceInfo, coarse: Float32Array, w: number, h: number): Promise<Float32Array> {
  const side = face.faceHeight * 2.4;
  const cx = (face.forehead.x + face.chin.x) / 2;
  const cy = (face.forehead.y + face.chin.y) / 2 - face.faceHeight * 0.25;
  const square = { x: cx - side / 2, y: cy - side / 2, w: side, h: side };
  const head = maskOnGrid(await segmentSquare(models, src, square), square, frame, w, h);
  const out = new Float32Array(w * h);
  const r = frame.rect;
  for (let y = 0; y < h; y++) {
    const v = (r.y + ((y + 0.5) / h) * r.h - square.y) / square.h;
    for (let x = 0; x < w; x++) {
      const u = (r.x + ((x + 0.5) / w) * r.w - square.x) / square.w;
      const edge = Math.min(u, 1 - u, v, 1 - v);
      const k = smoothstep(0, 0.1, edge);
      const i = y * w + x;
      out[i] = coarse[i] + (head[i] - coarse[i]) * k;
    }
  }
  return out;
}

/** Bilinear sampler of a low-res plane at full-res pixel (x, y). */
function makeUpsampler(lw: number, lh: number, W: number, H: number) {
  const fx = lw / W, fy = lh / H;
  const xi0 = new Int32Array(W), xi1 = new Int32Array(W), xw = new Float32Array(W);
  for (let x = 0; x < W; x++) {
    const s = clamp((x + 0.5) * fx - 0.5, 0, lw - 1);
    xi0[x] = Math.floor(s); xi1[x] = Math.min(lw - 1, xi0[x] + 1); xw[x] = s - xi0[x];
  }
  return {
    row(y: number) {
      const s = clamp((y + 0.5) * fy - 0.5, 0, lh - 1);
      const y0 = Math.floor(s);
      return { r0: y0 * lw, r1: Math.min(lh - 1, y0 + 1) * lw, wy: s - y0 };
    },
    at(p: Float32Array, row: { r0: number; r1: number; wy: number }, x: number) {
      const a = p[row.r0 + xi0[x]] + (p[row.r0 + xi1[x]] - p[row.r0 + xi0[x]]) * xw[x];
      const b = p[row.r1 + xi0[x]] + (p[row.r1 + xi1[x]] - p[row.r1 + xi0[x]]) * xw[x];
      return a + (b - a) * row.wy;
    },
  };
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
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (!inY(y) || !inX(x)) a[y * W + x] = 0;
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
  const alpha = new Float32Array(W * H);
  const up = makeUpsampler(w, h, W, H);
  const fx = w / W, fy = h / H;
  let uncertain = 0, coverage = 0;
  for (let y = 0; y < H; y++) {
    const row = up.row(y);
    const ly = Math.min(h - 1, Math.floor((y + 0.5) * fy)) * w;
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const li = ly + Math.min(w - 1, Math.floor((x + 0.5) * fx));
      let q: number;
      if (band[li] > 0) {
        const j = i * 3;
        q = up.at(aR, row, x) * (canvas[j] / 255) + up.at(aG, row, x) * (canvas[j + 1] / 255) + up.at(aB, row, x) * (canvas[j + 2] / 255) + up.at(b, row, x);
      } else q = qLow[li];
      // a choke toward the person: the guided filter spreads a little backdrop into the edge, which shows
      // as a light or coloured rim on a darker new background
      const a = q <= 0.3 ? 0 : q >= 0.95 ? 1 : smoothstep(0.3, 0.95, q);
      alpha[i] = a;
      coverage += a;
      if (a > 0.15 && a < 0.85) uncertain++;
    }
  }
  const lowAlpha = resizePlane(alpha, W, H, w, h);
  return { alpha, low: { w, h, alpha: lowAlpha }, uncertain: uncertain / (W * H), coverage: coverage / (W * H) };
}

/** Per-channel 8-bit LUTs for white balance + exposure, and what was measured. */
export interface ColourCorrection {
  luts: [Uint8Array, Uint8Array, Uint8Array];
  gains: [number, number, number];
  exposureGain: number;
  faceLumaBefore: number;
  faceLumaAfter: number;
  /** Mean face-skin colour before and after, CIELAB. */
  skinLab: { before: [number, number, number]; after: [number, number, number] };
}

/** Grey-world-ish white balance (partial, clamped) and an exposure gain toward the style's target. */
export function colourCorrection(canvas: Buffer, W: number, H: number, faceRect: Rect, style: Style, alpha: Float32Array): ColourCorrection {
  // channel means in linear light, over the whole canvas, background weighted double (skin is not grey)
  const sums = [0, 0, 0];
  let wsum = 0;
  const lin = new Float32Array(256);
  for (let v = 0; v < 256; v++) lin[v] = srgbToLinear(v / 255);
  const step = Math.max(1, Math.floor((W * H) / 250_000));
  for (let i = 0; i < W * H; i += step) {
    const j = i * 3;
    const wgt = 2 - alpha[i];
    sums[0] += lin[canvas[j]] * wgt; sums[1] += lin[canvas[j + 1]] * wgt; sums[2] += lin[canvas[j + 2]] * wgt;
    wsum += wgt;
  }
  const m = sums.map((s) => s / wsum);
  const grey = (m[0] + m[1] + m[2]) / 3;
  let gains: [number, number, number] = [1, 1, 1];
  if (style.colour.whiteBalance && grey > 1e-4) {
    // gentle and bounded: grey-world reads skin's own warmth as a cast, and a strong pull greys skin
    gains = m.map((c) => clamp(Math.pow(grey / Math.max(c, 1e-4), 0.3), 0.94, 1.06)) as [number, number, number];
    const norm = (gains[0] * 0.2126 + gains[1] * 0.7152 + gains[2] * 0.0722);
    gains = gains.map((g) => g / norm) as [number, number, number];
  }
  // face luma (sRGB) after white balance
  let fl = 0, n = 0;
  const x0 = clamp(Math.round(faceRect.x), 0, W - 1), x1 = clamp(Math.round(faceRect.x + faceRect.w), x0 + 1, W);
  const y0 = clamp(Math.round(faceRect.y), 0, H - 1), y1 = clamp(Math.round(faceRect.y + faceRect.h), y0 + 1, H);
  const fstep = Math.max(1, Math.floor(Math.sqrt(((x1 - x0) * (y1 - y0)) / 40_000)));
  let before = 0;
  for (let y = y0; y < y1; y += fstep) {
    for (let x = x0; x < x1; x += fstep) {
      const j = (y * W + x) * 3;
      const lr = lin[canvas[j]] * gains[0], lg = lin[canvas[j + 1]] * gains[1], lb = lin[canvas[j + 2]] * gains[2];
      fl += 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
      before += (0.299 * canvas[j] + 0.587 * canvas[j + 1] + 0.114 * canvas[j + 2]) / 255;
      n++;
    }
  }
  const faceLin = n ? fl / n : 0.2;
  const targetLin = srgbToLinear(style.colour.exposureTarget);
  // The target is for a photo that is too dark or too bright, not for skin: a correctly exposed photo
  // (its highlights near white) keeps its skin tone, so the gain may not lift the brightest 2 % of the
  // photo past near-white, and darkening stays slight.
  const hist = new Uint32Array(1024);
  let hn = 0;
  for (let i = 0; i < W * H; i += step) {
    const j = i * 3;
    const m = Math.max(lin[canvas[j]] * gains[0], lin[canvas[j + 1]] * gains[1], lin[canvas[j + 2]] * gains[2]);
    hist[Math.min(1023, Math.floor(m * 1023))]++;
    hn++;
  }
  let acc = 0, p98 = 1;
  for (let k = 1023; k >= 0; k--) {
    acc += hist[k];
    if (acc >= hn * 0.02) { p98 = (k + 0.5) / 1023; break; }
  }
  const headroom = Math.max(1, srgbToLinear(0.96) / Math.max(p98, 1e-3));
  const wanted = targetLin / Math.max(faceLin, 1e-3);
  const exposureGain = wanted >= 1 ? Math.min(wanted, 3.5, headroom) : Math.max(wanted, 0.85);
  const curve = (x: number) => (x < 0.8 ? x : 0.8 + 0.2 * (1 - Math.exp(-(x - 0.8) / 0.2)));
  const luts = gains.map((g) => {
    const lut = new Uint8Array(256);
    for (let v = 0; v < 256; v++) lut[v] = Math.round(clamp(linearToSrgb(clamp(curve(lin[v] * g * exposureGain), 0, 1)), 0, 1) * 255);
    return lut;
  }) as [Uint8Array, Uint8Array, Uint8Array];
  const sum = [0, 0, 0], sumAfter = [0, 0, 0];
  for (let y = y0; y < y1; y += fstep) {
    for (let x = x0; x < x1; x += fstep) {
      const j = (y * W + x) * 3;
      for (let c = 0; c < 3; c++) { sum[c] += canvas[j + c]; sumAfter[c] += luts[c][canvas[j + c]]; }
    }
  }
  const lab = (v: number[]) => srgbToLab(v[0] / Math.max(1, n), v[1] / Math.max(1, n), v[2] / Math.max(1, n));
  return { luts, gains, exposureGain, faceLumaBefore: n ? before / n : 0, faceLumaAfter: linearToSrgb(clamp(curve(faceLin * exposureGain), 0, 1)), skinLab: { before: lab(sum), after: lab(sumAfter) } };
}

export function applyLuts(buf: Buffer, luts: [Uint8Array, Uint8Array, Uint8Array]): void {
  const [r, g, b] = luts;
  for (let j = 0; j < buf.length; j += 3) {
    buf[j] = r[buf[j]]; buf[j + 1] = g[buf[j + 1]]; buf[j + 2] = b[buf[j + 2]];
  }
}

/** Subtle skin smoothing inside the face (eyes and mouth kept sharp); strength 0 = untouched. */
export function retouch(buf: Buffer, W: number, H: number, face: { eyes: [{ x: number; y: number }, { x: number; y: number }]; chin: { x: number; y: number }; forehead: { x: number; y: number }; faceHeight: number }, strength: number): void {
  if (strength <= 0) return;
  const fh = face.faceHeight;
  const cx = (face.forehead.x + face.chin.x) / 2, cy = (face.forehead.y + face.chin.y) / 2;
  const rx = fh * 0.5, ry = fh * 0.62;
  const x0 = clamp(Math.floor(cx - rx), 0, W - 1), x1 = clamp(Math.ceil(cx + rx), x0 + 1, W);
  const y0 = clamp(Math.floor(cy - ry), 0, H - 1), y1 = clamp(Math.ceil(cy + ry), y0 + 1, H);
  const w = x1 - x0, h = y1 - y0, n = w * h;
  const planes = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  const grey = new Float32Array(n);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const j = ((y + y0) * W + x + x0) * 3, i = y * w + x;
    planes[0][i] = buf[j] / 255; planes[1][i] = buf[j + 1] / 255; planes[2][i] = buf[j + 2] / 255;
    grey[i] = (planes[0][i] + planes[1][i] + planes[2][i]) / 3;
  }
  const r = Math.max(2, Math.round(fh / 70));
  const eps = 0.0025;
  const mean = (a: Float32Array) => blurBox(a, w, h, r);
  const mG = mean(grey);
  const GG = new Float32Array(n);
  for (let i = 0; i < n; i++) GG[i] = grey[i] * grey[i];
  const vG = mean(GG);
  const smooth = planes.map((P) => {
    const GP = new Float32Array(n);
    for (let i = 0; i < n; i++) GP[i] = grey[i] * P[i];
    const mP = mean(P), mGP = mean(GP);
    const a = new Float32Array(n), b = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const cov = mGP[i] - mG[i] * mP[i];
      const v = vG[i] - mG[i] * mG[i];
      a[i] = cov / (v + eps);
      b[i] = mP[i] - a[i] * mG[i];
    }
    const ma = mean(a), mb = mean(b);
    const q = new Float32Array(n);
    for (let i = 0; i < n; i++) q[i] = ma[i] * grey[i] + mb[i];
    return q;
  });
  const eyeR = fh * 0.13;
  const mouth = { x: face.chin.x * 0.35 + ((face.eyes[0].x + face.eyes[1].x) / 2) * 0.65, y: face.chin.y * 0.35 + ((face.eyes[0].y + face.eyes[1].y) / 2) * 0.65 };
  const k = clamp(strength, 0, 1) * 0.85;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const px = x + x0, py = y + y0;
    const e = Math.hypot((px - cx) / rx, (py - cy) / ry);
    let m = 1 - smoothstep(0.7, 1.0, e);
    if (m <= 0) continue;
    for (const c of face.eyes) m *= smoothstep(eyeR, eyeR * 1.6, Math.hypot(px - c.x, py - c.y));
    m *= smoothstep(fh * 0.1, fh * 0.18, Math.hypot((px - mouth.x) * 0.6, py - mouth.y));
    if (m <= 0) continue;
    const i = y * w + x, j = (py * W + px) * 3;
    for (let c = 0; c < 3; c++) {
      const o = planes[c][i];
      buf[j + c] = Math.round(clamp(o + (smooth[c][i] - o) * m * k, 0, 1) * 255);
    }
  }
}

function blurBox(a: Float32Array, w: number, h: number, r: number): Float32Array {
  return boxFilter(a, w, h, r);
}

export interface Composite {
  rgb: Buffer;
  /** Straight (not premultiplied) RGBA cut-out: decontaminated person colour + alpha. */
  rgba: Buffer;
  backgroundColour: string;
}

/** Background behind the person + composite at full resolution, with edge colour decontamination. */
export async function composite(canvas: Buffer, W: number, H: number, matte: MatteResult, style: Style, backgroundImage?: Buffer): Promise<Composite> {
  const { w, h, alpha: la } = matte.low;
  const small = await sharp(canvas, { raw: { width: W, height: H, channels: 3 } }).resize(w, h, { fit: 'fill' }).raw().toBuffer();
  const I = toPlanes(small, w * h);
  // foreground colour estimate near edges: the colours of surely-person pixels nearby only, so a soft
  // edge takes the hair's or the jacket's colour and none of the original backdrop's (no light halo)
  const a2 = new Float32Array(w * h);
  for (let i = 0; i < a2.length; i++) a2[i] = la[i] > 0.97 ? 1 : 0;
  const rF = Math.max(2, Math.round(Math.max(w, h) / 100));
  const den = blur3(a2, w, h, rF);
  const F = I.map((P) => {
    const t = new Float32Array(w * h);
    for (let i = 0; i < t.length; i++) t[i] = P[i] * a2[i];
    const num = blur3(t, w, h, rF);
    for (let i = 0; i < t.length; i++) t[i] = den[i] > 1e-3 ? num[i] / den[i] : P[i];
    return t;
  });

  // background planes (low res for blur/gradient, full res buffer for an image)
  const bg = style.background;
  let B: Float32Array[] | null = null;
  let bgFull: Buffer | null = null;
  let solid: [number, number, number] | null = null;
  let grad: { from: number[]; to: number[]; dx: number; dy: number } | null = null;
  if (bg.type === 'solid') solid = hexToRgb(bg.colour);
  else if (bg.type === 'gradient') {
    const ang = (bg.angle * Math.PI) / 180;
    grad = { from: hexToRgb(bg.from).map((v) => srgbToLinear(v / 255)), to: hexToRgb(bg.to).map((v) => srgbToLinear(v / 255)), dx: Math.sin(ang), dy: Math.cos(ang) };
  } else if (bg.type === 'blur') {
    const inv = new Float32Array(w * h);
    const ins = matte.low.inside;
    for (let i = 0; i < inv.length; i++) { const v = 1 - la[i]; inv[i] = v * v * (ins ? ins[i] * ins[i] : 1); }
    const r = Math.max(2, Math.round((Math.max(w, h) / 18) * (0.25 + bg.strength)));
    const d1 = blur3(inv, w, h, r), d2 = blur3(inv, w, h, r * 4);
    B = I.map((P) => {
      const t = new Float32Array(w * h);
      for (let i = 0; i < t.length; i++) t[i] = P[i] * inv[i];
      const n1 = blur3(t, w, h, r), n2 = blur3(t, w, h, r * 4);
      const out = new Float32Array(w * h);
      let fallback = 0, fn = 0;
      for (let i = 0; i < t.length; i++) if (d2[i] > 1e-3) { fallback += n2[i] / d2[i]; fn++; }
      fallback = fn ? fallback / fn : 0.5;
      for (let i = 0; i < t.length; i++) {
        const v1 = d1[i] > 1e-4 ? n1[i] / d1[i] : fallback;
        const v2 = d2[i] > 1e-4 ? n2[i] / d2[i] : fallback;
        const k = smoothstep(0.02, 0.2, d1[i]);
        out[i] = clamp((v2 + (v1 - v2) * k) * bg.brightness, 0, 1);
      }
      return blur3(out, w, h, Math.max(1, r / 3));
    });
  } else if (bg.type === 'image') {
    if (!backgroundImage) throw new PipelineError('BACKGROUND_IMAGE_MISSING', `style background "${bg.ref}" needs the brand image bytes (options.backgroundImage)`);
    try {
      let p = sharp(backgroundImage, { limitInputPixels: 50_000_000 }).rotate().resize(W, H, { fit: 'cover' }).flatten({ background: '#ffffff' });
      if (bg.blur > 0) p = p.blur(0.3 + bg.blur * (Math.max(W, H) / 60));
      bgFull = await p.toColourspace('srgb').removeAlpha().raw().toBuffer();
    } catch (e) {
      throw new PipelineError('BACKGROUND_IMAGE_INVALID', `brand image could not be read: ${(e as Error).message}`);
    }
  }

  let gradLut: Float32Array | null = null;
  if (grad) {
    gradLut = new Float32Array(4096 * 3);
    for (let k = 0; k < 4096; k++) for (let c = 0; c < 3; c++) gradLut[k * 3 + c] = linearToSrgb(grad.from[c] + (grad.to[c] - grad.from[c]) * (k / 4095)) * 255;
  }
  const rgb = Buffer.allocUnsafe(W * H * 3);
  const rgba = Buffer.allocUnsafe(W * H * 4);
  const up = makeUpsampler(w, h, W, H);
  const alpha = matte.alpha;
  let bgSum = [0, 0, 0], bgN = 0;
  const diag = Math.hypot(W, H);
  for (let y = 0; y < H; y++) {
    const row = up.row(y);
    for (let x = 0; x < W; x++) {
      const i = y * W + x, j = i * 3, k4 = i * 4;
      const a = alpha[i];
      if (a >= 0.999) {
        rgb[j] = canvas[j]; rgb[j + 1] = canvas[j + 1]; rgb[j + 2] = canvas[j + 2];
        rgba[k4] = canvas[j]; rgba[k4 + 1] = canvas[j + 1]; rgba[k4 + 2] = canvas[j + 2]; rgba[k4 + 3] = 255;
        continue;
      }
      // background pixel
      let br: number, bgc: number, bb: number;
      if (solid) { br = solid[0]; bgc = solid[1]; bb = solid[2]; }
      else if (grad) {
        const t = clamp(((x - W / 2) * grad.dx + (y - H / 2) * grad.dy) / (diag * 0.5) * 0.5 + 0.5, 0, 1);
        const dither = ((x * 7 + y * 13) % 5) / 5 - 0.4;
        const g = Math.round(t * 4095) * 3;
        br = gradLut![g] + dither;
        bgc = gradLut![g + 1] + dither;
        bb = gradLut![g + 2] + dither;
      } else if (B) { br = up.at(B[0], row, x) * 255; bgc = up.at(B[1], row, x) * 255; bb = up.at(B[2], row, x) * 255; }
      else if (bgFull) { br = bgFull[j]; bgc = bgFull[j + 1]; bb = bgFull[j + 2]; }
      else { br = bgc = bb = 128; }
      // foreground colour: original where solidly person, decontaminated estimate at soft edges
      let fr = canvas[j], fg = canvas[j + 1], fb = canvas[j + 2];
      if (a < 0.98) {
        const m = 1 - smoothstep(0.8, 0.98, a);
        fr += (up.at(F[0], row, x) * 255 - fr) * m;
        fg += (up.at(F[1], row, x) * 255 - fg) * m;
        fb += (up.at(F[2], row, x) * 255 - fb) * m;
      }
      rgb[j] = clamp(Math.round(fr * a + br * (1 - a)), 0, 255);
      rgb[j + 1] = clamp(Math.round(fg * a + bgc * (1 - a)), 0, 255);
      rgb[j + 2] = clamp(Math.round(fb * a + bb * (1 - a)), 0, 255);
      rgba[k4] = clamp(Math.round(fr), 0, 255); rgba[k4 + 1] = clamp(Math.round(fg), 0, 255); rgba[k4 + 2] = clamp(Math.round(fb), 0, 255);
      rgba[k4 + 3] = Math.round(a * 255);
      if (a < 0.05 && (i & 15) === 0) { bgSum[0] += br; bgSum[1] += bgc; bgSum[2] += bb; bgN++; }
    }
  }
  if (!bgN) bgSum = [128, 128, 128];
  return { rgb, rgba, backgroundColour: bgN ? rgbToHex(bgSum[0] / bgN, bgSum[1] / bgN, bgSum[2] / bgN) : '#808080' };
}

export interface RenderedRendition {
  name: string;
  format: Rendition['format'];
  width: number;
  height: number;
  dpi: number;
  /** Whether the DPI could be written (JPEG JFIF / PNG pHYs; WebP/AVIF have no place without EXIF). */
  dpiWritten: boolean;
  transparent: boolean;
  bytes: Buffer;
  /**
   * The size the style asked for, when the photo had too few pixels for it: the rendition was made at
   * the largest size that enlarges the photo at most `MAX_ENLARGEMENT`× instead of a soft full size.
   */
  requested?: { width: number; height: number };
  /** Rendition px per source px (> 1: the photo was enlarged). */
  enlargement: number;
  /** Profile pictures only: where the face landed, as fractions of the picture's side. */
  profile?: { faceCentre: { x: number; y: number }; faceHeight: number };
  fileExtension: string;
  mime: string;
}

const EXT: Record<Rendition['format'], [string, string]> = {
  jpeg: ['jpg', 'image/jpeg'],
  png: ['png', 'image/png'],
  webp: ['webp', 'image/webp'],
  avif: ['avif', 'image/avif'],
};

/** Writes the DPI into a JPEG's JFIF APP0 header (inserted when absent; no EXIF block). */
export function setJpegDpi(buf: Buffer, dpi: number): Buffer {
  if (buf[2] === 0xff && buf[3] === 0xe0 && buf.toString('latin1', 6, 10) === 'JFIF') {
    const out = Buffer.from(buf);
    out[13] = 1;
    out.writeUInt16BE(dpi, 14);
    out.writeUInt16BE(dpi, 16);
    return out;
  }
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x01, 0, 0, 0, 0, 0x00, 0x00]);
  app0.writeUInt16BE(dpi, 12);
  app0.writeUInt16BE(dpi, 14);
  return Buffer.concat([buf.subarray(0, 2), app0, buf.subarray(2)]);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Inserts (or replaces) a PNG pHYs chunk with the DPI. */
export function setPngDpi(buf: Buffer, dpi: number): Buffer {
  const ppm = Math.round(dpi / 0.0254);
  const chunks: Buffer[] = [buf.subarray(0, 8)];
  let off = 8;
  let inserted = false;
  const phys = Buffer.alloc(21);
  phys.writeUInt32BE(9, 0);
  phys.write('pHYs', 4, 'latin1');
  phys.writeUInt32BE(ppm, 8);
  phys.writeUInt32BE(ppm, 12);
  phys[16] = 1;
  phys.writeUInt32BE(crc32(phys.subarray(4, 17)), 17);
  while (off + 8 <= buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const end = off + 12 + len;
    if (type !== 'pHYs') chunks.push(buf.subarray(off, end));
    if (type === 'IHDR' && !inserted) { chunks.push(phys); inserted = true; }
    off = end;
  }
  return Buffer.concat(chunks);
}

/**
 * Encodes every rendition from the one composite; a rendition of another aspect is cropped around the
 * eye line where the canvas placed it, a profile picture is a square around the face (see profile.ts).
 */
/** More enlargement than this shows as softness in a print; a rendition that would need more is made smaller. */
export const MAX_ENLARGEMENT = 1.5;

/** The asked size, or the largest size of the same shape that enlarges the photo at most MAX_ENLARGEMENT×. */
function honestSize(asked: { width: number; height: number }, sourcePxPerOutPx: number): { size: { width: number; height: number }; enlargement: number; requested?: { width: number; height: number } } {
  const enlargement = 1 / sourcePxPerOutPx;
  if (enlargement <= MAX_ENLARGEMENT) return { size: asked, enlargement };
  const k = MAX_ENLARGEMENT / enlargement;
  return { size: { width: Math.max(32, Math.round(asked.width * k)), height: Math.max(32, Math.round(asked.height * k)) }, enlargement: MAX_ENLARGEMENT, requested: asked };
}

/**
 * `sourceScale`: canvas px per px of the uploaded photo (its full resolution), to size every rendition
 * honestly.
 */
export async function renderRenditions(comp: Composite, W: number, H: number, face: CanvasFace & { eyeY: number }, style: Style, eyeLine: number, sourceScale: number): Promise<RenderedRendition[]> {
  const out: RenderedRendition[] = [];
  for (const r of style.renditions) {
    const asked = renditionSize(style, r);
    const transparent = r.transparent && (r.format === 'png' || r.format === 'webp');
    if (r.profile) {
      const crop = profileCrop(face, W, H, r.profile);
      const { size, enlargement, requested } = honestSize(asked, crop.side / sourceScale / asked.width);
      const rgba = await renderProfile(transparent ? comp.rgba : comp.rgb, transparent ? 4 : 3, W, H, crop, size.width, r.profile);
      const hasAlpha = transparent || r.profile.shape === 'circle';
      // A square, opaque picture carries no alpha channel: JPEG has none and PNG/WebP would only grow.
      let p = sharp(rgba, { raw: { width: size.width, height: size.height, channels: 4 } });
      if (!hasAlpha) p = p.removeAlpha();
      const { bytes, dpiWritten } = await encode(p, r);
      const c = { x: (face.centre.x - crop.left) / crop.side, y: (face.centre.y - crop.top) / crop.side };
      out.push({ name: r.name, format: r.format, width: size.width, height: size.height, dpi: r.dpi, dpiWritten, transparent: hasAlpha, bytes, fileExtension: EXT[r.format][0], mime: EXT[r.format][1], enlargement, requested, profile: { faceCentre: c, faceHeight: face.height / crop.side } });
      continue;
    }
    const ratio = asked.width / asked.height;
    let crop = { left: 0, top: 0, width: W, height: H };
    if (Math.abs(ratio - W / H) > 0.01) {
      if (ratio > W / H) {
        const ch = Math.round(W / ratio);
        crop = { left: 0, top: clamp(Math.round(face.eyeY - eyeLine * ch), 0, H - ch), width: W, height: ch };
      } else {
        const cw = Math.round(H * ratio);
        crop = { left: Math.round((W - cw) / 2), top: 0, width: cw, height: H };
      }
    }
    const { size, enlargement, requested } = honestSize(asked, crop.height / sourceScale / asked.height);
    const channels = transparent ? 4 : 3;
    const p = sharp(transparent ? comp.rgba : comp.rgb, { raw: { width: W, height: H, channels } })
      .extract(crop)
      .resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' });
    const { bytes, dpiWritten } = await encode(p, r);
    out.push({ name: r.name, format: r.format, width: size.width, height: size.height, dpi: r.dpi, dpiWritten, transparent, bytes, fileExtension: EXT[r.format][0], mime: EXT[r.format][1], enlargement, requested });
  }
  return out;
}

/** Encodes in the rendition's format with an sRGB profile and, where the format has a place for it, the DPI. */
async function encode(pipe: sharp.Sharp, r: Rendition): Promise<{ bytes: Buffer; dpiWritten: boolean }> {
  let p = pipe.withIccProfile('srgb');
  if (r.format === 'jpeg') p = p.jpeg({ quality: r.quality, chromaSubsampling: r.quality >= 90 ? '4:4:4' : '4:2:0', mozjpeg: false });
  else if (r.format === 'png') p = p.png({ compressionLevel: 6 });
  else if (r.format === 'webp') p = p.webp({ quality: r.quality, alphaQuality: 90 });
  else p = p.avif({ quality: r.quality, effort: 2 });
  const bytes = await p.toBuffer();
  if (r.format === 'jpeg') return { bytes: setJpegDpi(bytes, r.dpi), dpiWritten: true };
  if (r.format === 'png') return { bytes: setPngDpi(bytes, r.dpi), dpiWritten: true };
  return { bytes, dpiWritten: false };
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
  while (stack.length) {
    const i = stack.pop()!;
    const x = i % w, y = (i - x) / w;
    const nb = [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1];
    for (const j of nb) if (j >= 0 && !comp[j] && coarse[j] >= threshold) { comp[j] = 1; stack.push(j); }
  }
  const grown = boxFilter(comp, w, h, Math.max(2, Math.round(Math.max(w, h) / 120)));
  const out = new Float32Array(w * h);
  for (let i = 0; i < out.length; i++) out[i] = coarse[i] * smoothstep(0, 0.3, grown[i]);
  return out;
}
