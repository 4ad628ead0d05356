import sharp from 'sharp';
import type { CheckCode } from '@teamframe/shared-types';

/** Explicit decode limits. */
export interface DecodeLimits {
  /** Largest accepted file, in bytes (default 40 MB). */
  maxInputBytes: number;
  /** Largest accepted image, in pixels, checked from the header before decoding (default 50 MP). */
  maxPixels: number;
  /** Smallest accepted long side, in px (default 256). */
  minLongSide: number;
  /** Smallest accepted short side, in px (default 160). */
  minShortSide: number;
}

export const DEFAULT_LIMITS: DecodeLimits = { maxInputBytes: 40 * 1024 * 1024, maxPixels: 50_000_000, minLongSide: 256, minShortSide: 160 };

export type SourceFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' | 'heic' | 'avif';

/** An upright, metadata-free, 3-channel sRGB image. */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
}

export type DecodeOutcome =
  | { ok: true; image: RawImage; format: SourceFormat; sourceWidth: number; sourceHeight: number; orientation: number; hadAlpha: boolean; colourSpace: string }
  | { ok: false; code: CheckCode; format?: string; width?: number; height?: number; detail: string };

/** Identifies the container from its magic bytes (the file name is never trusted). SVG and text are refused. */
export function sniffFormat(b: Buffer): SourceFormat | null {
  if (b.length < 12) return null;
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a) return 'png';
  if (b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (b.toString('latin1', 0, 4) === 'GIF8') return 'gif';
  if ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 0x2a)) return 'tiff';
  if (b.toString('latin1', 4, 8) === 'ftyp') {
    const brands = b.toString('latin1', 8, Math.min(b.length, 8 + b.readUInt32BE(0)));
    if (/avif|avis/.test(brands)) return 'avif';
    if (/heic|heix|hevc|hevx|heim|heis|mif1|msf1/.test(brands)) return 'heic';
  }
  return null;
}

/** Largest `ispe` (image spatial extent) box in a HEIF file: its pixel size without decoding. */
export function heifDimensions(b: Buffer): { width: number; height: number } | null {
  let best: { width: number; height: number } | null = null;
  let i = b.indexOf('ispe', 0, 'latin1');
  while (i >= 4 && i + 16 <= b.length) {
    const width = b.readUInt32BE(i + 8);
    const height = b.readUInt32BE(i + 12);
    if (!best || width * height > best.width * best.height) best = { width, height };
    i = b.indexOf('ispe', i + 4, 'latin1');
  }
  return best;
}

function fail(code: CheckCode, detail: string, extra: { format?: string; width?: number; height?: number } = {}): DecodeOutcome {
  return { ok: false, code, detail, ...extra };
}

/** What the header says, checked against the limits before any pixel is decoded. */
export type HeaderOutcome =
  | { ok: true; format: SourceFormat; width: number; height: number; orientation: number; hadAlpha: boolean; colourSpace: string; useHeicDecode: boolean; uprightWidth: number; uprightHeight: number }
  | Extract<DecodeOutcome, { ok: false }>;

/** Reads and checks a photo's header (size, format, orientation) without decoding its pixels. */
export async function readHeader(bytes: Buffer, limits: DecodeLimits = DEFAULT_LIMITS): Promise<HeaderOutcome> {
  const f = (code: CheckCode, detail: string, extra: { format?: string; width?: number; height?: number } = {}) => fail(code, detail, extra) as Extract<DecodeOutcome, { ok: false }>;
  if (!Buffer.isBuffer(bytes) || bytes.length === 0) return f('CORRUPT_IMAGE', 'empty input');
  if (bytes.length > limits.maxInputBytes) return f('FILE_TOO_LARGE', `${bytes.length} bytes > ${limits.maxInputBytes}`);
  const format = sniffFormat(bytes);
  if (!format) return f('UNSUPPORTED_FORMAT', 'not a JPEG, PNG, WebP, GIF, TIFF, HEIC or AVIF file');
  let width = 0;
  let height = 0;
  let orientation = 1;
  let hadAlpha = false;
  let colourSpace = 'srgb';
  let useHeicDecode = false;
  if (format === 'heic') {
    const d = heifDimensions(bytes);
    if (!d) return f('CORRUPT_IMAGE', 'HEIF file without an image size', { format });
    width = d.width;
    height = d.height;
    useHeicDecode = true;
  } else {
    try {
      const m = await sharp(bytes, { limitInputPixels: false }).metadata();
      width = m.width ?? 0;
      height = m.height ?? 0;
      orientation = m.orientation ?? 1;
      hadAlpha = !!m.hasAlpha;
      colourSpace = m.space ?? 'srgb';
    } catch (e) {
      if (format === 'avif') useHeicDecode = true;
      else return f('CORRUPT_IMAGE', `header unreadable: ${(e as Error).message}`, { format });
    }
  }
  if (width * height > limits.maxPixels) return f('TOO_MANY_PIXELS', `${width}x${height} > ${limits.maxPixels} px`, { format, width, height });
  const rotated = orientation >= 5;
  const uw = rotated ? height : width;
  const uh = rotated ? width : height;
  if (width && height && (Math.max(uw, uh) < limits.minLongSide || Math.min(uw, uh) < limits.minShortSide)) {
    return f('IMAGE_TOO_SMALL', `${uw}x${uh}`, { format, width: uw, height: uh });
  }
  return { ok: true, format, width, height, orientation, hadAlpha, colourSpace, useHeicDecode, uprightWidth: uw, uprightHeight: uh };
}

/** Maps a decoder's error message to the check the employee sees. */
export function decodeFailure(e: unknown, extra: { format?: string; width?: number; height?: number }): Extract<DecodeOutcome, { ok: false }> {
  const msg = (e as Error).message ?? String(e);
  if (/pixel limit/i.test(msg)) return fail('TOO_MANY_PIXELS', msg, extra) as Extract<DecodeOutcome, { ok: false }>;
  if (/unsupported image format|compression format has not been built/i.test(msg)) return fail('UNSUPPORTED_FORMAT', msg, extra) as Extract<DecodeOutcome, { ok: false }>;
  return fail('CORRUPT_IMAGE', msg, extra) as Extract<DecodeOutcome, { ok: false }>;
}

/**
 * Decodes a photo into upright 8-bit sRGB with every metadata block dropped.
 * `maxLongSide` makes sharp shrink on load (the precheck uses it); the limits are checked from the
 * header before any pixel is decoded.
 */
export async function decodeImage(bytes: Buffer, limits: DecodeLimits = DEFAULT_LIMITS, maxLongSide?: number): Promise<DecodeOutcome> {
  const header = await readHeader(bytes, limits);
  if (!header.ok) return header;
  const { format, width, height, orientation, colourSpace, useHeicDecode, uprightWidth: uw, uprightHeight: uh } = header;
  let hadAlpha = header.hadAlpha;

  // 2. pixels
  try {
    let pipe: sharp.Sharp;
    if (useHeicDecode) {
      const heicDecode = await loadHeicDecode();
      if (!heicDecode) return fail('UNSUPPORTED_FORMAT', 'HEIC decoder not installed', { format, width, height });
      let decoded: { width: number; height: number; data: Uint8ClampedArray };
      try {
        decoded = await heicDecode({ buffer: bytes });
      } catch (e) {
        return fail('CORRUPT_IMAGE', `HEIC decode failed: ${(e as Error).message ?? e}`, { format, width, height });
      }
      hadAlpha = true;
      pipe = sharp(Buffer.from(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength), {
        raw: { width: decoded.width, height: decoded.height, channels: 4 },
        limitInputPixels: limits.maxPixels,
      });
    } else {
      pipe = sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'truncated', pages: 1 }).rotate();
    }
    if (maxLongSide) pipe = pipe.resize(maxLongSide, maxLongSide, { fit: 'inside', withoutEnlargement: true });
    if (hadAlpha) pipe = pipe.flatten({ background: '#ffffff' });
    const { data, info } = await pipe.toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected channel count ${info.channels}`);
    return {
      ok: true,
      image: { data, width: info.width, height: info.height },
      format,
      sourceWidth: uw,
      sourceHeight: uh,
      orientation,
      hadAlpha,
      colourSpace,
    };
  } catch (e) {
    return decodeFailure(e, { format, width, height });
  }
}

type HeicDecode = (o: { buffer: Buffer }) => Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
let heic: HeicDecode | null | undefined;
async function loadHeicDecode(): Promise<HeicDecode | null> {
  if (heic === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      heic = require('heic-decode') as HeicDecode;
    } catch {
      heic = null;
    }
  }
  return heic;
}

/** Rotates a raw RGB image by a multiple of 90 degrees (clockwise). */
export async function rotateRaw(img: RawImage, degrees: number): Promise<RawImage> {
  if (!degrees) return img;
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .rotate(degrees)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Downscales a raw RGB image so its long side is at most `max`. */
export async function downscaleRaw(img: RawImage, max: number): Promise<{ image: RawImage; scale: number }> {
  const long = Math.max(img.width, img.height);
  if (long <= max) return { image: img, scale: 1 };
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .resize(max, max, { fit: 'inside' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { image: { data, width: info.width, height: info.height }, scale: info.width / img.width };
}
