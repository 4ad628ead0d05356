import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { normalizeBrandImage } from '../src/brand-image';
import { TESTDATA } from './testdata';

describe('normalizeBrandImage', () => {
  it('keeps a logo’s transparency, shrinks it and drops metadata', async () => {
    const logo = await sharp({ create: { width: 1200, height: 600, channels: 4, background: { r: 0, g: 90, b: 180, alpha: 0.5 } } }).png().withMetadata({ exif: { IFD0: { Artist: 'x' } } }).toBuffer();
    const r = await normalizeBrandImage(logo, 'logo');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const meta = await sharp(r.bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.hasAlpha, meta.exif]).toEqual(['png', 512, 256, true, undefined]);
  });

  it('refuses SVG, text behind an image name and pixel bombs', async () => {
    for (const f of ['hard/script.svg', 'hard/not-an-image.jpg', 'hard/pixel-bomb-20000.png']) {
      const r = await normalizeBrandImage(readFileSync(path.join(TESTDATA, f)), 'background');
      expect(r.ok, f).toBe(false);
    }
  });
});
