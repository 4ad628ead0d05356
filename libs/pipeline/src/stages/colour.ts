import type { Style } from '@teamframe/shared-types';
import type { RawImage } from '../decode';
import { clamp, linearToSrgb, srgbToLab, srgbToLinear } from '../imageops';
import type { Rect } from './framing';

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

/** What the colour stage reads: the framed canvas, the face's skin box on it, the style, the person matte. */
export interface ColourInput {
  canvas: RawImage;
  /** Where the face skin is measured, in canvas px (the middle of the face box, without hair and chin). */
  skinBox: Rect;
  style: Style;
  /** Person alpha per canvas pixel (the background weighs double in the white balance). */
  alpha: Float32Array;
}

/** The colour stage: white balance and exposure measured on `canvas` and applied to a new image. */
export function correctColour({ canvas, skinBox, style, alpha }: ColourInput): { canvas: RawImage; correction: ColourCorrection } {
  const correction = colourCorrection(canvas.data, canvas.width, canvas.height, skinBox, style, alpha);
  return { canvas: { data: applyLuts(canvas.data, correction.luts), width: canvas.width, height: canvas.height }, correction };
}

/** Grey-world-ish white balance (partial, clamped) and an exposure gain toward the style's target. */
function colourCorrection(canvas: Buffer, W: number, H: number, faceRect: Rect, style: Style, alpha: Float32Array): ColourCorrection {
  // channel means in linear light, over the whole canvas, background weighted double (skin is not grey)
  const lin = LINEAR;
  const step = Math.max(1, Math.floor((W * H) / 250_000));
  const m = weightedMeans(canvas, alpha, W * H, step);
  const grey = (m[0] + m[1] + m[2]) / 3;
  let gains: [number, number, number] = [1, 1, 1];
  if (style.colour.whiteBalance && grey > 1e-4) {
    // gentle and bounded: grey-world reads skin's own warmth as a cast, and a strong pull greys skin
    gains = m.map((c) => clamp(Math.pow(grey / Math.max(c, 1e-4), 0.3), 0.94, 1.06)) as [number, number, number];
    const norm = (gains[0] * 0.2126 + gains[1] * 0.7152 + gains[2] * 0.0722);
    gains = gains.map((g) => g / norm) as [number, number, number];
  }
  // face luma (sRGB) after white balance
  const x0 = clamp(Math.round(faceRect.x), 0, W - 1), x1 = clamp(Math.round(faceRect.x + faceRect.w), x0 + 1, W);
  const y0 = clamp(Math.round(faceRect.y), 0, H - 1), y1 = clamp(Math.round(faceRect.y + faceRect.h), y0 + 1, H);
  const fstep = Math.max(1, Math.floor(Math.sqrt(((x1 - x0) * (y1 - y0)) / 40_000)));
  const { fl, before, n } = faceLuma(canvas, W, { x0, x1, y0, y1 }, fstep, gains);
  const faceLin = n ? fl / n : 0.2;
  const targetLin = srgbToLinear(style.colour.exposureTarget);
  // The target is for a photo that is too dark or too bright, not for skin: a correctly exposed photo
  // (its highlights near white) keeps its skin tone, so the gain may not lift the brightest 2 % of the
  // photo past near-white, and darkening stays slight.
  const { hist, hn } = brightestChannelHistogram(canvas, W * H, step, gains);
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

// The sampling loops are small functions of their own: V8 optimises those quickly, where the same loops
// inside colourCorrection ran unoptimised (one call per photo).
const LINEAR = Float32Array.from({ length: 256 }, (_, v) => srgbToLinear(v / 255));

/** Channel means in linear light over every `step`-th pixel, background weighted double (skin is not grey). */
function weightedMeans(canvas: Buffer, alpha: Float32Array, n: number, step: number): number[] {
  const lin = LINEAR;
  let s0 = 0, s1 = 0, s2 = 0, wsum = 0;
  for (let i = 0; i < n; i += step) {
    const j = i * 3;
    const wgt = 2 - alpha[i];
    s0 += lin[canvas[j]] * wgt; s1 += lin[canvas[j + 1]] * wgt; s2 += lin[canvas[j + 2]] * wgt;
    wsum += wgt;
  }
  return [s0 / wsum, s1 / wsum, s2 / wsum];
}

/** Face luma in linear light after white balance (summed) and in sRGB before (summed), over a sampled box. */
function faceLuma(canvas: Buffer, W: number, r: { x0: number; x1: number; y0: number; y1: number }, fstep: number, gains: number[]): { fl: number; before: number; n: number } {
  const lin = LINEAR;
  let fl = 0, before = 0, n = 0;
  for (let y = r.y0; y < r.y1; y += fstep) {
    for (let x = r.x0; x < r.x1; x += fstep) {
      const j = (y * W + x) * 3;
      const lr = lin[canvas[j]] * gains[0], lg = lin[canvas[j + 1]] * gains[1], lb = lin[canvas[j + 2]] * gains[2];
      fl += 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
      before += (0.299 * canvas[j] + 0.587 * canvas[j + 1] + 0.114 * canvas[j + 2]) / 255;
      n++;
    }
  }
  return { fl, before, n };
}

/** Histogram (1024 bins) of each sampled pixel's brightest channel in linear light, after white balance. */
function brightestChannelHistogram(canvas: Buffer, n: number, step: number, gains: number[]): { hist: Uint32Array; hn: number } {
  const lin = LINEAR;
  const hist = new Uint32Array(1024);
  let hn = 0;
  for (let i = 0; i < n; i += step) {
    const j = i * 3;
    const m = Math.max(lin[canvas[j]] * gains[0], lin[canvas[j + 1]] * gains[1], lin[canvas[j + 2]] * gains[2]);
    hist[Math.min(1023, Math.floor(m * 1023))]++;
    hn++;
  }
  return { hist, hn };
}

/** `buf` through per-channel LUTs, into a new buffer. */
function applyLuts(buf: Buffer, luts: [Uint8Array, Uint8Array, Uint8Array]): Buffer {
  const [r, g, b] = luts;
  const out = Buffer.allocUnsafe(buf.length);
  for (let j = 0; j < buf.length; j += 3) {
    out[j] = r[buf[j]]; out[j + 1] = g[buf[j + 1]]; out[j + 2] = b[buf[j + 2]];
  }
  return out;
}
