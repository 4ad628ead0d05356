import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { parseStyle, RenditionSchema, type Rendition } from '@teamframe/shared-types';
import { createPipeline, type Pipeline } from '../src/index';
import { encode } from '../src/stages/renditions';
import { read } from './testdata';

/*
 * CMYK print renditions. Every expected value here is computed by the test itself: sRGB → CIELAB by the
 * IEC 61966-2-1 and CIE formulas, ΔE00 by Sharma, Wu & Dalal (2005), checked against that paper's own pairs.
 */

const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
function srgbToLab([r, g, b]: number[]): [number, number, number] {
  const [R, G, B] = [lin(r), lin(g), lin(b)];
  const X = 0.4124564 * R + 0.3575761 * G + 0.1804375 * B;
  const Y = 0.2126729 * R + 0.7151522 * G + 0.072175 * B;
  const Z = 0.0193339 * R + 0.119192 * G + 0.9503041 * B;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const [fx, fy, fz] = [f(X / 0.95047), f(Y), f(Z / 1.08883)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

function deltaE00([L1, a1, b1]: number[], [L2, a2, b2]: number[]): number {
  const rad = Math.PI / 180;
  const Cbar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cbar ** 7 / (Cbar ** 7 + 25 ** 7)));
  const [a1p, a2p] = [(1 + G) * a1, (1 + G) * a2];
  const [C1, C2] = [Math.hypot(a1p, b1), Math.hypot(a2p, b2)];
  const hue = (b: number, a: number) => (a === 0 && b === 0 ? 0 : (Math.atan2(b, a) / rad + 360) % 360);
  const [h1, h2] = [hue(b1, a1p), hue(b2, a2p)];
  let dh = 0;
  if (C1 * C2 !== 0) dh = h2 - h1 > 180 ? h2 - h1 - 360 : h2 - h1 < -180 ? h2 - h1 + 360 : h2 - h1;
  const dL = L2 - L1;
  const dC = C2 - C1;
  const dH = 2 * Math.sqrt(C1 * C2) * Math.sin((dh * rad) / 2);
  const Lb = (L1 + L2) / 2;
  const Cb = (C1 + C2) / 2;
  let hb = h1 + h2;
  if (C1 * C2 !== 0) hb = Math.abs(h1 - h2) <= 180 ? (h1 + h2) / 2 : h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
  const T = 1 - 0.17 * Math.cos((hb - 30) * rad) + 0.24 * Math.cos(2 * hb * rad) + 0.32 * Math.cos((3 * hb + 6) * rad) - 0.2 * Math.cos((4 * hb - 63) * rad);
  const RC = 2 * Math.sqrt(Cb ** 7 / (Cb ** 7 + 25 ** 7));
  const RT = -Math.sin(2 * 30 * Math.exp(-(((hb - 275) / 25) ** 2)) * rad) * RC;
  const SL = 1 + (0.015 * (Lb - 50) ** 2) / Math.sqrt(20 + (Lb - 50) ** 2);
  const SC = 1 + 0.045 * Cb;
  const SH = 1 + 0.015 * Cb * T;
  return Math.sqrt((dL / SL) ** 2 + (dC / SC) ** 2 + (dH / SH) ** 2 + RT * (dC / SC) * (dH / SH));
}

/** The text of an ICC v2 `desc` tag or v4 `mluc` tag, read from the profile bytes. */
function iccDescription(icc: Buffer): string {
  const count = icc.readUInt32BE(128);
  for (let i = 0; i < count; i++) {
    const at = 132 + i * 12;
    if (icc.toString('latin1', at, at + 4) !== 'desc') continue;
    const off = icc.readUInt32BE(at + 4);
    const type = icc.toString('latin1', off, off + 4);
    if (type === 'desc') return icc.toString('latin1', off + 12, off + 12 + icc.readUInt32BE(off + 8) - 1);
    if (type === 'mluc') return Buffer.from(icc.subarray(off + icc.readUInt32BE(off + 24), off + icc.readUInt32BE(off + 24) + icc.readUInt32BE(off + 20))).swap16().toString('utf16le');
  }
  return '';
}

/** The JFIF APP0 density of a JPEG, read from the bytes: units (1 = dots per inch) and x/y. */
function jfifDensity(jpeg: Buffer): { units: number; x: number; y: number } | null {
  let off = 2;
  while (off + 4 < jpeg.length && jpeg[off] === 0xff) {
    const marker = jpeg[off + 1];
    const len = jpeg.readUInt16BE(off + 2);
    if (marker === 0xe0 && jpeg.toString('latin1', off + 4, off + 9) === 'JFIF\0') return { units: jpeg[off + 11], x: jpeg.readUInt16BE(off + 12), y: jpeg.readUInt16BE(off + 14) };
    if (marker === 0xda) break;
    off += 2 + len;
  }
  return null;
}

const GREY = [128, 128, 128];
const SKIN = [224, 172, 145];
const DARK_SKIN = [141, 85, 36];
const PATCHES = [GREY, SKIN, DARK_SKIN];
const PATCH = 24;

/** Patches of flat colour side by side, as sRGB pixels. */
function patches(): sharp.Sharp {
  const raw = Buffer.alloc(PATCH * PATCHES.length * PATCH * 3);
  for (let y = 0; y < PATCH; y++) for (let x = 0; x < PATCH * PATCHES.length; x++) raw.set(PATCHES[Math.floor(x / PATCH)], (y * PATCH * PATCHES.length + x) * 3);
  return sharp(raw, { raw: { width: PATCH * PATCHES.length, height: PATCH, channels: 3 } });
}

const rendition = (over: Partial<Rendition>): Rendition => RenditionSchema.parse({ name: 'print', size: 2000, dpi: 300, colourSpace: 'cmyk', ...over });

describe('ΔE00 as this test computes it', () => {
  it('matches the published CIEDE2000 test pairs', () => {
    expect(deltaE00([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE00([50, -1, 2], [50, 0, 0])).toBeCloseTo(2.3669, 4);
    expect(deltaE00([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387])).toBeCloseTo(1.2644, 4);
    expect(deltaE00([2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514])).toBeCloseTo(0.9082, 4);
  });
});

describe('CMYK print renditions', () => {
  for (const format of ['tiff', 'jpeg'] as const) {
    describe(format, () => {
      let bytes: Buffer;
      beforeAll(async () => {
        ({ bytes } = await encode(patches(), rendition({ format, quality: 95 })));
      });

      it('is CMYK with the Coated FOGRA39 profile embedded', async () => {
        const m = await sharp(bytes).metadata();
        expect(m.format).toBe(format);
        expect(m.space).toBe('cmyk');
        expect(m.channels).toBe(4);
        expect(m.icc).toBeDefined();
        expect(m.icc!.toString('latin1', 16, 20)).toBe('CMYK'); // the profile's data colour space
        expect(m.icc!.toString('latin1', 12, 16)).toBe('prtr'); // an output (printer) profile
        expect(iccDescription(m.icc!)).toMatch(/FOGRA39/);
      });

      it('says 300 DPI where print software reads it', async () => {
        const m = await sharp(bytes).metadata();
        expect(m.density).toBe(300);
        if (format === 'tiff') expect(m.resolutionUnit).toBe('inch');
        else expect(jfifDensity(bytes)).toEqual({ units: 1, x: 300, y: 300 });
      });

      it('converts the colours: mid-grey and skin tones come back to sRGB within 2 ΔE00', async () => {
        // sharp reads the CMYK back through the embedded profile into sRGB.
        const back = await sharp(bytes).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
        expect(back.info.channels).toBe(3);
        PATCHES.forEach((want, i) => {
          const at = ((PATCH / 2) * back.info.width + i * PATCH + PATCH / 2) * 3;
          const got = [...back.data.subarray(at, at + 3)];
          expect(deltaE00(srgbToLab(want), srgbToLab(got)), `${want} came back as ${got}`).toBeLessThan(2);
        });
      });

      it('separates grey with black ink, not equal C, M and Y', async () => {
        // The file's own CMYK values, unconverted: a press grey carries black (K) and little cyan.
        const cmyk = await sharp(bytes).pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer();
        const [c, , , k] = cmyk.subarray(((PATCH / 2) * PATCH * PATCHES.length + PATCH / 2) * 4);
        expect(k).toBeGreaterThan(100);
        expect(c).toBeLessThan(k);
      });
    });
  }

  it('keeps sRGB renditions sRGB, and writes a TIFF in sRGB when asked', async () => {
    const { bytes, dpiWritten } = await encode(patches(), rendition({ format: 'tiff', colourSpace: 'srgb' }));
    const m = await sharp(bytes).metadata();
    expect([m.format, m.space, m.channels, m.density, dpiWritten]).toEqual(['tiff', 'srgb', 3, 300, true]);
  });
});

describe('the style says which renditions may be CMYK', () => {
  const issues = (r: object) => {
    const res = parseStyle({ renditions: [{ name: 'print', size: 2000, ...r }] });
    return res.success ? [] : res.issues.map((i) => `${i.path}: ${i.message}`);
  };
  it('takes CMYK JPEG and TIFF', () => {
    expect(issues({ format: 'jpeg', colourSpace: 'cmyk' })).toEqual([]);
    expect(issues({ format: 'tiff', colourSpace: 'cmyk' })).toEqual([]);
  });
  it('refuses CMYK in web formats and with transparency', () => {
    expect(issues({ format: 'png', colourSpace: 'cmyk' })).toContain('renditions.0.colourSpace: CMYK needs format jpeg or tiff, not png');
    expect(issues({ format: 'webp', colourSpace: 'cmyk', transparent: true })).toContain('renditions.0.colourSpace: a CMYK print file cannot be transparent');
    expect(issues({ format: 'tiff', transparent: true })).toContain('renditions.0.transparent: a transparent background needs format png or webp, not tiff');
  });
  it('defaults to sRGB', () => {
    const res = parseStyle({ renditions: [{ name: 'web', size: 800 }] });
    expect(res.success && res.style.renditions[0].colourSpace).toBe('srgb');
  });
});

describe('a real photo through the pipeline with a CMYK TIFF and a CMYK JPEG', () => {
  let pipeline: Pipeline;
  beforeAll(async () => {
    pipeline = await createPipeline();
  });

  it('delivers print files that say what they are', async () => {
    const parsed = parseStyle({
      renditions: [
        { name: 'web', size: 400, format: 'jpeg' },
        { name: 'print-tiff', size: 1200, format: 'tiff', colourSpace: 'cmyk', dpi: 300 },
        { name: 'print-jpeg', size: 1200, format: 'jpeg', quality: 92, colourSpace: 'cmyk', dpi: 300 },
      ],
    });
    if (!parsed.success) throw new Error(parsed.message);
    const res = await pipeline.process(read('portraits/obama-official.jpg'), parsed.style);
    expect(res.ok).toBe(true);
    const byName = Object.fromEntries(res.renditions.map((r) => [r.name, r]));
    expect(byName['web']).toMatchObject({ colourSpace: 'srgb', mime: 'image/jpeg' });
    expect(byName['print-tiff']).toMatchObject({ colourSpace: 'cmyk', format: 'tiff', fileExtension: 'tif', mime: 'image/tiff', dpi: 300, dpiWritten: true });
    expect(byName['print-jpeg']).toMatchObject({ colourSpace: 'cmyk', format: 'jpeg', fileExtension: 'jpg', dpiWritten: true });
    for (const name of ['print-tiff', 'print-jpeg']) {
      const m = await sharp(byName[name].bytes).metadata();
      expect([m.space, m.channels, m.density, m.width], name).toEqual(['cmyk', 4, 300, byName[name].width]);
      expect(iccDescription(m.icc!)).toMatch(/FOGRA39/);
    }
    expect((await sharp(byName['web'].bytes).metadata()).space).toBe('srgb');
  });
});
