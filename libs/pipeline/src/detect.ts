import type { Models } from './models';
import { rotateRaw, type RawImage } from './decode';
import { clamp, laplacianEnergy, lumaPlane } from './imageops';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface Point {
  x: number;
  y: number;
}

/** One detected face, in the pixel coordinates of the image it was found in. */
export interface FaceInfo {
  /** Tight box around the face mesh (forehead to chin, ear to ear). */
  box: { x: number; y: number; width: number; height: number };
  score: number;
  /** Eye centres, by position in the image (left = smaller x). */
  leftEye: Point;
  rightEye: Point;
  eyeCentre: Point;
  /** Top of the forehead (mesh point 10) to the chin (mesh point 152), in px. */
  faceHeight: number;
  chin: Point;
  forehead: Point;
  /** Head pose in degrees. */
  yaw: number;
  pitch: number;
  roll: number;
  /** Share of mesh points that fall outside the image (a face cut off at the edge). */
  outsideFraction: number;
}

export interface DetectResult {
  /** Faces that count as people. */
  faces: FaceInfo[];
  /** Every face the detector returned, including ignored partial/tiny ones. */
  allFaces: FaceInfo[];
  /** Clockwise rotation (degrees) that had to be applied to find an upright face; 0 normally. */
  rotation: number;
  /** The image faces were searched in (rotated when rotation ≠ 0). */
  image: RawImage;
}

const deg = (r: number) => (r * 180) / Math.PI;

function toFaceInfo(f: any, w: number, h: number): FaceInfo | null {
  const mesh: number[][] | undefined = f.mesh;
  if (!mesh || mesh.length < 468) return null;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, outside = 0;
  for (const p of mesh) {
    x0 = Math.min(x0, p[0]); y0 = Math.min(y0, p[1]);
    x1 = Math.max(x1, p[0]); y1 = Math.max(y1, p[1]);
    if (p[0] < 0 || p[1] < 0 || p[0] >= w || p[1] >= h) outside++;
  }
  const centre = (idx: number[]) => {
    const pts = idx.map((i) => mesh[i]);
    return { x: pts.reduce((s, p) => s + p[0], 0) / pts.length, y: pts.reduce((s, p) => s + p[1], 0) / pts.length };
  };
  const irisA = f.annotations?.leftEyeIris?.[0];
  const irisB = f.annotations?.rightEyeIris?.[0];
  let e1 = irisA ? { x: irisA[0], y: irisA[1] } : centre([362, 263]);
  let e2 = irisB ? { x: irisB[0], y: irisB[1] } : centre([33, 133]);
  // fall back to eye corners when the iris model drifts far from the eye
  const c1 = centre([362, 263]);
  const c2 = centre([33, 133]);
  const eyeDist = Math.hypot(c1.x - c2.x, c1.y - c2.y);
  if (Math.hypot(e1.x - c1.x, e1.y - c1.y) > eyeDist * 0.25) e1 = c1;
  if (Math.hypot(e2.x - c2.x, e2.y - c2.y) > eyeDist * 0.25) e2 = c2;
  const [leftEye, rightEye] = e1.x <= e2.x ? [e1, e2] : [e2, e1];
  const forehead = { x: mesh[10][0], y: mesh[10][1] };
  const chin = { x: mesh[152][0], y: mesh[152][1] };
  const angle = f.rotation?.angle ?? {};
  return {
    box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
    score: f.score ?? f.boxScore ?? 0,
    leftEye,
    rightEye,
    eyeCentre: { x: (leftEye.x + rightEye.x) / 2, y: (leftEye.y + rightEye.y) / 2 },
    faceHeight: Math.hypot(chin.x - forehead.x, chin.y - forehead.y),
    chin,
    forehead,
    yaw: deg(angle.yaw ?? 0),
    pitch: deg(angle.pitch ?? 0),
    roll: deg(Math.atan2(rightEye.y - leftEye.y, rightEye.x - leftEye.x)),
    outsideFraction: outside / mesh.length,
  };
}

async function runHuman(models: Models, img: RawImage): Promise<FaceInfo[]> {
  const { tf, human } = models;
  const t = tf.tensor3d(new Int32Array(img.data), [img.height, img.width, 3], 'int32');
  try {
    const res = await human.detect(t);
    return (res.face ?? []).map((f: any) => toFaceInfo(f, img.width, img.height)).filter((f: FaceInfo | null): f is FaceInfo => !!f);
  } finally {
    t.dispose();
  }
}

/**
 * Which detections are people: the largest confident face, plus every other face that is not much
 * smaller and not mostly outside the frame (a partial stranger at the edge does not count).
 */
export function peopleAmong(all: FaceInfo[]): FaceInfo[] {
  const confident = all.filter((f) => f.score >= 0.5 && f.faceHeight > 8);
  if (!confident.length) return [];
  confident.sort((a, b) => b.faceHeight - a.faceHeight);
  const main = confident[0];
  return [main, ...confident.slice(1).filter((f) => f.faceHeight >= main.faceHeight * 0.4 && f.outsideFraction < 0.25 && f.score >= 0.6)];
}

/**
 * Whether a detection is a human face and not an object the detector matched: the face-mesh model is
 * sure of it (real faces in the test photos score 0.98–1.0; a rocket's nose cone scored 0.81), the eyes
 * are apart by a face's proportion of its height, and they sit between forehead and chin.
 */
export function isPlausibleFace(f: FaceInfo, minScore: number): boolean {
  if (f.score < minScore) return false;
  const eyeDist = Math.hypot(f.rightEye.x - f.leftEye.x, f.rightEye.y - f.leftEye.y);
  const ratio = eyeDist / Math.max(1, f.faceHeight);
  if (ratio < 0.2 || ratio > 0.85) return false;
  const ax = f.chin.x - f.forehead.x, ay = f.chin.y - f.forehead.y;
  const along = ((f.eyeCentre.x - f.forehead.x) * ax + (f.eyeCentre.y - f.forehead.y) * ay) / Math.max(1, ax * ax + ay * ay);
  return along > 0.15 && along < 0.7;
}

/** Finds faces; when there is none upright, retries the photo turned 90°, 270° and 180°. */
export async function detectFaces(models: Models, img: RawImage, retryRotations = true): Promise<DetectResult> {
  const all = await runHuman(models, img);
  const faces = peopleAmong(all);
  if (faces.length || !retryRotations) return { faces, allFaces: all, rotation: 0, image: img };
  // try every other orientation and keep the most confident one (the detector also fires, less surely,
  // on faces upside down); ties prefer 270° (undoing a wrongly applied EXIF orientation 6)
  let best: DetectResult | null = null;
  let bestScore = 0;
  for (const rotation of [270, 90, 180]) {
    const r = await rotateRaw(img, rotation);
    const allR = await runHuman(models, r);
    const facesR = peopleAmong(allR).filter((f) => Math.abs(f.roll) < 45);
    const score = facesR.length ? Math.max(...facesR.map((f) => f.score)) : 0;
    if (score > bestScore + 0.02) {
      best = { faces: facesR, allFaces: allR, rotation, image: r };
      bestScore = score;
    }
  }
  if (best) return best;
  return { faces: [], allFaces: all, rotation: 0, image: img };
}

/** Scales a face found in a downscaled image back to source pixels. */
export function scaleFace(f: FaceInfo, s: number): FaceInfo {
  const p = (q: Point) => ({ x: q.x * s, y: q.y * s });
  return {
    ...f,
    box: { x: f.box.x * s, y: f.box.y * s, width: f.box.width * s, height: f.box.height * s },
    leftEye: p(f.leftEye),
    rightEye: p(f.rightEye),
    eyeCentre: p(f.eyeCentre),
    chin: p(f.chin),
    forehead: p(f.forehead),
    faceHeight: f.faceHeight * s,
  };
}

/** Face-region measurements used by the checks and the colour stage. */
export interface FaceStats {
  /** Mean luma of the central face region, 0..1 (sRGB). */
  luma: number;
  /** Share of face pixels that are clipped white. */
  clipped: number;
  /** Share of face pixels that are nearly black. */
  crushed: number;
  /** Sharpness of the face, normalised to a 128 px face: ~>20 sharp, <4 blurry. */
  sharpness: number;
}

/** Measures brightness and sharpness inside the face (the central part of the mesh box). */
export function faceStats(img: RawImage, f: FaceInfo): FaceStats {
  const { width: w, height: h } = img;
  const bx0 = clamp(Math.round(f.box.x + f.box.width * 0.2), 0, w - 1);
  const bx1 = clamp(Math.round(f.box.x + f.box.width * 0.8), bx0 + 1, w);
  const by0 = clamp(Math.round(f.box.y + f.box.height * 0.15), 0, h - 1);
  const by1 = clamp(Math.round(f.box.y + f.box.height * 0.85), by0 + 1, h);
  const cw = bx1 - bx0;
  const ch = by1 - by0;
  let sum = 0, clipped = 0, crushed = 0;
  const crop = new Float32Array(cw * ch);
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      const j = ((by0 + y) * w + bx0 + x) * 3;
      const l = (0.299 * img.data[j] + 0.587 * img.data[j + 1] + 0.114 * img.data[j + 2]) / 255;
      crop[y * cw + x] = l;
      sum += l;
      if (l > 0.97) clipped++;
      if (l < 0.04) crushed++;
    }
  }
  const n = cw * ch;
  // normalise scale: sample the crop onto a grid where the face is ~128 px tall
  const target = 128 / Math.max(1, f.faceHeight);
  const sw = Math.max(8, Math.round(cw * target));
  const sh = Math.max(8, Math.round(ch * target));
  const small = new Float32Array(sw * sh);
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < sw; x++) {
      // box-average downsample (or nearest upsample) of the crop
      const xa = Math.floor((x * cw) / sw), xb = Math.max(xa + 1, Math.floor(((x + 1) * cw) / sw));
      const ya = Math.floor((y * ch) / sh), yb = Math.max(ya + 1, Math.floor(((y + 1) * ch) / sh));
      let s = 0, k = 0;
      for (let yy = ya; yy < yb && yy < ch; yy++) for (let xx = xa; xx < xb && xx < cw; xx++) { s += crop[yy * cw + xx]; k++; }
      small[y * sw + x] = k ? s / k : 0;
    }
  }
  const mean = sum / n;
  // contrast-normalised: a dark face should not look "blurry" just because it is dark
  const norm = Math.max(0.15, mean);
  return { luma: mean, clipped: clipped / n, crushed: crushed / n, sharpness: laplacianEnergy(small, sw, sh) / (norm * norm) };
}

/** Sharpness of the whole image at ~512 px (used when no face is found, to tell BLURRY from NO_FACE). */
export function globalSharpness(img: RawImage): number {
  const l = lumaPlane(img.data, img.width * img.height);
  const s = 512 / Math.max(img.width, img.height);
  if (s >= 1) return laplacianEnergy(l, img.width, img.height);
  const sw = Math.round(img.width * s), sh = Math.round(img.height * s);
  const small = new Float32Array(sw * sh);
  for (let y = 0; y < sh; y++) for (let x = 0; x < sw; x++) small[y * sw + x] = l[Math.floor(y / s) * img.width + Math.floor(x / s)];
  return laplacianEnergy(small, sw, sh);
}

/**
 * Second, closer look: re-detects on a square crop around the face (edges repeated where the crop
 * leaves the photo) so the landmarks do not suffer from a face near the border or at low resolution.
 * Returns the face in `img` pixels; keeps the first estimate when the closer look finds nothing.
 */
export async function refineFace(
  models: Models,
  img: RawImage,
  face: FaceInfo,
  crop: (img: RawImage, rect: { x: number; y: number; w: number; h: number }, w: number, h: number) => Promise<Buffer>,
  size = 384,
): Promise<FaceInfo> {
  const cx = (face.forehead.x + face.chin.x) / 2;
  const cy = (face.forehead.y + face.chin.y) / 2;
  const side = face.faceHeight * 2.4;
  const rect = { x: cx - side / 2, y: cy - side / 2, w: side, h: side };
  const data = await crop(img, rect, size, size);
  const found = (await runHuman(models, { data, width: size, height: size })).filter((f) => f.score >= 0.5);
  if (!found.length) return face;
  const c = size / 2;
  found.sort((a, b) => Math.hypot(a.eyeCentre.x - c, a.eyeCentre.y - c) - Math.hypot(b.eyeCentre.x - c, b.eyeCentre.y - c));
  const f = found[0];
  const k = side / size;
  const p = (q: Point) => ({ x: rect.x + q.x * k, y: rect.y + q.y * k });
  const refined: FaceInfo = {
    ...f,
    box: { x: rect.x + f.box.x * k, y: rect.y + f.box.y * k, width: f.box.width * k, height: f.box.height * k },
    leftEye: p(f.leftEye),
    rightEye: p(f.rightEye),
    eyeCentre: p(f.eyeCentre),
    chin: p(f.chin),
    forehead: p(f.forehead),
    faceHeight: f.faceHeight * k,
    outsideFraction: face.outsideFraction,
  };
  // a refined face far from the first estimate is a different face: keep the first
  if (Math.hypot(refined.eyeCentre.x - face.eyeCentre.x, refined.eyeCentre.y - face.eyeCentre.y) > face.faceHeight * 0.5) return face;
  return refined;
}

/** Brightness of the photo around the face, to tell a dark photo and a backlit one from dark skin. */
export interface SceneLight {
  /** Luma of the brightest 2 % of the photo: low when the whole photo is underexposed. */
  p98: number;
  /** Median luma beside and above the head (a face-height-wide ring): high against a window. */
  surround: number;
}

export function sceneLight(img: RawImage, f: FaceInfo): SceneLight {
  const { width: w, height: h, data } = img;
  const hist = new Uint32Array(256), ring = new Uint32Array(256);
  let n = 0, rn = 0;
  const step = Math.max(1, Math.floor(Math.sqrt((w * h) / 200_000)));
  const fx0 = f.box.x - f.faceHeight * 0.15, fx1 = f.box.x + f.box.width + f.faceHeight * 0.15;
  const rx0 = fx0 - f.faceHeight * 0.8, rx1 = fx1 + f.faceHeight * 0.8;
  const ry0 = f.box.y - f.faceHeight * 0.6, ry1 = f.box.y + f.box.height;
  for (let y = 0; y < h; y += step) {
    for (let x = 0; x < w; x += step) {
      const j = (y * w + x) * 3;
      const l = Math.round(0.299 * data[j] + 0.587 * data[j + 1] + 0.114 * data[j + 2]);
      hist[l]++;
      n++;
      if (y >= ry0 && y < ry1 && x >= rx0 && x < rx1 && (x < fx0 || x >= fx1 || y < f.box.y - f.faceHeight * 0.25)) { ring[l]++; rn++; }
    }
  }
  const quantile = (hs: Uint32Array, total: number, q: number) => {
    let acc = 0;
    for (let k = 0; k < 256; k++) if ((acc += hs[k]) >= total * q) return k / 255;
    return 1;
  };
  return { p98: quantile(hist, n, 0.98), surround: rn ? quantile(ring, rn, 0.5) : 0 };
}
