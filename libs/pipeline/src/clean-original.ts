import sharp from 'sharp';
import { decodeImage, DEFAULT_LIMITS, type DecodeLimits, rotateRaw } from './decode';

export type CleanOriginal =
  | { ok: true; bytes: Buffer; width: number; height: number; format: string }
  | { ok: false; code: string; detail: string };

/**
 * The photo as it should be stored: decoded under the limits, upright (EXIF orientation applied,
 * plus `extraRotation` when the precheck found the face only after turning the photo), sRGB, and
 * re-encoded as a high-quality JPEG, so no metadata block (EXIF, GPS, XMP, comments) survives.
 */
export async function cleanOriginal(bytes: Buffer, extraRotation = 0, limits: DecodeLimits = DEFAULT_LIMITS): Promise<CleanOriginal> {
  const decoded = await decodeImage(bytes, limits);
  if (!decoded.ok) return { ok: false, code: decoded.code, detail: decoded.detail };
  const image = extraRotation ? await rotateRaw(decoded.image, extraRotation) : decoded.image;
  const jpeg = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .jpeg({ quality: 92, chromaSubsampling: '4:4:4', mozjpeg: true })
    .toBuffer();
  return { ok: true, bytes: jpeg, width: image.width, height: image.height, format: decoded.format };
}
