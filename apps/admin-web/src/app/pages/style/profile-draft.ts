import type { ProfilePicture, ProfileShape, Rendition, Style } from '@teamframe/shared-types';

// Pure helpers for the profile-picture rows of the style editor. The rules mirror the style schema
// (libs/shared-types style/schema.ts): a profile picture is square, a round one needs PNG or WebP, a
// ring needs the round shape. The editor keeps a draft inside those rules rather than fail on save.

export const PROFILE_LIMITS = {
  /** Ring thickness, fraction of the picture's side. */
  ringWidth: { min: 0.005, max: 0.15, default: 0.03 },
  /** Face height, fraction of the picture's side. */
  faceHeight: { min: 0.2, max: 0.6, default: 0.4 },
} as const;

const FALLBACK_RING = '#1f3b5c';

/** The side of a square picture, from whichever size field the row has. */
export function profileSide(r: Pick<Rendition, 'width' | 'height' | 'size'>): number {
  return r.width ?? r.height ?? r.size ?? 600;
}

/** A transparent-corner shape needs a format with alpha; keep PNG/WebP, otherwise PNG. */
function alphaFormat(format: Rendition['format']): Rendition['format'] {
  return format === 'png' || format === 'webp' ? format : 'png';
}

/** A ready-made round 600 px PNG profile picture, ringed in the first brand colour when there is one. */
export function newProfileRendition(existing: readonly Pick<Rendition, 'name'>[], brandColours: readonly string[]): Rendition {
  const taken = new Set(existing.map((r) => r.name));
  let name = 'profile';
  for (let n = 2; taken.has(name); n++) name = `profile-${n}`;
  return {
    name,
    width: 600,
    height: 600,
    format: 'png',
    colourSpace: 'srgb',
    quality: 90,
    dpi: 72,
    transparent: false,
    profile: { shape: 'circle', ring: brandColours.length ? { colour: brandColours[0], width: PROFILE_LIMITS.ringWidth.default } : null, faceHeight: PROFILE_LIMITS.faceHeight.default },
  };
}

/** Turns a row into a (round) profile picture or back into a crop of the canvas. */
export function withProfile(r: Rendition, on: boolean): Rendition {
  const { profile: _old, width, height, size, ...rest } = r;
  if (!on) return { ...rest, width, height, size };
  const side = profileSide({ width, height, size });
  return { ...rest, width: side, height: side, format: alphaFormat(r.format), profile: { shape: 'circle', ring: null, faceHeight: PROFILE_LIMITS.faceHeight.default } };
}

/** Square or round; round switches a JPEG/AVIF row to PNG, square drops the ring (it only exists on a circle). */
export function withShape(r: Rendition, shape: ProfileShape): Rendition {
  if (!r.profile) return r;
  if (shape === 'circle') return { ...r, format: alphaFormat(r.format), profile: { ...r.profile, shape } };
  return { ...r, profile: { ...r.profile, shape, ring: null } };
}

/** Ring on (in `colour`, or the colour it had) or off. */
export function withRing(r: Rendition, on: boolean, colour: string | null): Rendition {
  if (!r.profile) return r;
  const ring: ProfilePicture['ring'] = on ? { colour: colour ?? r.profile.ring?.colour ?? FALLBACK_RING, width: r.profile.ring?.width ?? PROFILE_LIMITS.ringWidth.default } : null;
  return { ...r, format: on ? alphaFormat(r.format) : r.format, profile: { ...r.profile, shape: on ? 'circle' : r.profile.shape, ring } };
}

/** A new format for a profile row: one without alpha makes a round picture square (no ring), as the schema demands. */
export function withProfileFormat(r: Rendition, format: Rendition['format']): Rendition {
  // CMYK exists only in JPEG and TIFF: another format makes the rendition sRGB again.
  const next = { ...r, format, transparent: format === 'png' || format === 'webp' ? r.transparent : false, colourSpace: format === 'jpeg' || format === 'tiff' ? r.colourSpace : 'srgb' };
  return r.profile && r.profile.shape === 'circle' && format !== 'png' && format !== 'webp' ? withShape(next, 'square') : next;
}

/** Both sides of the square at once. */
export function withSide(r: Rendition, side: number): Rendition {
  const { size: _size, ...rest } = r;
  return { ...rest, width: side, height: side };
}

/**
 * How to lay one canvas preview image inside a `box`-px square so it shows what the pipeline crops:
 * the square centred on the face whose side makes the face `profile.faceHeight` of it. The face sits
 * where the style's framing puts it on the canvas (centred across, eye line + a little down).
 */
export function profilePreviewBox(style: Pick<Style, 'canvas' | 'framing'>, profile: ProfilePicture, box: number): { width: number; height: number; left: number; top: number; ring: number } {
  const [aw, ah] = style.canvas.aspect.split(':').map(Number);
  const ratio = aw / ah;
  // In units of the canvas height. The pipeline places the forehead 45% of the face above the eye line,
  // so the face's centre is 5% of the face height below it.
  const fh = style.framing.faceHeight;
  const cx = ratio / 2;
  const cy = style.framing.eyeLine + 0.05 * fh;
  const room = 2 * Math.min(cx, ratio - cx, cy, 1 - cy);
  const side = Math.min(fh / profile.faceHeight, room, ratio, 1);
  const scale = box / side;
  return {
    width: Math.round(ratio * scale),
    height: Math.round(scale),
    left: Math.round(-(cx - side / 2) * scale),
    top: Math.round(-(cy - side / 2) * scale),
    ring: profile.ring ? Math.max(1, Math.round(profile.ring.width * box)) : 0,
  };
}
