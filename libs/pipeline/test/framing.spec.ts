import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { STYLE_PRESETS, StyleSchema } from '@teamframe/shared-types';
import { createPipeline, type Pipeline } from '../src/index';
import { chooseFrame, framingSearchSquare, type PersonExtent } from '../src/stages/framing';
import type { FaceInfo } from '../src/detect';
import { read, TIGHT_FRAMING_OUTCOMES } from './testdata';

/** A face 100 px tall with its eyes at (500, 400) and chin at (500, 460). */
const face = {
  eyeCentre: { x: 500, y: 400 },
  chin: { x: 500, y: 460 },
  faceHeight: 100,
} as FaceInfo;
// square canvas, eye line 0.42, face 0.36 ± 0.04, eye line ± 0.03, centre ± 0.05
const style = StyleSchema.parse({ canvas: { aspect: '1:1', width: 1000 }, framing: { eyeLine: 0.42, faceHeight: 0.36 } });
const free: PersonExtent = { touchesTop: false, bodyBottom: 5000, left: null, right: null };

describe('constrained framing (geometry)', () => {
  it('hits the targets when the person touches no edge the canvas crosses', () => {
    const d = chooseFrame(face, style, 1000, free);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    // canvas height = 100 / 0.36 = 277.8 px of photo; its top = 400 − 0.42 × 277.8
    expect(d.frame.rect.h).toBeCloseTo(277.78, 1);
    expect(d.frame.rect.y).toBeCloseTo(283.33, 1);
    expect(d.frame.limitedBy).toEqual([]);
  });

  it('moves inside the tolerance when the body meets the bottom of the photo just above the target canvas', () => {
    // the target canvas ends at 283.3 + 277.8 = 561.1; the photo ends at 545
    const d = chooseFrame(face, style, 1000, { ...free, bodyBottom: 545 });
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.frame.rect.y + d.frame.rect.h).toBeLessThanOrEqual(545.5);
    expect(d.frame.limitedBy).toEqual(['bottom']);
    expect(d.frame.placed.faceHeight).toBeGreaterThan(0.36);
    expect(d.frame.placed.faceHeight).toBeLessThanOrEqual(0.4 + 1e-9);
    expect(Math.abs(d.frame.placed.eyeLine - 0.42)).toBeLessThanOrEqual(0.03 + 1e-9);
  });

  it('refuses BODY_CUT_OFF when no framing inside the tolerance reaches the body', () => {
    // even face 0.40 with eye line 0.45 needs (1 − 0.45) × 250 = 137.5 px below the eyes: 537.5
    const d = chooseFrame(face, style, 1000, { ...free, bodyBottom: 520 });
    expect(d).toEqual({ ok: false, codes: ['BODY_CUT_OFF'], limitedBy: ['bottom'] });
  });

  it('refuses HEAD_CUT_OFF when the hair meets the top and the headroom is not in the photo', () => {
    // shift the face up: eyes 60 px below the photo's top, the target needs 0.42 × 277.8 = 116.7 px
    const high = { ...face, eyeCentre: { x: 500, y: 60 }, chin: { x: 500, y: 120 } } as FaceInfo;
    expect(chooseFrame(high, style, 1000, { ...free, touchesTop: true })).toEqual({ ok: false, codes: ['HEAD_CUT_OFF'], limitedBy: ['top'] });
    // the same photo with space above the hair (nothing touches the top) is fine: only background is invented
    expect(chooseFrame(high, style, 1000, free).ok).toBe(true);
  });

  it('refuses SHOULDERS_CUT_OFF when a shoulder meets a side the canvas would cross', () => {
    // canvas 277.8 wide centred on x = 500 spans 361–639; the photo is 600 wide and a shoulder meets its right side
    const d = chooseFrame(face, style, 600, { ...free, right: [480, 560] });
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.codes).toEqual(['SHOULDERS_CUT_OFF']);
    // a shoulder on that side, but only below the canvas, does not matter
    expect(chooseFrame(face, style, 600, { ...free, right: [700, 800] }).ok).toBe(true);
  });

  it('with no tolerance the style is exact: any crossing refuses', () => {
    const strict = StyleSchema.parse({ ...style, framing: { eyeLine: 0.42, faceHeight: 0.36, tolerance: { faceHeight: 0, eyeLine: 0, centre: 0 } } });
    expect(chooseFrame(face, strict, 1000, { ...free, bodyBottom: 555 }).ok).toBe(false);
  });
});

describe('the square the framing mask is read on', () => {
  it('covers the part of every allowed canvas inside the photo, and no more than the photo', () => {
    // a 600×700 photo; the canvases the tolerance allows (face down to 0.32 → 312.5 px, eye line ± 0.03,
    // centre ± 0.05) span x 328.1–671.9 and y 259.4–590.6
    const sq = framingSearchSquare(face, style, 600, 700);
    expect(sq.w).toBe(sq.h);
    expect(sq.x).toBeLessThanOrEqual(328.125);
    expect(sq.y).toBeLessThanOrEqual(259.375);
    expect(sq.y + sq.h).toBeGreaterThanOrEqual(590.625);
    expect(sq.x + sq.w).toBeGreaterThanOrEqual(600);
    // cut to the photo, the widest span is the height: 1.04 × 331.25 (uncut, the width would give 357.5)
    expect(sq.w).toBeCloseTo(344.5, 1);
    // a wider tolerance asks for more of the photo but never for padding beyond it
    const loose = StyleSchema.parse({ ...style, framing: { eyeLine: 0.42, faceHeight: 0.36, tolerance: { faceHeight: 0.15, eyeLine: 0.1, centre: 0.15 } } });
    const big = framingSearchSquare(face, loose, 600, 700);
    expect(big.w).toBeLessThanOrEqual(700 * 1.04 + 1e-9);
  });
});

describe('no floating busts, no invented body (real photos)', () => {
  let pipeline: Pipeline;
  beforeAll(async () => {
    pipeline = await createPipeline();
  });
  afterAll(() => undefined);

  /** Share of the bottom band's central 40 % that differs from the solid background (ΔRGB > 24). */
  async function bottomPersonShare(jpeg: Buffer, bg: string): Promise<number> {
    const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    const c = [1, 3, 5].map((i) => parseInt(bg.slice(i, i + 2), 16));
    let n = 0, person = 0;
    for (let y = info.height - Math.round(info.height * 0.03); y < info.height; y++) {
      for (let x = Math.round(info.width * 0.3); x < Math.round(info.width * 0.7); x++) {
        const j = (y * info.width + x) * info.channels;
        n++;
        if (Math.abs(data[j] - c[0]) + Math.abs(data[j + 1] - c[1]) + Math.abs(data[j + 2] - c[2]) > 24) person++;
      }
    }
    return person / n;
  }

  const grey = STYLE_PRESETS['corporate-grey'];
  const bg = grey.background.type === 'solid' ? grey.background.colour : '#000000';
  for (const file of ['portraits/obama-official.jpg', 'portraits/p09_max_luciano.png', 'portraits/p16_maxre_face_paint.png', 'portraits/biden-official.jpg']) {
    it(`${file}: the bust reaches the bottom edge of the print`, async () => {
      const res = await pipeline.process(read(file), grey);
      expect(res.ok).toBe(true);
      const print = res.renditions.find((r) => r.name === 'print')!;
      expect(await bottomPersonShare(print.bytes, bg)).toBeGreaterThan(0.9);
    });
  }

  it('a photo that ends at the chest is framed tighter, within the tolerance, and the bust still reaches the bottom', async () => {
    const src = read('portraits/obama-official.jpg');
    const pre = await pipeline.precheck(src, grey);
    const m = await sharp(src).metadata();
    // the target canvas reaches (1 − 0.42) / 0.36 = 1.61 face heights below the eyes; the photo now ends at 1.5
    const eyeY = (pre.face!.leftEye.y + pre.face!.rightEye.y) / 2;
    const cut = await sharp(src).extract({ left: 0, top: 0, width: m.width!, height: Math.round(eyeY + pre.face!.faceHeight * 1.5) }).jpeg().toBuffer();
    const res = await pipeline.process(cut, grey);
    expect(res.ok).toBe(true);
    const print = res.renditions.find((r) => r.name === 'print')!;
    expect(await bottomPersonShare(print.bytes, bg)).toBeGreaterThan(0.9);
    expect(res.report.framing!.limitedBy).toContain('bottom');
    expect(res.report.faceHeightRatio!).toBeGreaterThan(grey.framing.faceHeight);
  });

  it('a photo cut just below the chin is refused at upload with BODY_CUT_OFF, and processing agrees', async () => {
    const src = read('portraits/obama-official.jpg');
    const pre = await pipeline.precheck(src, grey);
    expect(pre.ok).toBe(true);
    const m = await sharp(src).metadata();
    // cut the photo a little below the chin: the same person, without shoulders
    const chinY = pre.face!.box.y + pre.face!.box.height;
    const cut = await sharp(src).extract({ left: 0, top: 0, width: m.width!, height: Math.round(chinY + pre.face!.faceHeight * 0.3) }).jpeg().toBuffer();
    const refused = await pipeline.precheck(cut, grey);
    expect(refused.checks.map((c) => c.code)).toContain('BODY_CUT_OFF');
    expect(refused.checks.find((c) => c.code === 'BODY_CUT_OFF')!.tip).toMatch(/further away/);
    const res = await pipeline.process(cut, grey);
    expect(res.ok).toBe(false);
    expect(res.renditions).toEqual([]);
  });

  it('a photo cut through the hair is refused with HEAD_CUT_OFF', async () => {
    const src = read('portraits/obama-official.jpg');
    const pre = await pipeline.precheck(src, grey);
    const m = await sharp(src).metadata();
    const top = Math.round(pre.face!.box.y + pre.face!.faceHeight * 0.05);
    const cut = await sharp(src).extract({ left: 0, top, width: m.width!, height: m.height! - top }).jpeg().toBuffer();
    const refused = await pipeline.precheck(cut, grey);
    expect(refused.checks.map((c) => c.code)).toContain('HEAD_CUT_OFF');
  });

  describe('the Tight headshot preset frames the close-ups head-and-shoulders refuses', () => {
    const tight = STYLE_PRESETS['tight-headshot'];
    for (const [file, expected] of Object.entries(TIGHT_FRAMING_OUTCOMES)) {
      it(`${file} → ${expected}`, async () => {
        const pre = await pipeline.precheck(read(file), tight);
        if (expected !== 'ok') {
          expect(pre.checks.map((c) => c.code)).toContain(expected);
          return;
        }
        expect(pre.checks.map((c) => c.code)).toEqual([]);
        // the default framing refuses the same photo: only the closer crop fits it
        expect((await pipeline.precheck(read(file), grey)).ok).toBe(false);
        const res = await pipeline.process(read(file), tight);
        expect(res.ok).toBe(true);
        const print = res.renditions.find((r) => r.name === 'print')!;
        expect(await bottomPersonShare(print.bytes, bg)).toBeGreaterThan(0.9);
        const tol = tight.framing.tolerance;
        expect(Math.abs(res.report.faceHeightRatio! - tight.framing.faceHeight)).toBeLessThanOrEqual(tol.faceHeight + 0.005);
        expect(Math.abs(res.report.eyeLine! - tight.framing.eyeLine)).toBeLessThanOrEqual(tol.eyeLine + 0.005);
      });
    }
  });
});
