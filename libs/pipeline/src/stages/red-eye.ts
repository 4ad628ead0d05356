import type { RawImage } from '../decode';
import { clamp } from '../imageops';

interface Point {
  x: number;
  y: number;
}

/**
 * Removes flash red-eye. A pupil counts as red when at least 15 % of a disk around the iris centre (6 %
 * of the eye distance: a dilated pupil) is clearly red — red dominating green and blue, which are alike;
 * red paint, auburn hair or warm skin around the eye fill none of the pupil and leave the eye untouched. In a red pupil, red
 * pixels within an iris-sized disk get the red of a dark pupil (the mean of green and blue). Returns the
 * canvas (a new image when a pixel changed, the same one otherwise) and how many pixels were changed
 * (0 = no red-eye).
 */
export function removeRedEye({ canvas, eyes }: { canvas: RawImage; eyes: [Point, Point] }): { canvas: RawImage; pixels: number } {
  const { width: W, height: H } = canvas;
  // copied on the first red pixel only: most photos have no red-eye
  let buf = canvas.data;
  const dist = Math.hypot(eyes[1].x - eyes[0].x, eyes[1].y - eyes[0].y);
  const isRed = (j: number) => {
    const red = buf[j], gb = (buf[j + 1] + buf[j + 2]) / 2;
    // a flash's red has green and blue alike (pure red); auburn hair and orange paint lean to yellow
    return red > 80 && red > gb * 1.8 && red - gb > 50 && Math.abs(buf[j + 1] - buf[j + 2]) < 0.25 * (red - gb);
  };
  const disk = (e: Point, r: number, visit: (j: number) => void) => {
    const x0 = clamp(Math.floor(e.x - r), 0, W - 1), x1 = clamp(Math.ceil(e.x + r), 0, W - 1);
    const y0 = clamp(Math.floor(e.y - r), 0, H - 1), y1 = clamp(Math.ceil(e.y + r), 0, H - 1);
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) if (Math.hypot(x - e.x, y - e.y) <= r) visit((y * W + x) * 3);
  };
  let fixed = 0;
  for (const e of eyes) {
    let n = 0, red = 0;
    disk(e, dist * 0.06, (j) => {
      n++;
      if (isRed(j)) red++;
    });
    if (!n || red < n * 0.15) continue;
    disk(e, dist * 0.1, (j) => {
      if (!isRed(j)) return;
      if (buf === canvas.data) buf = Buffer.from(buf);
      buf[j] = Math.round((buf[j + 1] + buf[j + 2]) / 2);
      fixed++;
    });
  }
  return { canvas: fixed ? { data: buf, width: W, height: H } : canvas, pixels: fixed };
}
