import { describe, expect, it } from 'vitest';
import type { Rendition } from '@teamframe/shared-types';
import { fieldName } from './style-draft';
import { newProfileRendition, profilePreviewBox, withProfile, withProfileFormat, withRing, withShape, withSide } from './profile-draft';

const web: Rendition = { name: 'web', size: 800, format: 'jpeg', quality: 85, dpi: 72, transparent: false };

describe('profile picture draft helpers', () => {
  it('adds a round 600 px PNG with a ring in the first brand colour, under a free name', () => {
    const r = newProfileRendition([{ name: 'web' }, { name: 'profile' }], ['#e63946', '#1d3557']);
    expect(r).toMatchObject({ name: 'profile-2', width: 600, height: 600, format: 'png', profile: { shape: 'circle', ring: { colour: '#e63946', width: 0.03 } } });
    expect(newProfileRendition([], []).profile?.ring).toBeNull();
  });

  it('turns a JPEG row into a square-sided round PNG and back', () => {
    const on = withProfile(web, true);
    expect(on).toMatchObject({ width: 800, height: 800, format: 'png', profile: { shape: 'circle', ring: null } });
    expect(on.size).toBeUndefined();
    const off = withProfile(on, false);
    expect(off.profile).toBeUndefined();
    expect(off).toMatchObject({ width: 800, height: 800, format: 'png' });
  });

  it('keeps the schema rules: round needs PNG/WebP, a ring needs round', () => {
    const round = withRing(withProfile(web, true), true, '#112233');
    expect(round.profile?.ring).toEqual({ colour: '#112233', width: 0.03 });
    const square = withShape(round, 'square');
    expect(square.profile).toMatchObject({ shape: 'square', ring: null });
    // Square may be JPEG; going round again brings PNG back.
    const jpeg = withProfileFormat(square, 'jpeg');
    expect(jpeg.format).toBe('jpeg');
    expect(withShape(jpeg, 'circle').format).toBe('png');
    // Picking JPEG for a round picture makes it square rather than leave a style that cannot be saved.
    expect(withProfileFormat(round, 'jpeg').profile).toMatchObject({ shape: 'square', ring: null });
    expect(withProfileFormat(round, 'webp').profile).toMatchObject({ shape: 'circle', ring: { colour: '#112233' } });
    // A ring turned on for a square picture makes it round.
    expect(withRing(jpeg, true, '#445566')).toMatchObject({ format: 'png', profile: { shape: 'circle', ring: { colour: '#445566' } } });
  });

  it('names profile settings in error sentences', () => {
    expect(fieldName('renditions.3.profile.shape')).toBe('Size 4: shape');
    expect(fieldName('renditions.0.profile.ring.width')).toBe('Size 1: ring width');
    expect(fieldName('renditions.0.profile.ring.colour')).toBe('Size 1: ring colour');
    expect(fieldName('renditions.1.width')).toBe('Size 2: width');
  });

  it('sets both sides at once', () => {
    expect(withSide(withProfile(web, true), 400)).toMatchObject({ width: 400, height: 400 });
  });

  it('lays the canvas preview so the face is centred and faceHeight of the box', () => {
    const style = { canvas: { aspect: '1:1' as const, width: 2000 }, framing: { eyeLine: 0.42, faceHeight: 0.3, centre: 'face' as const } };
    const b = profilePreviewBox(style, { shape: 'circle', ring: { colour: '#000000', width: 0.05 }, faceHeight: 0.4 }, 100);
    // The canvas shows at 100 / 0.75 px; the face (0.3 of it) is then 40 px, 0.4 of the box.
    expect(b.height).toBe(133);
    expect(0.3 * b.height).toBeCloseTo(40, 0);
    // Face centre (0.5, 0.435) of the canvas lands on the box centre.
    // (within a px: the box is in whole px)
    expect(Math.abs(b.left + 0.5 * b.width - 50)).toBeLessThanOrEqual(1);
    expect(Math.abs(b.top + 0.435 * b.height - 50)).toBeLessThanOrEqual(1);
    expect(b.ring).toBe(5);
  });
});
