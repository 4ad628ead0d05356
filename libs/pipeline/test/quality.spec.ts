import { describe, expect, it } from 'vitest';
import { qualityFigures, qualityScore, qualityWarnings, skinReport, type QualityInputs } from '../src/quality';

// The report's figures from measurements alone (no photo): the weights, the warnings' thresholds and the
// rounding the review grid shows.
const perfect: QualityInputs = {
  canvas: { width: 800, height: 1000 },
  face: { eyeY: 420, centreX: 400, height: 360, yaw: 0, roll: 0 },
  stats: { luma: 0.55, sharpness: 25 },
  upscale: 1,
  placed: { eyeLine: 0.42, faceHeight: 0.36, centre: 0.5 },
  colour: { faceLumaBefore: 0.5, faceLumaAfter: 0.55, exposureGain: 1.1, gains: [1.01, 1, 0.98], skinLab: { before: [60, 12, 15], after: [62, 12, 15] } },
  exposureTarget: 0.55,
  matte: { coverage: 0.4, uncertain: 0 },
  backgroundColour: '#d9dde2',
  renditions: [{ name: 'web', format: 'jpeg', width: 800, height: 1000, dpi: 72, dpiWritten: true }],
  redEyePixels: 0,
};

describe('qualityScore', () => {
  it('is 1 for a sharp, well-exposed, frontal, cleanly cut photo at its own size', () => {
    expect(qualityScore(perfect)).toBe(1);
  });

  it('weighs resolution 25 %, sharpness 25 %, exposure 15 %, pose 20 % and the matte 15 %', () => {
    // enlarged 2×: 2^-0.35 of the resolution quarter
    expect(qualityScore({ ...perfect, upscale: 2 })).toBe(0.946);
    // no face measurements: not sharp, mid-grey against the target
    expect(qualityScore({ ...perfect, stats: undefined, exposureTarget: 0.5 })).toBe(0.75);
    // turned 30° and tilted 6°: pose 0.4
    expect(qualityScore({ ...perfect, face: { ...perfect.face, yaw: 30, roll: -6 } })).toBe(0.88);
    // a tenth of the matte uncertain: matte 0.5
    expect(qualityScore({ ...perfect, matte: { coverage: 0.4, uncertain: 0.1 } })).toBe(0.925);
    // exposure 0.2 off the target: 0.7 of its share
    expect(qualityScore({ ...perfect, stats: { luma: 0.35, sharpness: 25 } })).toBe(0.955);
  });

  it('stays within 0..1 however bad the measurements', () => {
    expect(qualityScore({ ...perfect, upscale: 100, stats: { luma: 0, sharpness: 0 }, exposureTarget: 1, face: { ...perfect.face, yaw: 90, roll: 90 }, matte: { coverage: 0, uncertain: 1 } })).toBeGreaterThanOrEqual(0);
    expect(qualityScore({ ...perfect, upscale: 0.1, stats: { luma: 0.55, sharpness: 1000 } })).toBe(1);
  });
});

describe('qualityWarnings', () => {
  it('says nothing about a clean result', () => {
    expect(qualityWarnings(perfect)).toEqual([]);
  });

  it('gives one warning per code, in the order the review grid lists them', () => {
    const w = qualityWarnings({
      ...perfect,
      renditions: [
        { name: 'print', format: 'jpeg', width: 1200, height: 1500, dpi: 300, dpiWritten: true, requested: { width: 2400, height: 3000 } },
        { name: 'web', format: 'webp', width: 800, height: 1000, dpi: 72, dpiWritten: false },
        { name: 'poster', format: 'avif', width: 800, height: 1000, dpi: 300, dpiWritten: false },
      ],
      redEyePixels: 42,
      face: { ...perfect.face, roll: -9.4 },
      matte: { coverage: 0.4, uncertain: 0.07 },
    });
    expect(w.map((x) => x.code)).toEqual(['LOW_RESOLUTION', 'RED_EYE_REMOVED', 'HEAD_TILTED', 'MATTE_UNCERTAIN', 'DPI_NOT_WRITTEN']);
    expect(w[0].message).toContain('print 1200×1500 instead of 2400×3000');
    expect(w[1].message).toContain('42 px');
    expect(w[2].message).toContain('tilted -9°');
    // a screen file's 72 DPI that has no place is no warning; a print DPI is
    expect(w[4].message).toBe('poster: AVIF has no metadata-free place for DPI; it was not written.');
  });

  it('tolerates a tilt up to 8° and an uncertain matte up to 6 %', () => {
    expect(qualityWarnings({ ...perfect, face: { ...perfect.face, roll: 8 }, matte: { coverage: 0.4, uncertain: 0.06 } })).toEqual([]);
  });
});

describe('skinReport', () => {
  it('rounds to 0.1 and wraps the hue shift to ±180°', () => {
    // hue 170° to -170°: 20° the short way round, not -340°
    const r = skinReport([50.04, -10, 1.7633], [51.26, -10, -1.7633]);
    expect(r).toEqual({ labBefore: [50, -10, 1.8], labAfter: [51.3, -10, -1.8], hueShiftDeg: 20, lightnessChange: 1.2 });
  });
});

describe('qualityFigures', () => {
  it('places the face as fractions of the canvas and rounds every figure as the report shows it', () => {
    const f = qualityFigures({ ...perfect, face: { ...perfect.face, eyeY: 421.23456, height: 359.8765, centreX: 401.2345 }, upscale: 1.23456, stats: { luma: 0.55, sharpness: 31.2345 } });
    expect(f).toMatchObject({ eyeLine: 0.421, faceHeightRatio: 0.36, faceCentreX: 0.502, upscale: 1.235, sharpness: 31.2, canvas: { width: 800, height: 1000 } });
    expect(f.exposure).toEqual({ faceLumaBefore: 0.5, faceLumaAfter: 0.55, gain: 1.1, target: 0.55 });
    expect(f.skin.lightnessChange).toBe(2);
    // no framing measured (a style preview without one): none reported
    expect(f.framing).toBeUndefined();
  });
});
