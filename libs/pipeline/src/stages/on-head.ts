import type { Models } from '../models';
import type { RawImage } from '../decode';
import type { FaceInfo } from '../detect';
import { resizePlane } from '../imageops';
import { SALIENT_SIZE } from '../segmentation/u2netp';
import { cropResize } from './crop';
import type { Rect } from './framing';

/**
 * Whether something rests on or stands just above the head: an animal, a raised hand, an object. The
 * face below it is a real face, so the face checks pass; but the matte keeps what touches the head (the
 * salient network sees it as part of the figure) and cuts it at the canvas's top, e.g. a monkey's feet
 * left on a cap with the monkey gone. The selfie model does not call such a thing person, but it leaves a
 * faint trace of it; U²-Netp sees it plainly.
 *
 * Both figures are areas in face heights² inside a head-wide column (the face centre ± 0.5 face heights)
 * from the top of the square (inside the photo) down to the forehead. Measured on every photo of the
 * test data with one face, in the framing squares of the default and the tight presets: `trace` 0.001–0.020
 * (the man with the monkey 0.046–0.080); `salient` 0–0.048 (the cameraman beside his camera), the man with
 * the monkey 0.59–0.78.
 */
export interface OnHead {
  /** Faint selfie-model person (0.05–0.5) above the forehead. */
  trace: number;
  /** Salient (U²-Netp > 0.5) but not selfie-person, connected to the person, above the forehead; 0 when not measured. */
  salient: number;
}

/**
 * U²-Netp is run (0.5-0.7 s of CPU here) only when the selfie model leaves at least this trace above the head:
 * every photo of the test data stays below (0.001-0.020), the man with the monkey is above (0.046-0.080).
 */
export const ON_HEAD_TRACE_GATE = 0.025;

interface Column {
  u0: number;
  u1: number;
  v0: number;
  v1: number;
  /** Grid cells per face height², to turn cell counts into face heights². */
  cellsPerFace2: number;
}

/** The head-wide column above the forehead on an `n`² grid covering `square` (photo px), cut to the photo. */
function columnAboveHead(n: number, square: Rect, face: FaceInfo): Column {
  const k = square.w / n;
  const cx = (face.eyeCentre.x + face.chin.x) / 2;
  return {
    u0: Math.max(0, Math.floor((cx - face.faceHeight * 0.5 - square.x) / k)),
    u1: Math.min(n - 1, Math.floor((cx + face.faceHeight * 0.5 - square.x) / k)),
    v0: Math.max(0, Math.ceil(-square.y / k - 0.5)),
    v1: Math.min(n - 1, Math.floor((face.forehead.y - square.y) / k)),
    cellsPerFace2: (face.faceHeight / k) ** 2,
  };
}

/** Faint selfie-model person above the head (see OnHead.trace). `selfie` is the model's raw n² output. */
export function traceAboveHead(selfie: Float32Array, n: number, square: Rect, face: FaceInfo): number {
  const c = columnAboveHead(n, square, face);
  let sum = 0;
  for (let v = c.v0; v <= c.v1; v++) {
    for (let u = c.u0; u <= c.u1; u++) {
      const p = selfie[v * n + u];
      if (p > 0.05 && p < 0.5) sum += p;
    }
  }
  return sum / c.cellsPerFace2;
}

/**
 * What the salient network adds to the person above the head (see OnHead.salient): cells it is sure of
 * (> 0.5) that the selfie model does not call person, flood-filled from those touching the person, so a
 * picture on the wall behind the head does not count (the matte drops it too).
 */
export function salientAboveHead(selfie: Float32Array, salient: Float32Array, n: number, square: Rect, face: FaceInfo): number {
  const c = columnAboveHead(n, square, face);
  const inside = (u: number, v: number) => u >= c.u0 && u <= c.u1 && v >= c.v0 && v <= c.v1;
  const person = (i: number) => selfie[i] >= 0.5;
  const added = (i: number) => !person(i) && salient[i] > 0.5;
  const seen = new Uint8Array(n * n);
  const stack: number[] = [];
  for (let v = c.v0; v <= c.v1; v++) {
    for (let u = c.u0; u <= c.u1; u++) {
      const i = v * n + u;
      if (!added(i)) continue;
      const touches = (u > 0 && person(i - 1)) || (u < n - 1 && person(i + 1)) || (v > 0 && person(i - n)) || (v < n - 1 && person(i + n));
      if (touches) { seen[i] = 1; stack.push(i); }
    }
  }
  let count = 0;
  while (stack.length) {
    const i = stack.pop()!;
    count++;
    const u = i % n, v = (i - u) / n;
    for (const [du, dv] of [[-1, 0], [1, 0], [0, -1], [0, 1]]) {
      const uu = u + du, vv = v + dv, j = vv * n + uu;
      if (inside(uu, vv) && !seen[j] && added(j)) { seen[j] = 1; stack.push(j); }
    }
  }
  return count / c.cellsPerFace2;
}

/**
 * Measures what rests on the head in `square` (the framing's square, photo px of `img`), from the selfie
 * model's raw 256² answer there; runs U²-Netp on the same square only when the selfie model leaves a trace.
 */
export async function measureOnHead(models: Models, img: RawImage, square: Rect, selfie: Float32Array, face: FaceInfo): Promise<OnHead> {
  const n = 256;
  const trace = traceAboveHead(selfie, n, square, face);
  if (trace < ON_HEAD_TRACE_GATE) return { trace, salient: 0 };
  const crop = await cropResize(img, square, SALIENT_SIZE, SALIENT_SIZE, 'cubic');
  const salient = resizePlane(await models.salient.mask(crop), SALIENT_SIZE, SALIENT_SIZE, n, n);
  return { trace, salient: salientAboveHead(selfie, salient, n, square, face) };
}
