import { boxFilter, clamp, smoothstep } from '../imageops';

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
  const mean = (a: Float32Array) => boxFilter(a, w, h, r);
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
