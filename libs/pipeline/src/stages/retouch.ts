import type { RawImage } from '../decode';
import { clamp, guidedFilterGrey, smoothstep } from '../imageops';

interface FacePoints {
  eyes: [{ x: number; y: number }, { x: number; y: number }];
  chin: { x: number; y: number };
  forehead: { x: number; y: number };
  faceHeight: number;
}

/**
 * Subtle skin smoothing inside the face (eyes and mouth kept sharp). Returns the retouched canvas: a new
 * image, or the same one at strength 0 (as removeRedEye does), so no caller's buffer changes under it.
 */
export function retouch({ canvas, face, strength }: { canvas: RawImage; face: FacePoints; strength: number }): { canvas: RawImage } {
  if (strength <= 0) return { canvas };
  const { width: W, height: H } = canvas;
  const buf = Buffer.from(canvas.data);
  const fh = face.faceHeight;
  const cx = (face.forehead.x + face.chin.x) / 2, cy = (face.forehead.y + face.chin.y) / 2;
  const rx = fh * 0.5, ry = fh * 0.62;
  const x0 = clamp(Math.floor(cx - rx), 0, W - 1), x1 = clamp(Math.ceil(cx + rx), x0 + 1, W);
  const y0 = clamp(Math.floor(cy - ry), 0, H - 1), y1 = clamp(Math.ceil(cy + ry), y0 + 1, H);
  const w = x1 - x0, h = y1 - y0;
  const { planes, grey } = facePlanes(buf, W, x0, y0, w, h);
  // edge-preserving smoothing guided by the face's own brightness (imageops' guided filter)
  const smooth = guidedFilterGrey(grey, planes, w, h, Math.max(2, Math.round(fh / 70)), 0.0025);
  const mouth = { x: face.chin.x * 0.35 + ((face.eyes[0].x + face.eyes[1].x) / 2) * 0.65, y: face.chin.y * 0.35 + ((face.eyes[0].y + face.eyes[1].y) / 2) * 0.65 };
  blendSmoothed(buf, W, { x0, y0, w, h }, planes, smooth, { cx, cy, rx, ry, fh, eyes: face.eyes, mouth }, clamp(strength, 0, 1) * 0.85);
  return { canvas: { data: buf, width: W, height: H } };
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
 * Writes the smoothed skin back, faded out at the face's oval and around the eyes and the mouth. The
 * distance tests skip Math.hypot wherever the squared distance already says the fade is 0 or 1 (a
 * small margin keeps every written pixel exactly as the plain formula would make it).
 */
function blendSmoothed(buf: Buffer, W: number, box: { x0: number; y0: number; w: number; h: number }, planes: Float32Array[], smooth: Float32Array[], m: { cx: number; cy: number; rx: number; ry: number; fh: number; eyes: { x: number; y: number }[]; mouth: { x: number; y: number } }, k: number): void {
  const { x0, y0, w, h } = box;
  const { cx, cy, rx, ry, fh, eyes, mouth } = m;
  const eyeR = fh * 0.13, eyeFar2 = (eyeR * 1.6) ** 2 * 1.001;
  const mouthNear = fh * 0.1, mouthFar = fh * 0.18, mouthFar2 = mouthFar * mouthFar * 1.001;
  const [e0, e1] = eyes;
  for (let y = 0; y < h; y++) {
    const py = y + y0;
    const ey = (py - cy) / ry;
    for (let x = 0; x < w; x++) {
      const px = x + x0;
      const ex = (px - cx) / rx;
      if (ex * ex + ey * ey >= 1.001) continue; // outside the oval: the fade is 0
      let f = 1 - smoothstep(0.7, 1.0, Math.hypot(ex, ey));
      if (f <= 0) continue;
      const d0x = px - e0.x, d0y = py - e0.y, d1x = px - e1.x, d1y = py - e1.y;
      if (d0x * d0x + d0y * d0y < eyeFar2) f *= smoothstep(eyeR, eyeR * 1.6, Math.hypot(d0x, d0y));
      if (d1x * d1x + d1y * d1y < eyeFar2) f *= smoothstep(eyeR, eyeR * 1.6, Math.hypot(d1x, d1y));
      const mx = (px - mouth.x) * 0.6, my = py - mouth.y;
      if (mx * mx + my * my < mouthFar2) f *= smoothstep(mouthNear, mouthFar, Math.hypot(mx, my));
      if (f <= 0) continue;
      const i = y * w + x, j = (py * W + px) * 3;
      for (let c = 0; c < 3; c++) {
        const o = planes[c][i];
        buf[j + c] = Math.round(clamp(o + (smooth[c][i] - o) * f * k, 0, 1) * 255);
      }
    }
  }
}
