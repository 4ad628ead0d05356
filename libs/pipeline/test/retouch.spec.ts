import { describe, expect, it } from 'vitest';
import { boxFilter } from '../src/imageops';
import { retouch } from '../src/stages/retouch';

/** The box mean by definition: every pixel of the window that lies inside the plane, summed and divided. */
function naiveBox(src: Float32Array, w: number, h: number, r: number): Float32Array {
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    let s = 0, n = 0;
    for (let v = Math.max(0, y - r); v <= Math.min(h - 1, y + r); v++) for (let u = Math.max(0, x - r); u <= Math.min(w - 1, x + r); u++) { s += src[v * w + u]; n++; }
    out[y * w + x] = s / n;
  }
  return out;
}

describe('box filter', () => {
  it.each([[40, 30, 3], [7, 50, 9], [50, 6, 2], [33, 33, 40], [64, 64, 0]])('is the mean over the window inside a %i×%i plane (radius %i)', (w, h, r) => {
    let seed = 7;
    const src = Float32Array.from({ length: w * h }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647));
    const got = boxFilter(src, w, h, r), want = naiveBox(src, w, h, r);
    let worst = 0;
    for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
    expect(worst).toBeLessThan(1e-5);
  });
});

describe('skin retouch', () => {
  // a 400² canvas with a "face" of mid skin tone carrying grain, crossed by a dark line (an eyebrow or a
  // lid crease) that must stay as crisp as it was
  const S = 400, faceHeight = 240;
  const face = { eyes: [{ x: 150, y: 160 }, { x: 250, y: 160 }] as [{ x: number; y: number }, { x: number; y: number }], forehead: { x: 200, y: 80 }, chin: { x: 200, y: 320 }, faceHeight };
  function canvas(): Buffer {
    let seed = 3;
    const buf = Buffer.alloc(S * S * 3);
    for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) {
      const grain = (((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5) * 24;
      const line = y >= 228 && y < 232 ? -110 : 0;
      const j = (y * S + x) * 3;
      buf[j] = 190 + grain + line; buf[j + 1] = 140 + grain + line; buf[j + 2] = 120 + grain + line;
    }
    return buf;
  }
  /** Standard deviation of the red channel over a skin patch (cheek, away from the line, eyes and mouth). */
  function grain(buf: Buffer): number {
    let s = 0, s2 = 0, n = 0;
    for (let y = 190; y < 215; y++) for (let x = 110; x < 140; x++) { const v = buf[(y * S + x) * 3]; s += v; s2 += v * v; n++; }
    return Math.sqrt(s2 / n - (s / n) ** 2);
  }
  /** Red-channel step from the skin just above the line to the line (its contrast). */
  const lineContrast = (buf: Buffer) => buf[(222 * S + 130) * 3] - buf[(230 * S + 130) * 3];

  it('smooths the grain of the skin and keeps a dark line as crisp as it was', () => {
    const before = canvas();
    const after = retouch({ canvas: { data: before, width: S, height: S }, face, strength: 1 }).canvas.data;
    expect(grain(after)).toBeLessThan(grain(before) * 0.8);
    expect(lineContrast(after)).toBeGreaterThan(lineContrast(before) * 0.9);
  });

  it('leaves the photo untouched at strength 0 and outside the face', () => {
    const before = canvas();
    const kept = Buffer.from(before);
    expect(retouch({ canvas: { data: before, width: S, height: S }, face, strength: 0 }).canvas.data.equals(kept)).toBe(true);
    const after = retouch({ canvas: { data: before, width: S, height: S }, face, strength: 1 }).canvas.data;
    // the caller's canvas is not written to
    expect(before.equals(kept)).toBe(true);
    for (const [x, y] of [[5, 5], [390, 200], [200, 395]]) expect(after[(y * S + x) * 3]).toBe(before[(y * S + x) * 3]);
  });
});
