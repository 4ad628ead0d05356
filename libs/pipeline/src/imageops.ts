// Small numeric image helpers on typed arrays (planar float, row-major).

export const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);

export function smoothstep(e0: number, e1: number, x: number): number {
  const t = clamp((x - e0) / (e1 - e0), 0, 1);
  return t * t * (3 - 2 * t);
}

// One scratch plane per thread for the box filter's intermediate pass (the filter is synchronous, so no
// two calls share it at once); allocating and zeroing a fresh plane per call cost as much as the filter.
let boxScratch = new Float32Array(0);

/** Mean box filter with radius r, normalised by the number of pixels inside the image (edge aware). */
export function boxFilter(src: Float32Array, w: number, h: number, r: number, out?: Float32Array): Float32Array {
  const n = w * h;
  if (boxScratch.length < n) boxScratch = new Float32Array(n);
  const tmp = boxScratch;
  const dst = out ?? new Float32Array(n);
  // horizontal: running sum per row; the interior (window inside the row) runs without edge tests
  const r1 = Math.min(r, w - 1);
  const lo = Math.min(r, w), hi = Math.max(lo, w - r - 1);
  const full = 2 * r + 1;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let acc = 0;
    for (let x = 0; x <= r1; x++) acc += src[row + x];
    for (let x = 0; x < lo; x++) {
      const b = x + r + 1 > w ? w : x + r + 1;
      tmp[row + x] = acc / b;
      if (x + r + 1 < w) acc += src[row + x + r + 1];
      if (x - r >= 0) acc -= src[row + x - r];
    }
    for (let x = lo; x < hi; x++) {
      tmp[row + x] = acc / full;
      acc += src[row + x + r + 1];
      acc -= src[row + x - r];
    }
    for (let x = hi; x < w; x++) {
      const a = x - r < 0 ? 0 : x - r;
      const b = x + r + 1 > w ? w : x + r + 1;
      tmp[row + x] = acc / (b - a);
      if (x + r + 1 < w) acc += src[row + x + r + 1];
      if (x - r >= 0) acc -= src[row + x - r];
    }
  }
  // vertical: a running row of column sums (cache friendly), read, written out and moved on in one pass
  // per row (the same additions in the same order as three passes, a quarter less time)
  const col = new Float64Array(w);
  const rv = Math.min(r, h - 1);
  for (let y = 0; y <= rv; y++) for (let x = 0, o = y * w; x < w; x++) col[x] += tmp[o + x];
  for (let y = 0; y < h; y++) {
    const a = y - r < 0 ? 0 : y - r;
    const b = y + r + 1 > h ? h : y + r + 1;
    const inv = 1 / (b - a);
    const o = y * w, oa = (y + r + 1) * w, os = (y - r) * w;
    const add = y + r + 1 < h, sub = y - r >= 0;
    if (add && sub) for (let x = 0; x < w; x++) { const c = col[x]; dst[o + x] = c * inv; col[x] = c + tmp[oa + x] - tmp[os + x]; }
    else if (add) for (let x = 0; x < w; x++) { const c = col[x]; dst[o + x] = c * inv; col[x] = c + tmp[oa + x]; }
    else if (sub) for (let x = 0; x < w; x++) { const c = col[x]; dst[o + x] = c * inv; col[x] = c - tmp[os + x]; }
    else for (let x = 0; x < w; x++) dst[o + x] = col[x] * inv;
  }
  return dst;
}

/** Approximate Gaussian blur: three box passes. */
export function blur3(src: Float32Array, w: number, h: number, r: number): Float32Array {
  if (r < 1) return src.slice();
  const r1 = Math.max(1, Math.round(r / 1.7));
  return boxFilter(boxFilter(boxFilter(src, w, h, r1), w, h, r1), w, h, r1);
}

/** Bilinear resize of one float plane (pixel-centre aligned). */
export function resizePlane(src: Float32Array, sw: number, sh: number, dw: number, dh: number): Float32Array {
  const dst = new Float32Array(dw * dh);
  const fx = sw / dw;
  const fy = sh / dh;
  const x0s = new Int32Array(dw);
  const x1s = new Int32Array(dw);
  const wx = new Float32Array(dw);
  for (let x = 0; x < dw; x++) {
    const sx = clamp((x + 0.5) * fx - 0.5, 0, sw - 1);
    x0s[x] = Math.floor(sx);
    x1s[x] = Math.min(sw - 1, x0s[x] + 1);
    wx[x] = sx - x0s[x];
  }
  for (let y = 0; y < dh; y++) {
    const sy = clamp((y + 0.5) * fy - 0.5, 0, sh - 1);
    const y0 = Math.floor(sy);
    const y1 = Math.min(sh - 1, y0 + 1);
    const wy = sy - y0;
    const r0 = y0 * sw;
    const r1 = y1 * sw;
    const o = y * dw;
    for (let x = 0; x < dw; x++) {
      const a = src[r0 + x0s[x]] + (src[r0 + x1s[x]] - src[r0 + x0s[x]]) * wx[x];
      const b = src[r1 + x0s[x]] + (src[r1 + x1s[x]] - src[r1 + x0s[x]]) * wx[x];
      dst[o + x] = a + (b - a) * wy;
    }
  }
  return dst;
}

/** v / 255 for every byte, as float32 (what the planes store): a lookup instead of a division. */
const UNIT_BYTE = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/** Splits interleaved 8-bit RGB into three float planes in 0..1. */
export function toPlanes(rgb: Uint8Array | Buffer, n: number, channels = 3): [Float32Array, Float32Array, Float32Array] {
  const r = new Float32Array(n);
  const g = new Float32Array(n);
  const b = new Float32Array(n);
  const f = UNIT_BYTE;
  for (let i = 0, j = 0; i < n; i++, j += channels) {
    r[i] = f[rgb[j]];
    g[i] = f[rgb[j + 1]];
    b[i] = f[rgb[j + 2]];
  }
  return [r, g, b];
}

/** Luma (Rec. 601) plane in 0..1 from interleaved RGB. */
export function lumaPlane(rgb: Uint8Array | Buffer, n: number, channels = 3): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0, j = 0; i < n; i++, j += channels) out[i] = (0.299 * rgb[j] + 0.587 * rgb[j + 1] + 0.114 * rgb[j + 2]) / 255;
  return out;
}

/**
 * Colour guided filter (He et al.) of p guided by the RGB planes; returns the linear coefficients
 * (a_r, a_g, a_b, b), already box-averaged, so they can be upsampled and applied at full resolution.
 */
export function guidedCoefficients(
  I: [Float32Array, Float32Array, Float32Array],
  p: Float32Array,
  w: number,
  h: number,
  r: number,
  eps: number,
): [Float32Array, Float32Array, Float32Array, Float32Array] {
  const n = w * h;
  const [R, G, B] = I;
  const f = (a: Float32Array) => boxFilter(a, w, h, r);
  // one product plane reused for every product (each was a fresh allocation)
  const t = new Float32Array(n);
  const fMul = (a: Float32Array, b: Float32Array) => {
    multiplyInto(a, b, t, n);
    return f(t);
  };
  const mR = f(R), mG = f(G), mB = f(B), mP = f(p);
  const mRP = fMul(R, p), mGP = fMul(G, p), mBP = fMul(B, p);
  const vRR = fMul(R, R), vRG = fMul(R, G), vRB = fMul(R, B), vGG = fMul(G, G), vGB = fMul(G, B), vBB = fMul(B, B);
  const aR = new Float32Array(n), aG = new Float32Array(n), aB = new Float32Array(n), bb = new Float32Array(n);
  solveGuided({ mR, mG, mB, mP, mRP, mGP, mBP, vRR, vRG, vRB, vGG, vGB, vBB }, eps, aR, aG, aB, bb, n);
  return [f(aR), f(aG), f(aB), f(bb)];
}

function multiplyInto(a: Float32Array, b: Float32Array, out: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
}

/** Per pixel: the guided filter's 3×3 system (colour covariance + eps) solved for the linear coefficients. */
function solveGuided(
  m: Record<'mR' | 'mG' | 'mB' | 'mP' | 'mRP' | 'mGP' | 'mBP' | 'vRR' | 'vRG' | 'vRB' | 'vGG' | 'vGB' | 'vBB', Float32Array>,
  eps: number,
  aR: Float32Array,
  aG: Float32Array,
  aB: Float32Array,
  bb: Float32Array,
  n: number,
): void {
  const { mR, mG, mB, mP, mRP, mGP, mBP, vRR, vRG, vRB, vGG, vGB, vBB } = m;
  for (let i = 0; i < n; i++) {
    const cR = mRP[i] - mR[i] * mP[i];
    const cG = mGP[i] - mG[i] * mP[i];
    const cB = mBP[i] - mB[i] * mP[i];
    const s11 = vRR[i] - mR[i] * mR[i] + eps;
    const s12 = vRG[i] - mR[i] * mG[i];
    const s13 = vRB[i] - mR[i] * mB[i];
    const s22 = vGG[i] - mG[i] * mG[i] + eps;
    const s23 = vGB[i] - mG[i] * mB[i];
    const s33 = vBB[i] - mB[i] * mB[i] + eps;
    // inverse of the symmetric 3x3
    const i11 = s22 * s33 - s23 * s23;
    const i12 = s13 * s23 - s12 * s33;
    const i13 = s12 * s23 - s13 * s22;
    const i22 = s11 * s33 - s13 * s13;
    const i23 = s13 * s12 - s11 * s23;
    const i33 = s11 * s22 - s12 * s12;
    const det = s11 * i11 + s12 * i12 + s13 * i13;
    const inv = det !== 0 ? 1 / det : 0;
    const a1 = (i11 * cR + i12 * cG + i13 * cB) * inv;
    const a2 = (i12 * cR + i22 * cG + i23 * cB) * inv;
    const a3 = (i13 * cR + i23 * cG + i33 * cB) * inv;
    aR[i] = a1;
    aG[i] = a2;
    aB[i] = a3;
    bb[i] = mP[i] - a1 * mR[i] - a2 * mG[i] - a3 * mB[i];
  }
}

/**
 * Guided filter (He et al.) with a one-channel guide, applied to each plane: smooths inside the guide's
 * regions and keeps its edges (skin smoothing that leaves eyelids and lips crisp). Returns the filtered
 * planes; radius r, regularisation eps (in squared 0..1 units).
 */
export function guidedFilterGrey(guide: Float32Array, planes: Float32Array[], w: number, h: number, r: number, eps: number): Float32Array[] {
  const n = w * h;
  const mG = boxFilter(guide, w, h, r);
  const t = new Float32Array(n);
  for (let i = 0; i < n; i++) t[i] = guide[i] * guide[i];
  const vG = boxFilter(t, w, h, r);
  const mP = new Float32Array(n), mGP = new Float32Array(n), a = new Float32Array(n), b = new Float32Array(n);
  return planes.map((P) => {
    for (let i = 0; i < n; i++) t[i] = guide[i] * P[i];
    boxFilter(P, w, h, r, mP);
    boxFilter(t, w, h, r, mGP);
    guidedLinear(mG, vG, mP, mGP, a, b, n, eps);
    // the box means of a and b reuse the planes mP and mGP, which are no longer needed
    const ma = boxFilter(a, w, h, r, mP), mb = boxFilter(b, w, h, r, mGP);
    const q = new Float32Array(n);
    for (let i = 0; i < n; i++) q[i] = ma[i] * guide[i] + mb[i];
    return q;
  });
}

function guidedLinear(mG: Float32Array, vG: Float32Array, mP: Float32Array, mGP: Float32Array, a: Float32Array, b: Float32Array, n: number, eps: number): void {
  for (let i = 0; i < n; i++) {
    const cov = mGP[i] - mG[i] * mP[i];
    const v = vG[i] - mG[i] * mG[i];
    a[i] = cov / (v + eps);
    b[i] = mP[i] - a[i] * mG[i];
  }
}

/** Variance-of-Laplacian sharpness of a luma plane (values 0..1), computed inside an optional mask rectangle. */
export function laplacianEnergy(l: Float32Array, w: number, h: number): number {
  let s = 0;
  let s2 = 0;
  let n = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const v = 4 * l[i] - l[i - 1] - l[i + 1] - l[i - w] - l[i + w];
      s += v;
      s2 += v * v;
      n++;
    }
  }
  if (!n) return 0;
  const m = s / n;
  return (s2 / n - m * m) * 1e4;
}

export const srgbToLinear = (v: number): number => (v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
export const linearToSrgb = (v: number): number => (v <= 0.0031308 ? v * 12.92 : 1.055 * Math.pow(v, 1 / 2.4) - 0.055);

export function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

export function rgbToHex(r: number, g: number, b: number): string {
  return '#' + [r, g, b].map((v) => Math.round(clamp(v, 0, 255)).toString(16).padStart(2, '0')).join('');
}

/** CIELAB (D65) of an 8-bit sRGB colour. */
export function srgbToLab(r: number, g: number, b: number): [number, number, number] {
  const [R, G, B] = [r, g, b].map((v) => srgbToLinear(v / 255));
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const x = f((0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047);
  const y = f(0.2126 * R + 0.7152 * G + 0.0722 * B);
  const z = f((0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/**
 * Bilinear upsampling of low-res planes one full-res row at a time, with the same arithmetic as
 * refineMatte's per-pixel sampling (horizontal first, then vertical) but each low row interpolated across the full
 * width only once: the 3× upscale shares one pair of low rows between about three output rows.
 */
export function makeRowUpsampler(planes: Float32Array[], lw: number, lh: number, W: number, H: number) {
  const fx = lw / W, fy = lh / H;
  const xi0 = new Int32Array(W), xi1 = new Int32Array(W), xw = new Float32Array(W); // float32 weights, as refineMatte's
  for (let x = 0; x < W; x++) {
    const s = clamp((x + 0.5) * fx - 0.5, 0, lw - 1);
    xi0[x] = Math.floor(s); xi1[x] = Math.min(lw - 1, xi0[x] + 1); xw[x] = s - xi0[x];
  }
  // two cached horizontally interpolated rows per plane (low rows y0 and y0 + 1 of the current output row)
  const cache = planes.map(() => [new Float64Array(W), new Float64Array(W)]);
  const cachedRow = [-1, -1];
  const fill = (dst: Float64Array, p: Float32Array, r: number) => {
    for (let x = 0; x < W; x++) dst[x] = p[r + xi0[x]] + (p[r + xi1[x]] - p[r + xi0[x]]) * xw[x];
  };
  const load = (slot: number, ly: number) => {
    planes.forEach((p, i) => fill(cache[i][slot], p, ly * lw));
    cachedRow[slot] = ly;
  };
  return {
    /** Prepares output row y; then `top(i)[x] + (bottom(i)[x] - top(i)[x]) * wy` is plane i at (x, y). */
    row(y: number): { top: Float64Array[]; bottom: Float64Array[]; wy: number } {
      const s = clamp((y + 0.5) * fy - 0.5, 0, lh - 1);
      const y0 = Math.floor(s);
      const y1 = Math.min(lh - 1, y0 + 1);
      if (cachedRow[0] !== y0) {
        if (cachedRow[1] === y0) {
          // moved down by one low row: the old bottom row is the new top row
          for (const c of cache) [c[0], c[1]] = [c[1], c[0]];
          cachedRow[0] = y0;
          cachedRow[1] = -1;
        } else load(0, y0);
      }
      if (cachedRow[1] !== y1) load(1, y1);
      return { top: cache.map((c) => c[0]), bottom: cache.map((c) => c[1]), wy: s - y0 };
    },
  };
}
