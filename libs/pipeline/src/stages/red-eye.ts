import { clamp } from '../imageops';

interface Point {
  x: number;
  y: number;
}

/**
 * Removes flash red-eye: inside a disk around each iris centre (a fifth of the eye distance, the size of
 * an iris), pixels whose red clearly dominates green and blue get the red of a dark pupil (the mean
 * of green and blue). Skin and lips lie outside the disk. Returns how many pixels were red (0 = none).
 */
export function removeRedEye(buf: Buffer, W: number, H: number, eyes: [Point, Point]): number {
  const dist = Math.hypot(eyes[1].x - eyes[0].x, eyes[1].y - eyes[0].y);
  const r = dist * 0.1;
  let fixed = 0;
  for (const e of eyes) {
    const x0 = clamp(Math.floor(e.x - r), 0, W - 1), x1 = clamp(Math.ceil(e.x + r), 0, W - 1);
    const y0 = clamp(Math.floor(e.y - r), 0, H - 1), y1 = clamp(Math.ceil(e.y + r), 0, H - 1);
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        if (Math.hypot(x - e.x, y - e.y) > r) continue;
        const j = (y * W + x) * 3;
        const red = buf[j], gb = (buf[j + 1] + buf[j + 2]) / 2;
        if (red > 80 && red > gb * 1.8 && red - gb > 50) {
          buf[j] = Math.round(gb);
          fixed++;
        }
      }
    }
  }
  return fixed;
}
