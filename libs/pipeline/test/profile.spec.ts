import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { parseStyle, type Style, type StyleInput } from '@teamframe/shared-types';
import { createPipeline, type Pipeline, type Rendition } from '../src/index';
import { profileCrop } from '../src/profile';
import { read } from './testdata';

const RING = '#d62828';
const SIZE = 400; // small enough that no test photo is enlarged more than 1.5× (larger is made smaller: see checks.spec)
const RING_WIDTH = 0.04; // 24 px at 600

function style(input: StyleInput): Style {
  const r = parseStyle(input);
  if (!r.success) throw new Error(r.message);
  return r.style;
}

// A solid background far from the ring colour, so a ring pixel cannot pass by accident.
const profileStyle = style({
  canvas: { aspect: '4:5', width: 1600 },
  // a loose canvas, so the profile square (face 0.4 of its side) fits inside it around the face
  framing: { eyeLine: 0.42, faceHeight: 0.3 },
  background: { type: 'solid', colour: '#20a040' },
  renditions: [
    { name: 'web', size: 800 },
    { name: 'round', width: SIZE, height: SIZE, format: 'png', profile: { shape: 'circle', ring: { colour: RING, width: RING_WIDTH } } },
    { name: 'square', size: 300, format: 'jpeg', profile: { shape: 'square' } },
    { name: 'cutout', width: 400, format: 'png', transparent: true, profile: { shape: 'circle' } },
  ],
});

const PHOTOS = ['portraits/obama-official.jpg', 'portraits/biden-official.jpg', 'portraits/p09_max_luciano.png'];

async function rgba(bytes: Buffer) {
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, w: info.width, h: info.height };
}

/** Every pixel with its distance from the picture's centre. */
function* pixels(img: { data: Buffer; w: number; h: number }) {
  const c = img.w / 2;
  for (let y = 0; y < img.h; y++) {
    for (let x = 0; x < img.w; x++) {
      const i = (y * img.w + x) * 4;
      yield { d: Math.hypot(x + 0.5 - c, y + 0.5 - c), r: img.data[i], g: img.data[i + 1], b: img.data[i + 2], a: img.data[i + 3] };
    }
  }
}

describe('profileCrop', () => {
  it('centres the square on the face and sizes it by the face height', () => {
    expect(profileCrop({ centre: { x: 1000, y: 900 }, height: 600 }, 2000, 2000, { faceHeight: 0.4 })).toEqual({ left: 250, top: 150, side: 1500 });
  });

  it('shrinks around the same centre instead of leaving the canvas', () => {
    const c = profileCrop({ centre: { x: 500, y: 300 }, height: 600 }, 2000, 2000, { faceHeight: 0.4 });
    expect(c).toEqual({ left: 200, top: 0, side: 600 });
    expect(c.left + c.side / 2).toBe(500);
    expect(c.top + c.side / 2).toBe(300);
  });
});

describe('profile picture renditions on real photos', () => {
  let pipeline: Pipeline;
  const results: { file: string; renditions: Rendition[] }[] = [];

  beforeAll(async () => {
    pipeline = await createPipeline();
    for (const file of PHOTOS) {
      const res = await pipeline.process(read(file), profileStyle);
      expect(res.ok, file).toBe(true);
      results.push({ file, renditions: res.renditions });
    }
  }, 300_000);

  const get = (file: string, name: string) => results.find((r) => r.file === file)!.renditions.find((r) => r.name === name)!;

  it('is a width×height PNG with an alpha channel and the DPI', async () => {
    for (const file of PHOTOS) {
      const r = get(file, 'round');
      const m = await sharp(r.bytes).metadata();
      expect([m.format, m.width, m.height, m.channels, m.hasAlpha, m.density], file).toEqual(['png', SIZE, SIZE, 4, true, 72]);
      expect(m.space, file).toBe('srgb');
      expect([r.mime, r.fileExtension], file).toEqual(['image/png', 'png']);
    }
  });

  it('is transparent outside the circle, opaque inside, with an anti-aliased edge', async () => {
    for (const file of PHOTOS) {
      const img = await rgba(get(file, 'round').bytes);
      const R = SIZE / 2;
      let outside = 0, inside = 0, partial = 0;
      const wrong: string[] = [];
      for (const p of pixels(img)) {
        if (p.d > R + 1) { outside++; if (p.a !== 0) wrong.push(`outside d=${p.d.toFixed(1)} alpha ${p.a}`); }
        else if (p.d < R - 1.5) { inside++; if (p.a !== 255) wrong.push(`inside d=${p.d.toFixed(1)} alpha ${p.a}`); }
        else if (p.a > 0 && p.a < 255) partial++;
      }
      expect(wrong.slice(0, 5), file).toEqual([]);
      // The corners are (1 - π/4) of the square; the border ring of partly covered pixels is about 2πR long.
      expect(outside / (SIZE * SIZE)).toBeGreaterThan(0.2);
      expect(inside / (SIZE * SIZE)).toBeGreaterThan(0.77);
      expect(partial, file).toBeGreaterThan(Math.PI * R);
    }
  });

  it('draws the ring in its colour just inside the edge, and the photo within it', async () => {
    const [rr, rg, rb] = [0xd6, 0x28, 0x28];
    const t = RING_WIDTH * SIZE;
    const R = SIZE / 2;
    for (const file of PHOTOS) {
      const img = await rgba(get(file, 'round').bytes);
      let ring = 0, justInside = 0, notRing = 0;
      const wrong: string[] = [];
      for (const p of pixels(img)) {
        if (p.d > R - t + 1.5 && p.d < R - 1.5) {
          ring++;
          if (p.r !== rr || p.g !== rg || p.b !== rb || p.a !== 255) wrong.push(`ring d=${p.d.toFixed(1)} rgba ${p.r},${p.g},${p.b},${p.a}`);
        } else if (p.d > R - t - 8 && p.d < R - t - 2) {
          justInside++;
          if (Math.abs(p.r - rr) + Math.abs(p.g - rg) + Math.abs(p.b - rb) > 60) notRing++;
        }
      }
      expect(wrong.slice(0, 5), file).toEqual([]);
      expect(ring, file).toBeGreaterThan(2 * Math.PI * (R - t) * (t - 3) * 0.95);
      // Inside the ring is the picture (green background, person), not more ring.
      expect(notRing / justInside, file).toBeGreaterThan(0.95);
    }
  });

  it('centres the face (re-detected on the output) and sizes it as the style says', async () => {
    for (const file of PHOTOS) {
      const r = get(file, 'round');
      const pre = await pipeline.precheck(r.bytes);
      expect(pre.face, file).toBeDefined();
      const f = pre.face!;
      const cx = (f.box.x + f.box.width / 2) / SIZE;
      const cy = (f.box.y + f.box.height / 2) / SIZE;
      expect(Math.abs(cx - 0.5), `${file} face centre x ${cx.toFixed(3)}`).toBeLessThan(0.04);
      expect(Math.abs(cy - 0.5), `${file} face centre y ${cy.toFixed(3)}`).toBeLessThan(0.05);
      expect(Math.abs(f.faceHeight / SIZE / 0.4 - 1), `${file} face height ${(f.faceHeight / SIZE).toFixed(3)}`).toBeLessThan(0.12);
      // The pipeline's own account agrees with the re-detection.
      expect(r.profile!.faceCentre.x).toBeCloseTo(0.5, 2);
      expect(r.profile!.faceCentre.y).toBeCloseTo(0.5, 2);
    }
  });

  it('makes a square profile picture an opaque JPEG of the size, background in the corners', async () => {
    for (const file of PHOTOS) {
      const r = get(file, 'square');
      const m = await sharp(r.bytes).metadata();
      expect([m.format, m.width, m.height, m.hasAlpha], file).toEqual(['jpeg', 300, 300, false]);
      expect(r.transparent).toBe(false);
      const { data } = await sharp(r.bytes).raw().toBuffer({ resolveWithObject: true });
      // Top-left corner is the solid #20a040 background (JPEG: within a few levels).
      expect(Math.abs(data[0] - 0x20) + Math.abs(data[1] - 0xa0) + Math.abs(data[2] - 0x40), file).toBeLessThan(24);
    }
  });

  it('keeps a transparent cut-out transparent inside the circle too', async () => {
    for (const file of PHOTOS) {
      const img = await rgba(get(file, 'cutout').bytes);
      expect([img.w, img.h]).toEqual([400, 400]);
      const at = (x: number, y: number) => img.data[(y * img.w + x) * 4 + 3];
      expect(at(0, 0), file).toBe(0);
      // Inside the circle, beside the head near the top: background, so cut out.
      expect(at(Math.round(400 * 0.2), Math.round(400 * 0.12)), file).toBe(0);
      expect(at(200, 200), file).toBe(255); // the face
    }
  });
});
