import sharp from 'sharp';
import type { Style } from '@teamframe/shared-types';
import { blur3, clamp, hexToRgb, linearToSrgb, makeRowUpsampler, resizePlane, rgbToHex, smoothstep, srgbToLinear, toPlanes } from '../imageops';
import type { RawImage } from '../decode';
import { PipelineError } from '../errors';
import type { MatteResult } from './matte';
import { isTransparent } from './transparency';

export interface Composite {
  rgb: Buffer;
  /**
   * Straight (not premultiplied) RGBA cut-out: decontaminated person colour + alpha; null when no
   * rendition of the style is transparent (a third of the composite's work is this cut-out).
   */
  rgba: Buffer | null;
  backgroundColour: string;
}

// The pixel loops live in small synchronous functions: V8 optimises those after a few rows, where the
// same loops inside one large async function ran unoptimised for a whole 2000² canvas (measured with the
// cut-out skipped where no rendition is transparent: ≈ 500 → ≈ 220 ms CPU per 2000² selfie, same bytes).

/** Background behind the person + composite at full resolution, with edge colour decontamination. */
export async function composite({ canvas: image, matte, style, backgroundImage }: { canvas: RawImage; matte: MatteResult; style: Style; backgroundImage?: Buffer }): Promise<Composite> {
  const { data: canvas, width: W, height: H } = image;
  const { w, h } = matte.low;
  const small = await sharp(canvas, { raw: { width: W, height: H, channels: 3 } }).resize(w, h, { fit: 'fill' }).raw().toBuffer();
  const I = toPlanes(small, w * h);
  const F = edgeColour(I, matte.low.alpha, w, h);
  const bg = style.background;
  let fillRow: RowFiller;
  if (bg.type === 'solid') fillRow = solidRows(hexToRgb(bg.colour));
  else if (bg.type === 'gradient') fillRow = gradientRows(bg, W, H);
  else if (bg.type === 'blur') {
    // the backdrop is blurred by tens of low-resolution pixels: half that resolution holds all of it, at a
    // quarter of the box filtering (its radii follow the plane's size)
    const half = halveLow(I, matte.low);
    fillRow = planeRows(blurredBackdrop(half.I, half.low, bg), half.low.w, half.low.h, W, H);
  }
  else if (bg.type === 'image') fillRow = imageRows(await brandImage(bg, W, H, backgroundImage), W);
  else fillRow = solidRows([128, 128, 128]);
  return blend(canvas, matte.alpha, W, H, F, w, h, fillRow, style.renditions.some(isTransparent));
}

/**
 * Foreground colour estimate near edges: the colours of surely-person pixels nearby only, so a soft
 * edge takes the hair's or the jacket's colour and none of the original backdrop's (no light halo).
 */
function edgeColour(I: Float32Array[], la: Float32Array, w: number, h: number): Float32Array[] {
  const a2 = new Float32Array(w * h);
  for (let i = 0; i < a2.length; i++) a2[i] = la[i] > 0.97 ? 1 : 0;
  const rF = Math.max(2, Math.round(Math.max(w, h) / 100));
  const den = blur3(a2, w, h, rF);
  return I.map((P) => {
    const t = new Float32Array(w * h);
    for (let i = 0; i < t.length; i++) t[i] = P[i] * a2[i];
    const num = blur3(t, w, h, rF);
    for (let i = 0; i < t.length; i++) t[i] = den[i] > 1e-3 ? num[i] / den[i] : P[i];
    return t;
  });
}

/** The low-resolution planes at half their size (2×2 means where the sides are even). */
function halveLow(I: Float32Array[], low: MatteResult['low']): { I: Float32Array[]; low: MatteResult['low'] } {
  const { w, h } = low, hw = Math.ceil(w / 2), hh = Math.ceil(h / 2);
  const half = (p: Float32Array) => resizePlane(p, w, h, hw, hh);
  return { I: I.map(half), low: { w: hw, h: hh, alpha: half(low.alpha), inside: low.inside ? half(low.inside) : undefined } };
}

/** The photo's own backdrop, blurred, with the person's place filled from around it (low resolution). */
function blurredBackdrop(I: Float32Array[], low: MatteResult['low'], bg: { strength: number; brightness: number }): Float32Array[] {
  const { w, h, alpha: la, inside: ins } = low;
  const inv = new Float32Array(w * h);
  for (let i = 0; i < inv.length; i++) { const v = 1 - la[i]; inv[i] = v * v * (ins ? ins[i] * ins[i] : 1); }
  const r = Math.max(2, Math.round((Math.max(w, h) / 18) * (0.25 + bg.strength)));
  const d1 = blur3(inv, w, h, r), d2 = blur3(inv, w, h, r * 4);
  return I.map((P) => {
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
}

async function brandImage(bg: { ref: string; blur: number }, W: number, H: number, backgroundImage?: Buffer): Promise<Buffer> {
  if (!backgroundImage) throw new PipelineError('BACKGROUND_IMAGE_MISSING', `style background "${bg.ref}" needs the brand image bytes (options.backgroundImage)`);
  try {
    let p = sharp(backgroundImage, { limitInputPixels: 50_000_000 }).rotate().resize(W, H, { fit: 'cover' }).flatten({ background: '#ffffff' });
    if (bg.blur > 0) p = p.blur(0.3 + bg.blur * (Math.max(W, H) / 60));
    return await p.toColourspace('srgb').removeAlpha().raw().toBuffer();
  } catch (e) {
    throw new PipelineError('BACKGROUND_IMAGE_INVALID', `brand image could not be read: ${(e as Error).message}`);
  }
}

/**
 * Writes the background colour (0..255, unrounded) of canvas row y into r, g, b (reused across rows);
 * returns false when they already hold it (a solid colour is written once).
 */
type RowFiller = (y: number, r: Float64Array, g: Float64Array, b: Float64Array) => boolean;

/** A solid colour: the same row every time, so it is written once. */
function solidRows(c: [number, number, number]): RowFiller {
  let filled = false;
  return (_y, r, g, b) => {
    if (filled) return false;
    r.fill(c[0]); g.fill(c[1]); b.fill(c[2]);
    filled = true;
    return true;
  };
}

function gradientRows(bg: { from: string; to: string; angle: number }, W: number, H: number): RowFiller {
  const ang = (bg.angle * Math.PI) / 180;
  const from = hexToRgb(bg.from).map((v) => srgbToLinear(v / 255)), to = hexToRgb(bg.to).map((v) => srgbToLinear(v / 255));
  const dx = Math.sin(ang), dy = Math.cos(ang);
  const lut = new Float32Array(4096 * 3);
  for (let k = 0; k < 4096; k++) for (let c = 0; c < 3; c++) lut[k * 3 + c] = linearToSrgb(from[c] + (to[c] - from[c]) * (k / 4095)) * 255;
  const diag = Math.hypot(W, H);
  return (y, r, g, b) => {
    for (let x = 0; x < W; x++) {
      const t = clamp(((x - W / 2) * dx + (y - H / 2) * dy) / (diag * 0.5) * 0.5 + 0.5, 0, 1);
      const dither = ((x * 7 + y * 13) % 5) / 5 - 0.4;
      const i = Math.round(t * 4095) * 3;
      r[x] = lut[i] + dither;
      g[x] = lut[i + 1] + dither;
      b[x] = lut[i + 2] + dither;
    }
    return true;
  };
}

function planeRows(B: Float32Array[], w: number, h: number, W: number, H: number): RowFiller {
  const up = makeRowUpsampler(B, w, h, W, H);
  return (y, r, g, b) => {
    const { top, bottom, wy } = up.row(y);
    lerpRow(top[0], bottom[0], wy, r, W);
    lerpRow(top[1], bottom[1], wy, g, W);
    lerpRow(top[2], bottom[2], wy, b, W);
    return true;
  };
}

function lerpRow(t: Float64Array, b: Float64Array, wy: number, out: Float64Array, W: number): void {
  for (let x = 0; x < W; x++) out[x] = (t[x] + (b[x] - t[x]) * wy) * 255;
}

function imageRows(img: Buffer, W: number): RowFiller {
  return (y, r, g, b) => {
    for (let x = 0, j = y * W * 3; x < W; x++, j += 3) { r[x] = img[j]; g[x] = img[j + 1]; b[x] = img[j + 2]; }
    return true;
  };
}

/** Person over background at full resolution; the cut-out keeps the decontaminated colour under its alpha. */
function blend(canvas: Buffer, alpha: Float32Array, W: number, H: number, F: Float32Array[], w: number, h: number, fillRow: RowFiller, cutout: boolean): Composite {
  const rgb = Buffer.allocUnsafe(W * H * 3);
  const rgba = cutout ? Buffer.allocUnsafe(W * H * 4) : null;
  const upF = makeRowUpsampler(F, w, h, W, H);
  const bgR = new Float64Array(W), bgG = new Float64Array(W), bgB = new Float64Array(W);
  const bg8 = Buffer.allocUnsafe(W * 3);
  const bgSum = [0, 0, 0];
  let bgN = 0;
  for (let y = 0; y < H; y++) {
    const o = y * W;
    if (isOpaqueRow(alpha, o, W)) {
      canvas.copy(rgb, o * 3, o * 3, (o + W) * 3);
      if (rgba) opaqueCutoutRow(canvas, rgba, o, W);
      continue;
    }
    const changed = fillRow(y, bgR, bgG, bgB);
    const { top, bottom, wy } = upF.row(y);
    if (rgba) bgN += blendRow(canvas, alpha, rgb, rgba, o, W, bgR, bgG, bgB, top, bottom, wy, bgSum);
    else {
      if (changed) packRow(bgR, bgG, bgB, bg8, W);
      bgN += blendRowOpaque(canvas, alpha, rgb, o, W, bgR, bgG, bgB, bg8, top, bottom, wy, bgSum);
    }
  }
  return { rgb, rgba, backgroundColour: bgN ? rgbToHex(bgSum[0] / bgN, bgSum[1] / bgN, bgSum[2] / bgN) : '#808080' };
}

function isOpaqueRow(alpha: Float32Array, o: number, W: number): boolean {
  for (let x = 0; x < W; x++) if (alpha[o + x] < 0.999) return false;
  return true;
}

function opaqueCutoutRow(canvas: Buffer, rgba: Buffer, o: number, W: number): void {
  for (let x = 0, j = o * 3, k4 = o * 4; x < W; x++, j += 3, k4 += 4) {
    rgba[k4] = canvas[j]; rgba[k4 + 1] = canvas[j + 1]; rgba[k4 + 2] = canvas[j + 2]; rgba[k4 + 3] = 255;
  }
}

/** One canvas row; returns how many background samples it added to `bgSum` (for the report's colour). */
function blendRow(canvas: Buffer, alpha: Float32Array, rgb: Buffer, rgba: Buffer, o: number, W: number, bgR: Float64Array, bgG: Float64Array, bgB: Float64Array, Ft: Float64Array[], Fb: Float64Array[], wy: number, bgSum: number[]): number {
  const F0t = Ft[0], F0b = Fb[0], F1t = Ft[1], F1b = Fb[1], F2t = Ft[2], F2b = Fb[2];
  let n = 0;
  for (let x = 0; x < W; x++) {
    const i = o + x, j = i * 3, k4 = i * 4;
    const a = alpha[i];
    if (a >= 0.999) {
      rgb[j] = canvas[j]; rgb[j + 1] = canvas[j + 1]; rgb[j + 2] = canvas[j + 2];
      rgba[k4] = canvas[j]; rgba[k4 + 1] = canvas[j + 1]; rgba[k4 + 2] = canvas[j + 2]; rgba[k4 + 3] = 255;
      continue;
    }
    const br = bgR[x], bgc = bgG[x], bb = bgB[x];
    // foreground colour: original where solidly person, decontaminated estimate at soft edges
    let fr = canvas[j], fg = canvas[j + 1], fb = canvas[j + 2];
    if (a < 0.98) {
      const m = 1 - smoothstep(0.8, 0.98, a);
      fr += ((F0t[x] + (F0b[x] - F0t[x]) * wy) * 255 - fr) * m;
      fg += ((F1t[x] + (F1b[x] - F1t[x]) * wy) * 255 - fg) * m;
      fb += ((F2t[x] + (F2b[x] - F2t[x]) * wy) * 255 - fb) * m;
    }
    rgb[j] = byte(fr * a + br * (1 - a));
    rgb[j + 1] = byte(fg * a + bgc * (1 - a));
    rgb[j + 2] = byte(fb * a + bb * (1 - a));
    rgba[k4] = byte(fr); rgba[k4 + 1] = byte(fg); rgba[k4 + 2] = byte(fb);
    rgba[k4 + 3] = Math.round(a * 255);
    if (a < 0.05 && (i & 15) === 0) { bgSum[0] += br; bgSum[1] += bgc; bgSum[2] += bb; n++; }
  }
  return n;
}

/**
 * `blendRow` without the cut-out, same arithmetic, by runs: a run of solid person is the canvas copied, a
 * run of pure background is `bg8` (the background row already in bytes) copied; only the soft edge between
 * them is blended pixel by pixel. Most of a canvas row is one of the two runs.
 */
function blendRowOpaque(canvas: Buffer, alpha: Float32Array, rgb: Buffer, o: number, W: number, bgR: Float64Array, bgG: Float64Array, bgB: Float64Array, bg8: Buffer, Ft: Float64Array[], Fb: Float64Array[], wy: number, bgSum: number[]): number {
  let n = 0;
  let x = 0;
  while (x < W) {
    const a = alpha[o + x];
    if (a >= 0.999 || a === 0) {
      let e = x + 1;
      if (a === 0) {
        while (e < W && alpha[o + e] === 0) e++;
        bg8.copy(rgb, (o + x) * 3, x * 3, e * 3);
        // the report's background colour samples every 16th pixel index
        for (let i = o + x + ((16 - ((o + x) & 15)) & 15); i < o + e; i += 16) { bgSum[0] += bgR[i - o]; bgSum[1] += bgG[i - o]; bgSum[2] += bgB[i - o]; n++; }
      } else {
        while (e < W && alpha[o + e] >= 0.999) e++;
        canvas.copy(rgb, (o + x) * 3, (o + x) * 3, (o + e) * 3);
      }
      x = e;
      continue;
    }
    n += blendEdgePixel(canvas, a, rgb, o + x, bgR[x], bgG[x], bgB[x], Ft, Fb, x, wy, bgSum);
    x++;
  }
  return n;
}

/** One soft-edge pixel (0 < a < 0.999) of `blendRowOpaque`; returns 1 when it was sampled into `bgSum`. */
function blendEdgePixel(canvas: Buffer, a: number, rgb: Buffer, i: number, br: number, bgc: number, bb: number, Ft: Float64Array[], Fb: Float64Array[], x: number, wy: number, bgSum: number[]): number {
  const j = i * 3;
  let fr = canvas[j], fg = canvas[j + 1], fb = canvas[j + 2];
  if (a < 0.98) {
    const m = 1 - smoothstep(0.8, 0.98, a);
    fr += ((Ft[0][x] + (Fb[0][x] - Ft[0][x]) * wy) * 255 - fr) * m;
    fg += ((Ft[1][x] + (Fb[1][x] - Ft[1][x]) * wy) * 255 - fg) * m;
    fb += ((Ft[2][x] + (Fb[2][x] - Ft[2][x]) * wy) * 255 - fb) * m;
  }
  rgb[j] = byte(fr * a + br * (1 - a));
  rgb[j + 1] = byte(fg * a + bgc * (1 - a));
  rgb[j + 2] = byte(fb * a + bb * (1 - a));
  if (a < 0.05 && (i & 15) === 0) { bgSum[0] += br; bgSum[1] += bgc; bgSum[2] += bb; return 1; }
  return 0;
}

/** The background row in bytes, as `blendRow` rounds a pure background pixel. */
function packRow(bgR: Float64Array, bgG: Float64Array, bgB: Float64Array, out: Buffer, W: number): void {
  for (let x = 0, j = 0; x < W; x++, j += 3) { out[j] = byte(bgR[x]); out[j + 1] = byte(bgG[x]); out[j + 2] = byte(bgB[x]); }
}

const byte = (v: number): number => { const r = Math.round(v); return r < 0 ? 0 : r > 255 ? 255 : r; };
