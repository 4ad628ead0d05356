import sharp from 'sharp';
import { DEFAULT_LIMITS, sniffFormat } from './decode';

export type BrandImage = { ok: true; bytes: Buffer; width: number; height: number; mime: string; extension: string } | { ok: false; reason: string };

/**
 * A company logo or brand background as Teamframe stores it: checked by content (JPEG, PNG or WebP;
 * never SVG), pixel count checked from the header before decoding, upright, sRGB, shrunk to
 * `maxSide`, re-encoded so no metadata survives. Logos keep transparency (PNG); backgrounds are JPEG.
 */
export async function normalizeBrandImage(bytes: Buffer, kind: 'logo' | 'background'): Promise<BrandImage> {
  const format = sniffFormat(bytes);
  if (format !== 'jpeg' && format !== 'png' && format !== 'webp') return { ok: false, reason: 'Use a JPEG, PNG or WebP image (SVG is not accepted).' };
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return { ok: false, reason: 'The image could not be read; it may be damaged.' };
  }
  if (!meta.width || !meta.height || meta.width * meta.height > DEFAULT_LIMITS.maxPixels) return { ok: false, reason: 'The image is too large; use one under 50 megapixels.' };
  const maxSide = kind === 'logo' ? 512 : 3000;
  try {
    const img = sharp(bytes, { limitInputPixels: DEFAULT_LIMITS.maxPixels }).rotate().toColourspace('srgb').resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true });
    const { data, info } = kind === 'logo' ? await img.png().toBuffer({ resolveWithObject: true }) : await img.flatten({ background: '#ffffff' }).jpeg({ quality: 90 }).toBuffer({ resolveWithObject: true });
    return { ok: true, bytes: data, width: info.width, height: info.height, mime: kind === 'logo' ? 'image/png' : 'image/jpeg', extension: kind === 'logo' ? 'png' : 'jpg' };
  } catch {
    return { ok: false, reason: 'The image could not be read; it may be damaged.' };
  }
}
