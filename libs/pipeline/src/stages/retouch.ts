import { clamp, guidedGreyCoefficients, halvePlane, makeRowUpsampler, smoothstep } from '../imageops';

interface FacePoints {
  eyes: [{ x: number; y: number }, { x: number; y: number }];
  chin: { x: number; y: number };
  forehead: { x: number; y: number };
  faceHeight: number;
}

/** Subtle skin smoothing inside the face (eyes and mouth kept sharp); strength 0 = untouched. */
export function retouch(buf: Buffer, W: number, H: number, face: FacePoints, strength: number): void {
  if (strength <= 0) return;
  const fh = face.faceHeight;
  const cx = (face.forehead.x + face.chin.x) / 2, cy = (face.forehead.y + face.chin.y) / 2;
  const rx = fh * 0.5, ry = fh * 0.62;
  const [x0, x1] = evenSpan(Math.floor(cx - rx), Math.ceil(cx + rx), W);
  const [y0, y1] = evenSpan(Math.floor(cy - ry), Math.ceil(cy + ry), H);
  const w = x1 - x0, h = y1 - y0;
  if (w < 4 || h < 4) return;
  const { planes, grey } = facePlanes(buf, W, x0, y0, w, h);
  // edge-preserving smoothing guided by the face's own brightness: the fast guided filter, its
  // coefficients at half resolution (a quarter of the box filtering) and applied to the full-resolution
  // guide, so edges stay as crisp as the full filter keeps them
  const r = Math.max(2, Math.round(fh / 70));
  const coef = guidedGreyCoefficients(halvePlane(grey, w, h), planes.map((p) => halvePlane(p, w, h)), w >> 1, h >> 1, Math.max(1, Math.round(r / 2)), 0.0025);
  const up = makeRowUpsampler([...coef.a, ...coef.b], w >> 1, h >> 1, w, h);
  const mouth = { x: face.chin.x * 0.35 + ((face.eyes[0].x + face.eyes[1].x) / 2) * 0.65, y: face.chin.y * 0.35 + ((face.eyes[0].y + face.eyes[1].y) / 2) * 0.65 };
  blendSmoothed(buf, W, { x0, y0, w, h }, planes, grey, up, { cx, cy, rx, ry, fh, eyes: face.eyes, mouth }, clamp(strength, 0, 1) * 0.85);
}

/** [lo, hi) clamped to [0, size) with an even length (the half-resolution filter pairs pixels). */
function evenSpan(lo: number, hi: number, size: number): [number, number] {
  let a = clamp(lo, 0, size - 1), b = clamp(hi, a + 1, size);
  if ((b - a) % 2) {
    if (b < size) b++;
    else if (a > 0) a--;
    else b--;
  }
  return [a, b];
}

/** The face's box as float planes in 0..1, and their mean as the guide. */
function facePlanes(buf: Buffer, W: number, x0: number, y0: number, w: number, h: number) {
  const n = w * h;
  const planes = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  const grey = new Float32Array(n);
  const [R, G, B] = planes;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const j = ((y + y0) * W + x + x0) * 3, i = y * w + x;
    R[i] = buf[j] / 255; G[i] = buf[j + 1] / 255; B[i] = buf[j + 2] / 255;
    grey[i] = (R[i] + G[i] + B[i]) / 3;
  }
  return { planes, grey };
}

/**
 * Writes the smoothed skin back, faded out at the face's oval and around the eyes and the mouth; the
 * smoothed colour is `a * grey + b` with the coefficients upsampled row by row (`up`: a for R, G, B, then b).
 * The distance tests take a square root only where the squared distance leaves the fade between 0 and 1.
 */
function blendSmoothed(buf: Buffer, W: number, box: { x0: number; y0: number; w: number; h: number }, planes: Float32Array[], grey: Float32Array, up: ReturnType<typeof makeRowUpsampler>, m: { cx: number; cy: number; rx: number; ry: number; fh: number; eyes: { x: number; y: number }[]; mouth: { x: number; y: number } }, k: number): void {
  const { x0, y0, w, h } = box;
  const { cx, cy, rx, ry, fh, eyes, mouth } = m;
  const eyeR = fh * 0.13, eyeFar2 = (eyeR * 1.6) ** 2 * 1.001;
  const mouthNear = fh * 0.1, mouthFar = fh * 0.18, mouthFar2 = mouthFar * mouthFar * 1.001;
  const [e0, e1] = eyes;
  for (let y = 0; y < h; y++) {
    const py = y + y0;
    const ey = (py - cy) / ry;
    const { top, bottom, wy } = up.row(y);
    for (let x = 0; x < w; x++) {
      const px = x + x0;
      const ex = (px - cx) / rx;
      const e2 = ex * ex + ey * ey;
      if (e2 >= 1.001) continue; // outside the oval: the fade is 0
      let f = e2 <= 0.49 ? 1 : 1 - smoothstep(0.7, 1.0, Math.sqrt(e2));
      if (f <= 0) continue;
      const d0x = px - e0.x, d0y = py - e0.y, d1x = px - e1.x, d1y = py - e1.y;
      const d0 = d0x * d0x + d0y * d0y, d1 = d1x * d1x + d1y * d1y;
      if (d0 < eyeFar2) f *= smoothstep(eyeR, eyeR * 1.6, Math.sqrt(d0));
      if (d1 < eyeFar2) f *= smoothstep(eyeR, eyeR * 1.6, Math.sqrt(d1));
      const mx = (px - mouth.x) * 0.6, my = py - mouth.y, dm = mx * mx + my * my;
      if (dm < mouthFar2) f *= smoothstep(mouthNear, mouthFar, Math.sqrt(dm));
      if (f <= 0) continue;
      const i = y * w + x, j = (py * W + px) * 3, g = grey[i], fk = f * k;
      for (let c = 0; c < 3; c++) {
        const a = top[c][x] + (bottom[c][x] - top[c][x]) * wy;
        const b = top[c + 3][x] + (bottom[c + 3][x] - top[c + 3][x]) * wy;
        const o = planes[c][i];
        buf[j + c] = Math.round(clamp(o + (a * g + b - o) * fk, 0, 1) * 255);
      }
    }
  }
}
