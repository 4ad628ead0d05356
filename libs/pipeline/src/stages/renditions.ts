import * as path from 'node:path';
import sharp from 'sharp';
import { renditionSize, type ColourSpace, type Rendition, type Style } from '@teamframe/shared-types';
import { PipelineError } from '../errors';
import { clamp } from '../imageops';
import { setJpegDpi, setPngDpi, tiffResolution } from '../dpi';
import { profileCrop, renderProfile, type CanvasFace } from '../profile';
import type { Composite } from './composite';
import { isTransparent } from './transparency';

export interface RenderedRendition {
  name: string;
  format: Rendition['format'];
  width: number;
  height: number;
  dpi: number;
  /** Whether the DPI could be written (JPEG JFIF / PNG pHYs / TIFF resolution; WebP/AVIF have no place without EXIF). */
  dpiWritten: boolean;
  /** `cmyk`: separated into the embedded Coated FOGRA39 profile, for professional printing. */
  colourSpace: ColourSpace;
  transparent: boolean;
  bytes: Buffer;
  /**
   * The size the style asked for, when the photo had too few pixels for it: the rendition was made at
   * the largest size that enlarges the photo at most `MAX_ENLARGEMENT`× instead of a soft full size.
   */
  requested?: { width: number; height: number };
  /** Rendition px per source px (> 1: the photo was enlarged). */
  enlargement: number;
  /** Profile pictures only: where the face landed, as fractions of the picture's side. */
  profile?: { faceCentre: { x: number; y: number }; faceHeight: number };
  fileExtension: string;
  mime: string;
}

const EXT: Record<Rendition['format'], [string, string]> = {
  jpeg: ['jpg', 'image/jpeg'],
  png: ['png', 'image/png'],
  webp: ['webp', 'image/webp'],
  avif: ['avif', 'image/avif'],
  tiff: ['tif', 'image/tiff'],
};

/** The CMYK output profile (ISO 12647-2 coated offset); see libs/pipeline/profiles/README.md. */
export const CMYK_PROFILE_PATH = path.join(__dirname, '..', '..', 'profiles', 'coated-fogra39.icc');

/** More enlargement than this shows as softness in a print; a rendition that would need more is made smaller. */
export const MAX_ENLARGEMENT = 1.5;

/** The asked size, or the largest size of the same shape that enlarges the photo at most MAX_ENLARGEMENT×. */
function honestSize(asked: { width: number; height: number }, sourcePxPerOutPx: number): { size: { width: number; height: number }; enlargement: number; requested?: { width: number; height: number } } {
  const enlargement = 1 / sourcePxPerOutPx;
  if (enlargement <= MAX_ENLARGEMENT) return { size: asked, enlargement };
  const k = MAX_ENLARGEMENT / enlargement;
  return { size: { width: Math.max(32, Math.round(asked.width * k)), height: Math.max(32, Math.round(asked.height * k)) }, enlargement: MAX_ENLARGEMENT, requested: asked };
}

/**
 * Encodes every rendition from the one composite; a rendition of another aspect is cropped around the
 * eye line where the canvas placed it, a profile picture is a square around the face (see profile.ts).
 * `sourceScale`: canvas px per px of the uploaded photo (its full resolution), to size every rendition
 * honestly.
 */
export async function renderRenditions(comp: Composite, W: number, H: number, face: CanvasFace & { eyeY: number }, style: Style, eyeLine: number, sourceScale: number): Promise<RenderedRendition[]> {
  // a fresh pipeline per rendition over the same buffer, not `clone()`: sharp's clone deep-copies its
  // options, the 12 MB input buffer among them (≈ 18 ms and 12 MB of garbage per rendition at 2000²); the
  // encodes still run side by side on libuv's threads
  const opaque = () => sharp(comp.rgb, { raw: { width: W, height: H, channels: 3 } });
  const cutoutOf = () => {
    const rgba = comp.rgba;
    if (!rgba) throw new Error('the composite has no cut-out for a transparent rendition');
    return { pipe: () => sharp(rgba, { raw: { width: W, height: H, channels: 4 } }), raw: rgba };
  };
  return Promise.all(style.renditions.map(async (r): Promise<RenderedRendition> => {
    const asked = renditionSize(style, r);
    const transparent = isTransparent(r);
    if (r.profile) {
      const crop = profileCrop(face, W, H, r.profile);
      const { size, enlargement, requested } = honestSize(asked, crop.side / sourceScale / asked.width);
      const rgba = await renderProfile(transparent ? cutoutOf().raw : comp.rgb, transparent ? 4 : 3, W, H, crop, size.width, r.profile);
      const hasAlpha = transparent || r.profile.shape === 'circle';
      // A square, opaque picture carries no alpha channel: JPEG has none and PNG/WebP would only grow.
      let p = sharp(rgba, { raw: { width: size.width, height: size.height, channels: 4 } });
      if (!hasAlpha) p = p.removeAlpha();
      const { bytes, dpiWritten } = await encode(p, r);
      const c = { x: (face.centre.x - crop.left) / crop.side, y: (face.centre.y - crop.top) / crop.side };
      return { name: r.name, format: r.format, width: size.width, height: size.height, dpi: r.dpi, dpiWritten, colourSpace: r.colourSpace, transparent: hasAlpha, bytes, fileExtension: EXT[r.format][0], mime: EXT[r.format][1], enlargement, requested, profile: { faceCentre: c, faceHeight: face.height / crop.side } };
    }
    const ratio = asked.width / asked.height;
    let crop = { left: 0, top: 0, width: W, height: H };
    if (Math.abs(ratio - W / H) > 0.01) {
      if (ratio > W / H) {
        const ch = Math.round(W / ratio);
        crop = { left: 0, top: clamp(Math.round(face.eyeY - eyeLine * ch), 0, H - ch), width: W, height: ch };
      } else {
        const cw = Math.round(H * ratio);
        crop = { left: Math.round((W - cw) / 2), top: 0, width: cw, height: H };
      }
    }
    const { size, enlargement, requested } = honestSize(asked, crop.height / sourceScale / asked.height);
    const p = (transparent ? cutoutOf().pipe : opaque)()
      .extract(crop)
      .resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' });
    const { bytes, dpiWritten } = await encode(p, r);
    return { name: r.name, format: r.format, width: size.width, height: size.height, dpi: r.dpi, dpiWritten, colourSpace: r.colourSpace, transparent, bytes, fileExtension: EXT[r.format][0], mime: EXT[r.format][1], enlargement, requested };
  }));
}

/**
 * Encodes in the rendition's format with its colour profile and, where the format has a place for it, the DPI.
 *
 * CMYK: sharp separates the sRGB pixels into the Coated FOGRA39 profile with the **perceptual** intent (the
 * one libvips' icc_transform is given for an output profile) and embeds that profile. Perceptual is the right
 * intent for photographs here: the profile's perceptual table was built against the sRGB gamut, so saturated
 * brand backgrounds and deep shadows (hair, dark suits) that the press cannot reach are compressed smoothly
 * instead of clipped into flat patches, and sRGB black lands on the press's black (what black point
 * compensation would do for relative colorimetric). In-gamut colours barely move: a mid-grey and a light skin tone
 * round-trip within 1 ΔE00 (test/print.spec.ts).
 */
export async function encode(pipe: sharp.Sharp, r: Rendition): Promise<{ bytes: Buffer; dpiWritten: boolean }> {
  const cmyk = r.colourSpace === 'cmyk';
  let p = cmyk ? pipe.withIccProfile(CMYK_PROFILE_PATH) : pipe.withIccProfile('srgb');
  if (r.format === 'jpeg') p = p.jpeg({ quality: r.quality, chromaSubsampling: r.quality >= 90 ? '4:4:4' : '4:2:0', mozjpeg: false });
  else if (r.format === 'png') p = p.png({ compressionLevel: 6 });
  else if (r.format === 'webp') p = p.webp({ quality: r.quality, alphaQuality: 90 });
  else if (r.format === 'tiff') p = p.tiff({ compression: 'lzw', predictor: 'horizontal', ...tiffResolution(r.dpi) });
  else p = p.avif({ quality: r.quality, effort: 2 });
  const bytes = await p.toBuffer();
  if (cmyk && (await sharp(bytes).metadata()).space !== 'cmyk') throw new PipelineError('INTERNAL', `The ${r.name} rendition did not come out in CMYK (is ${CMYK_PROFILE_PATH} missing?).`);
  // libjpeg writes no JFIF header for CMYK: setJpegDpi inserts one, the place print software reads the DPI from.
  if (r.format === 'jpeg') return { bytes: setJpegDpi(bytes, r.dpi), dpiWritten: true };
  if (r.format === 'png') return { bytes: setPngDpi(bytes, r.dpi), dpiWritten: true };
  return { bytes, dpiWritten: r.format === 'tiff' };
}
