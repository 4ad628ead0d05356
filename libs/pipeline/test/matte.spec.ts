import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { loadModels, type Models } from '../src/models';
import type { RawImage } from '../src/decode';
import * as path from 'node:path';
import { clearOutsidePhoto, fusePersonMasks, headSquare, headTraceZone, keepPersonComponent, segmentPerson, segmentSquare, type MatteResult } from '../src/stages/matte';
import { cropResize } from '../src/stages/crop';
import type { FrameGeometry } from '../src/stages/framing';
import { loadSalientSession, salientInput, SALIENT_SIZE } from '../src/segmentation/u2netp';
import { detectFaces } from '../src/detect';
import { read } from './testdata';

const W = 64;

/** A w×w plane: 1 inside the axis-aligned box [x0, x1) × [y0, y1), `bg` elsewhere. */
function box(x0: number, y0: number, x1: number, y1: number, bg = 0): Float32Array {
  const p = new Float32Array(W * W).fill(bg);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) p[y * W + x] = 1;
  return p;
}

const at = (p: Float32Array, x: number, y: number, w = W) => p[y * w + x];

describe('person mask fusion (selfie model + U²-Netp)', () => {
  // a 24-wide "person"; band widths as the matte uses them on its 256 grid, scaled to this 64 grid
  const fuse = (selfie: Float32Array, salient: Float32Array) => fusePersonMasks(selfie, salient, W, W, null, 2, 4);

  it('drops a strip the selfie model called person where U²-Netp is sure it is backdrop (the rope beside the cap)', () => {
    const selfie = box(20, 10, 46, 64); // person 20..43 plus a 2 px strip 44..45
    const salient = box(20, 10, 44, 64);
    const out = fuse(selfie, salient);
    expect(at(out, 45, 40)).toBeLessThan(0.05);
    expect(at(out, 30, 40)).toBe(1);
  });

  it('keeps the selfie outline where U²-Netp is unsure (a white shoulder on a bright sky), and the inside whatever it says', () => {
    const selfie = box(20, 10, 44, 64);
    const salient = box(20, 10, 44, 64, 0);
    for (let y = 40; y < 64; y++) for (let x = 20; x < 44; x++) salient[y * W + x] = 0.5; // see-through lace
    const out = fuse(selfie, salient);
    expect(at(out, 21, 50)).toBe(1); // outline, U²-Netp unsure
    expect(at(out, 32, 50)).toBe(1); // deep inside
  });

  it('adds what U²-Netp is sure of beside the person (an earring), but nothing far from it and no faint "maybe"', () => {
    const selfie = box(20, 10, 44, 64);
    const salient = box(20, 10, 44, 64);
    for (let y = 30; y < 40; y++) for (let x = 44; x < 47; x++) salient[y * W + x] = 1; // earring touching the neck
    for (let y = 20; y < 30; y++) for (let x = 2; x < 8; x++) salient[y * W + x] = 1; // flag far away
    for (let y = 50; y < 60; y++) for (let x = 44; x < 47; x++) salient[y * W + x] = 0.35; // faint stripe beside
    const out = fuse(selfie, salient);
    expect(at(out, 45, 35)).toBe(1);
    expect(at(out, 4, 25)).toBe(0);
    expect(at(out, 45, 55)).toBe(0);
  });
});

describe('what U²-Netp may add straight above the head', () => {
  it('needs a trace of person from the selfie model there (sky in a backlit curl), not beside the head (an earring)', () => {
    const selfie = box(20, 20, 44, 64);
    const salient = box(20, 20, 44, 64);
    for (let y = 14; y < 20; y++) for (let x = 26; x < 32; x++) salient[y * W + x] = 1; // bright sky on the crown
    for (let y = 30; y < 40; y++) for (let x = 44; x < 47; x++) salient[y * W + x] = 1; // earring beside the head
    const zone = { u0: 18, u1: 46, v1: 24 };
    const out = fusePersonMasks(selfie, salient, W, W, zone, 2, 4);
    expect(at(out, 28, 16)).toBe(0);
    expect(at(out, 45, 35)).toBe(1);
    expect(at(fusePersonMasks(selfie, salient, W, W, null, 2, 4), 28, 16)).toBe(1);
    // a trace of person (a strand the selfie model half saw) lets it add there too
    for (let y = 14; y < 20; y++) for (let x = 26; x < 32; x++) selfie[y * W + x] = 0.2;
    expect(at(fusePersonMasks(selfie, salient, W, W, zone, 2, 4), 28, 16)).toBe(1);
  });

  it('removes the tuft of sky above the backlit woman\'s crown and changes nothing outside the zone', async () => {
    const models = await loadModels();
    const { data, info } = await sharp(read('portraits/p15_maxre_woman_backlit.png')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const src = { data, width: info.width, height: info.height } as RawImage;
    const face = (await detectFaces(models, src)).faces[0];
    const square = headSquare(face);
    const zone = headTraceZone(face, square);
    const before = await segmentPerson(models, src, square);
    const after = await segmentPerson(models, src, square, zone);
    let removed = 0, outside = 0;
    for (let v = 0; v < 256; v++) for (let u = 0; u < 256; u++) {
      const i = v * 256 + u;
      const inZone = v < zone.v1 && u >= zone.u0 && u <= zone.u1;
      if (inZone && before[i] > 0.5 && after[i] < 0.1) removed++;
      if (!inZone) outside = Math.max(outside, Math.abs(before[i] - after[i]));
    }
    console.log(`[tuft] cells removed above the crown: ${removed}`);
    expect(removed).toBeGreaterThan(8); // 16 cells of the 256 grid (2.4 face heights wide) measured
    expect(outside).toBe(0);
  });
});

describe('person segmentation on a real portrait', () => {
  let models: Models;
  let src: RawImage;
  beforeAll(async () => {
    models = await loadModels();
    const { data, info } = await sharp(read('portraits/p16_maxre_face_paint.png')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    src = { data, width: info.width, height: info.height } as RawImage;
  });

  /** Mean of the 256² mask over a 5×5 box around (x, y). */
  const mean = (m: Float32Array, x: number, y: number) => {
    let s = 0;
    for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) s += m[(y + dy) * 256 + x + dx];
    return s / 25;
  };

  it('keeps the face paint portrait\'s earring solid and the door beside the neck out, where the selfie model alone says "half"', async () => {
    // the top 860² of the 860×1198 photo: face, ears and the two orange earrings hanging beside the neck
    const square = { x: 0, y: 0, w: src.width, h: src.width };
    const selfie = await segmentSquare(models, src, square);
    const person = await segmentPerson(models, src, square);
    // her right earring (left in the photo), in front of the dark-brown door
    expect(mean(selfie, 68, 224)).toBeLessThan(0.7);
    expect(mean(person, 68, 224)).toBeGreaterThan(0.95);
    // the door between that earring and her neck
    expect(mean(selfie, 86, 228)).toBeGreaterThan(0.5);
    expect(mean(person, 86, 228)).toBeLessThan(0.15);
    // and the face stays person
    expect(mean(person, 128, 128)).toBeGreaterThan(0.99);
  });
});

describe('the matte\'s speed-ups keep its answer', () => {
  it('a U²-Netp session on two intra-op threads (a lone pipeline\'s) answers the same mask bits as one on one thread (the pool\'s)', async () => {
    const { data, info } = await sharp(read('portraits/p16_maxre_face_paint.png')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const crop = await cropResize({ data, width: info.width, height: info.height } as RawImage, { x: 0, y: 0, w: info.width, h: info.width }, SALIENT_SIZE, SALIENT_SIZE, 'cubic');
    const model = path.resolve(__dirname, '../models/u2netp.onnx');
    const [one, two] = await Promise.all([loadSalientSession(model, 1), loadSalientSession(model, 2)]);
    try {
      const a = await one.run(salientInput(crop));
      const b = await two.run(salientInput(crop));
      expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
      // a real mask, not two empty ones: the face is salient, the top corner is not
      expect(a[160 * SALIENT_SIZE + 160]).toBeGreaterThan(0.9);
      expect(a[5 * SALIENT_SIZE + 5]).toBeLessThan(0.1);
    } finally {
      await Promise.all([one.release(), two.release()]);
    }
  }, 30_000);

  it('clears exactly the canvas pixels whose centres lie outside the photo, and nothing inside', () => {
    const W = 50, H = 40;
    // the photo (30×20 px at 1.5 canvas px each) covers canvas x 6..51 and y -9..21: the canvas sticks out of it on the left and at the bottom
    const frame = { scale: 1.5, rect: { x: -4, y: 6, w: W / 1.5, h: H / 1.5 }, canvasWidth: W, canvasHeight: H } as FrameGeometry;
    const alpha = new Float32Array(W * H).fill(0.7);
    const matte: MatteResult = { alpha, low: { w: 10, h: 8, alpha: new Float32Array(80) }, uncertain: 0, coverage: 0 };
    clearOutsidePhoto(matte, frame, 30, 20);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const inside = x + 0.5 >= 6 && x + 0.5 <= 51 && y + 0.5 >= -9 && y + 0.5 <= 21;
        expect(alpha[y * W + x], `${x},${y}`).toBe(inside ? Math.fround(0.7) : 0);
      }
    }
    expect(matte.low.inside).toBeDefined();
  });

  it('keeps the blob connected to the face and drops one beside it, however the fill walks', () => {
    const w = 40, h = 30;
    const coarse = new Float32Array(w * h);
    // an L-shaped person (head and shoulders) and a separate flag to its right
    for (let y = 2; y < 28; y++) for (let x = 5; x < 12; x++) coarse[y * w + x] = 0.9;
    for (let y = 20; y < 28; y++) for (let x = 5; x < 25; x++) coarse[y * w + x] = 0.8;
    for (let y = 2; y < 12; y++) for (let x = 30; x < 38; x++) coarse[y * w + x] = 0.95;
    const kept = keepPersonComponent(coarse, w, h, 8, 6);
    expect(kept[6 * w + 8]).toBeCloseTo(0.9, 5);
    expect(kept[24 * w + 22]).toBeCloseTo(0.8, 5);
    expect(kept[6 * w + 34]).toBe(0);
  });
});
