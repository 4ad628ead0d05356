import sharp from 'sharp';
import type { ProfilePicture } from '@teamframe/shared-types';

/** Where the face sits on the canvas, in canvas px. */
export interface CanvasFace {
  /** Midpoint of forehead top and chin: the face's centre both ways. */
  centre: { x: number; y: number };
  /** Forehead to chin. */
  height: number;
}

/** A square in canvas px. */
export interface SquareCrop {
  left: number;
  top: number;
  side: number;
}

/**
 * The square around the face that makes the face `profile.faceHeight` of the picture, centred on the
 * face. When that square would leave the canvas it shrinks around the same centre (the face gets a
 * little larger) rather than move, so the face stays centred; nothing exists outside the canvas.
 */
export function profileCrop(face: CanvasFace, W: number, H: number, profile: Pick<ProfilePicture, 'faceHeight'>): SquareCrop {
  const wanted = face.height / profile.faceHeight;
  const room = 2 * Math.min(face.centre.x, W - face.centre.x, face.centre.y, H - face.centre.y);
  const side = Math.max(1, Math.floor(Math.min(wanted, room, W, H)));
  const left = Math.min(Math.max(0, Math.round(face.centre.x - side / 2)), W - side);
  const top = Math.min(Math.max(0, Math.round(face.centre.y - side / 2)), H - side);
  return { left, top, side };
}

/** Ring thickness in px on a picture of `size` px; at least one px so a thin ring stays visible. */
export function ringPx(profile: Pick<ProfilePicture, 'ring'>, size: number): number {
  return profile.ring ? Math.max(1, Math.round(profile.ring.width * size)) : 0;
}

/**
 * Round mask (and ring) for a `size`-px picture. librsvg anti-aliases the circle's edge, so the
 * outside is alpha 0 and the border pixel is partly covered rather than a staircase.
 */
function circleSvgs(size: number, profile: ProfilePicture): { mask: Buffer; ring: Buffer | null } {
  const c = size / 2;
  const mask = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><circle cx="${c}" cy="${c}" r="${c}" fill="#fff"/></svg>`);
  const t = ringPx(profile, size);
  // The stroke is centred on its radius; at r = c - t/2 it fills exactly the band [c - t, c] inside the edge.
  const ring = profile.ring
    ? Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><circle cx="${c}" cy="${c}" r="${c - t / 2}" fill="none" stroke="${profile.ring.colour}" stroke-width="${t}"/></svg>`)
    : null;
  return { mask, ring };
}

/**
 * The profile picture as raw straight RGBA (`size`×`size`×4), from the composite: `source` is the
 * canvas (RGB, or RGBA for a transparent cut-out). Square pictures keep their pixels as they are;
 * round ones get alpha 0 outside the circle and the ring just inside its edge.
 */
export async function renderProfile(source: Buffer, channels: 3 | 4, W: number, H: number, crop: SquareCrop, size: number, profile: ProfilePicture): Promise<Buffer> {
  const square = await sharp(source, { raw: { width: W, height: H, channels } })
    .extract({ left: crop.left, top: crop.top, width: crop.side, height: crop.side })
    .resize(size, size, { fit: 'fill', kernel: 'lanczos3' })
    .ensureAlpha()
    .raw()
    .toBuffer();
  if (profile.shape === 'square') return square;
  const { mask, ring } = circleSvgs(size, profile);
  const layers: sharp.OverlayOptions[] = [];
  if (ring) layers.push({ input: ring, blend: 'over' });
  layers.push({ input: mask, blend: 'dest-in' });
  return sharp(square, { raw: { width: size, height: size, channels: 4 } }).composite(layers).raw().toBuffer();
}
