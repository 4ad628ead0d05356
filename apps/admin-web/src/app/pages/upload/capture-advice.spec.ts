import { describe, expect, it } from 'vitest';
import { captureAdvice, GUIDE, ovalLuminance } from './capture-advice';

const frame = (inside: number, outside: number, w = 40, h = 30) => {
  const px = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const dx = ((x + 0.5) / w - GUIDE.cx) / GUIDE.rx;
      const dy = ((y + 0.5) / h - GUIDE.cy) / GUIDE.ry;
      const v = dx * dx + dy * dy <= 1 ? inside : outside;
      px.set([v, v, v, 255], (y * w + x) * 4);
    }
  }
  return ovalLuminance(px, w, h);
};

describe('capture advice', () => {
  it('measures the light on the face and around it', () => {
    const r = frame(51, 204);
    expect(r.ovalLuma).toBeCloseTo(0.2, 2);
    expect(r.surroundLuma).toBeCloseTo(0.8, 2);
  });

  it('says too dark, or backlit, from the light alone', () => {
    expect(captureAdvice({ ...frame(30, 30), face: null }, false).map((a) => a.code)).toEqual(['TOO_DARK']);
    expect(captureAdvice({ ...frame(90, 230), face: null }, false).map((a) => a.code)).toEqual(['BACKLIT']);
    expect(captureAdvice({ ...frame(140, 150), face: null }, false)).toEqual([]);
  });

  it('says too close, too far or off-centre when the browser can see the face', () => {
    const light = frame(140, 150);
    expect(captureAdvice({ ...light, face: { cx: 0.5, cy: 0.4, width: 0.7 } }, true).map((a) => a.code)).toEqual(['TOO_CLOSE']);
    expect(captureAdvice({ ...light, face: { cx: 0.5, cy: 0.4, width: 0.1 } }, true).map((a) => a.code)).toEqual(['TOO_FAR']);
    expect(captureAdvice({ ...light, face: { cx: 0.8, cy: 0.4, width: 0.35 } }, true).map((a) => a.code)).toEqual(['OFF_CENTRE']);
    expect(captureAdvice({ ...light, face: { cx: 0.52, cy: 0.42, width: 0.35 } }, true)).toEqual([]);
    expect(captureAdvice({ ...light, face: null }, true).map((a) => a.code)).toEqual(['NO_FACE_IN_GUIDE']);
  });
});
