import sharp from 'sharp';
import type { RawImage } from '../decode';
import { clamp } from '../imageops';
import type { FrameGeometry, Rect } from './framing';

/** The frame stage: the canvas the style asks for, cut from the upright source where the framing put it (a new image). */
export async function frameCanvas(source: RawImage, frame: FrameGeometry): Promise<RawImage> {
  return { data: await cropResize(source, frame.rect, frame.canvasWidth, frame.canvasHeight), width: frame.canvasWidth, height: frame.canvasHeight };
}

/** Extracts `rect` (source px, may exceed the image) resized to outW×outH; outside parts repeat the edge pixels. */
export async function cropResize(img: RawImage, rect: Rect, outW: number, outH: number, kernel: keyof sharp.KernelEnum = 'lanczos3'): Promise<Buffer> {
  const sx = outW / rect.w;
  const sy = outH / rect.h;
  const ix0 = clamp(Math.round(rect.x), 0, img.width - 1);
  const iy0 = clamp(Math.round(rect.y), 0, img.height - 1);
  const ix1 = clamp(Math.round(rect.x + rect.w), ix0 + 1, img.width);
  const iy1 = clamp(Math.round(rect.y + rect.h), iy0 + 1, img.height);
  let left = clamp(Math.round((ix0 - rect.x) * sx), 0, outW - 1);
  let top = clamp(Math.round((iy0 - rect.y) * sy), 0, outH - 1);
  const innerW = clamp(Math.round((ix1 - ix0) * sx), 1, outW - left);
  const innerH = clamp(Math.round((iy1 - iy0) * sy), 1, outH - top);
  const right = outW - left - innerW;
  const bottom = outH - top - innerH;
  let pipe = sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .extract({ left: ix0, top: iy0, width: ix1 - ix0, height: iy1 - iy0 })
    .resize(innerW, innerH, { fit: 'fill', kernel });
  if (left || top || right || bottom) {
    const inner = await pipe.raw().toBuffer();
    pipe = sharp(inner, { raw: { width: innerW, height: innerH, channels: 3 } }).extend({ left, top, right, bottom, extendWith: 'copy' });
  }
  left = top = 0;
  return pipe.raw().toBuffer();
}

/** Low-resolution working size for the matte and background maths. */
export function lowSize(W: number, H: number, long = 512): { w: number; h: number } {
  const s = long / Math.max(W, H);
  return s >= 1 ? { w: W, h: H } : { w: Math.round(W * s), h: Math.round(H * s) };
}
