import type { RawImage } from '../decode';
import type { FaceInfo } from '../detect';
import { clamp, smoothstep } from '../imageops';

/**
 * How much real detail the face holds, as opposed to how many pixels it covers. A photo pixelated into
 * blocks, enlarged from a thumbnail or saved at a very low JPEG quality has plenty of pixels (and block
 * edges even fool a sharpness measure) but shows a face only a few dozen pixels tall.
 */
export interface FaceDetail {
  /** Period of a block grid in the face, in px of the analysed image (1 when there is none). */
  blockPeriod: number;
  /** How strongly the face's edges line up on that grid, 0..1 (a pixelated face ≈ 1, a photo ≈ 0.1). */
  blockStrength: number;
  /** How many times the face looks enlarged in the analysed copy (1 for a camera photo, about 3 for a photo enlarged 3×). */
  enlargement: number;
  /** How many times the photo itself was enlarged, in its own pixels (1 unless the analysed copy is surely an enlargement). */
  sourceEnlargement: number;
  /** Face height (forehead to chin) in px of real detail, in the photo's pixels: the face height over the block size or the enlargement. */
  effectiveFaceHeight: number;
}

/** Below this block strength no grid period is reported (photos measure below 0.1). */
const GRID_FOUND = 0.15;

/** Luma of the face's mesh box (forehead to chin, ear to ear), in px of `img`. */
function faceLuma(img: RawImage, f: Pick<FaceInfo, 'box'>): { l: Float32Array; w: number; h: number } {
  const x0 = clamp(Math.round(f.box.x + f.box.width * 0.1), 0, img.width - 2);
  const x1 = clamp(Math.round(f.box.x + f.box.width * 0.9), x0 + 2, img.width);
  const y0 = clamp(Math.round(f.box.y + f.box.height * 0.05), 0, img.height - 2);
  const y1 = clamp(Math.round(f.box.y + f.box.height * 0.95), y0 + 2, img.height);
  const w = x1 - x0, h = y1 - y0;
  const l = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const j = ((y0 + y) * img.width + x0 + x) * 3;
      l[y * w + x] = (0.299 * img.data[j] + 0.587 * img.data[j + 1] + 0.114 * img.data[j + 2]) / 255;
    }
  }
  return { l, w, h };
}

/** Sum of absolute neighbour differences across each column boundary (dx) and each row boundary (dy). */
function edgeProfiles(l: Float32Array, w: number, h: number): { cols: Float64Array; rows: Float64Array } {
  const cols = new Float64Array(w - 1), rows = new Float64Array(h - 1);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = l[y * w + x];
      if (x < w - 1) cols[x] += Math.abs(l[y * w + x + 1] - v);
      if (y < h - 1) rows[y] += Math.abs(l[(y + 1) * w + x] - v);
    }
  }
  return { cols, rows };
}

/** How much of a profile's energy is a comb of period `p` (1 for spikes every p px, ~0 for no rhythm). */
function combStrength(prof: Float64Array, p: number): number {
  let re = 0, im = 0, sum = 0;
  for (let x = 0; x < prof.length; x++) {
    const a = (2 * Math.PI * x) / p;
    re += prof[x] * Math.cos(a);
    im += prof[x] * Math.sin(a);
    sum += prof[x];
  }
  return sum > 0 ? Math.hypot(re, im) / sum : 0;
}

/**
 * The block grid of a pixelated or blocky-JPEG face: the longest period whose comb holds the face's
 * edges in both directions (a grid of period p also rings at p/2, p/3, …). Periods are searched between
 * 3 px and a sixth of the face box, in 1 % steps, as a resized photo's blocks need not be whole pixels.
 */
function blockGrid(l: Float32Array, w: number, h: number): { period: number; strength: number } {
  const { cols, rows } = edgeProfiles(l, w, h);
  const maxP = Math.min(cols.length, rows.length) / 6;
  const found: { p: number; s: number }[] = [];
  let best = 0;
  for (let p = 3; p <= maxP; p *= 1.01) {
    const s = Math.min(combStrength(cols, p), combStrength(rows, p));
    found.push({ p, s });
    best = Math.max(best, s);
  }
  if (best < GRID_FOUND) return { period: 1, strength: best };
  let period = 1;
  for (const f of found) if (f.s >= best * 0.8) period = f.p;
  return { period, strength: best };
}

/** Averages k×k blocks, then spreads them back bilinearly: the image as a k-times smaller photo shows it. */
function roundTrip(l: Float32Array, w: number, h: number, k: number): Float32Array {
  const sw = Math.max(1, Math.floor(w / k)), sh = Math.max(1, Math.floor(h / k));
  const small = new Float32Array(sw * sh);
  for (let y = 0; y < sh * k; y++) for (let x = 0; x < sw * k; x++) small[Math.floor(y / k) * sw + Math.floor(x / k)] += l[y * w + x] / (k * k);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const sy = clamp((y + 0.5) / k - 0.5, 0, sh - 1), y0 = Math.floor(sy), y1 = Math.min(sh - 1, y0 + 1), fy = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = clamp((x + 0.5) / k - 0.5, 0, sw - 1), x0 = Math.floor(sx), x1 = Math.min(sw - 1, x0 + 1), fx = sx - x0;
      const a = small[y0 * sw + x0] + (small[y0 * sw + x1] - small[y0 * sw + x0]) * fx;
      const b = small[y1 * sw + x0] + (small[y1 * sw + x1] - small[y1 * sw + x0]) * fx;
      out[y * w + x] = a + (b - a) * fy;
    }
  }
  return out;
}

/** A camera photo's finest octave holds at least this share of the next one's energy; an octave below it is empty. */
const EMPTY_OCTAVE = 0.2;

/**
 * How many times the face was enlarged, from where its detail starts. Each octave's energy (what a round
 * trip through a 2^j smaller copy loses beyond the 2^(j-1) one) is compared with the next coarser one's: a
 * camera photo's finest octave holds 0.3–0.8 of the next; enlarging adds pixels but no detail, so the
 * octaves finer than the enlargement are nearly empty (a bicubic 2× enlargement 0.20–0.28, 3× 0.13–0.19).
 * The estimate is 2^(empty octaves) × 0.5 / (the first live octave's ratio), the last factor between 1 and
 * 2; octaves are looked at while the face box still spans 8 blocks of the coarser one, up to 16×.
 */
function enlargement(l: Float32Array, w: number, h: number): number {
  const losses = [0];
  for (let k = 2; k <= 32 && Math.min(w, h) / k >= 8; k *= 2) {
    const rt = roundTrip(l, w, h, k);
    // measured where the round trip covers whole blocks
    const wk = Math.floor(w / k) * k, hk = Math.floor(h / k) * k;
    let e = 0;
    for (let y = 0; y < hk; y++) for (let x = 0; x < wk; x++) { const d = l[y * w + x] - rt[y * w + x]; e += d * d; }
    losses.push(e / Math.max(1, wk * hk));
  }
  const octave = (j: number) => Math.max(0, losses[j] - losses[j - 1]);
  let scale = 1;
  for (let j = 1; j + 1 < losses.length; j++) {
    const next = octave(j + 1);
    if (next <= 1e-9) return scale;
    const ratio = octave(j) / next;
    if (ratio >= EMPTY_OCTAVE || j + 2 >= losses.length) return scale * clamp(0.5 / ratio, 1, 2);
    scale *= 2;
  }
  return scale;
}

/**
 * A copy shrunk from a camera photo reads 1–1.1 (shrinking leaves detail at every scale); from 2 up it is
 * surely itself an enlargement. Between the two the reading is trusted progressively.
 */
const SHRUNK_SHARP = 1.2;
const SURELY_ENLARGED = 2;

/**
 * Measures the face's real detail in `img` (the detector's copy of the photo, `scale` of its pixels per
 * photo pixel), `f` in its pixels. A copy shrunk from a sharp photo shows every pixel it has as detail,
 * and the photo holds more; a copy that still looks enlarged shows all the detail there is (an 8× enlarged
 * photo shrunk 2.6× to the detector's size looks enlarged 3×), so its effective face height is the same
 * number in the photo's pixels.
 */
export function faceDetail(img: RawImage, f: FaceInfo, scale = 1): FaceDetail {
  const { l, w, h } = faceLuma(img, f);
  const grid = blockGrid(l, w, h);
  const up = enlargement(l, w, h);
  const r = (v: number, d = 100) => Math.round(v * d) / d;
  const seen = Math.max(grid.period, up);
  // how much of the shrink the copy's pixels stand for: all of it for a sharp copy, none for an enlarged one
  const shrink = Math.pow(Math.min(1, scale), 1 - smoothstep(SHRUNK_SHARP, SURELY_ENLARGED, seen));
  return {
    blockPeriod: r(grid.period, 10),
    blockStrength: r(grid.strength, 1000),
    enlargement: r(up),
    sourceEnlargement: r(Math.max(1, (up * shrink) / Math.min(1, scale))),
    effectiveFaceHeight: Math.round(f.faceHeight / seen / shrink),
  };
}

/** The block grid of the middle of a photo in which no face was found (a face pixelated beyond recognition). */
export function photoBlockGrid(img: RawImage): { period: number; strength: number } {
  const box = { x: img.width * 0.2, y: img.height * 0.1, width: img.width * 0.6, height: img.height * 0.7 };
  const { l, w, h } = faceLuma(img, { box });
  return blockGrid(l, w, h);
}
