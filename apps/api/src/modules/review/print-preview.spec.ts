import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { previewFileName, printPreview } from './print-preview';

describe('printPreview', () => {
  it('turns a CMYK TIFF into an sRGB JPEG browsers show, through the embedded profile', async () => {
    const tiff = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 128, g: 128, b: 128 } } }).withIccProfile('cmyk').tiff().toBuffer();
    expect((await sharp(tiff).metadata()).space).toBe('cmyk');
    const preview = await printPreview(tiff);
    const m = await sharp(preview).metadata();
    expect([m.format, m.space, m.channels, m.width, m.height]).toEqual(['jpeg', 'srgb', 3, 64, 48]);
    const { data } = await sharp(preview).raw().toBuffer({ resolveWithObject: true });
    // The profile's grey, not the CMYK numbers read as RGB (those would be near-black or near-white).
    for (const v of data.subarray(0, 3)) expect(Math.abs(v - 128)).toBeLessThan(20);
  });

  it('names the preview after the print file', () => {
    expect(previewFileName('headshot-1a2b3c4d-print.tif')).toBe('headshot-1a2b3c4d-print-preview.jpg');
  });
});
