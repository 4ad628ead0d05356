import { StyleSchema } from '@teamframe/shared-types';
import { describe, expect, it } from 'vitest';
import { applyAdjustments } from './adjustments';

const base = StyleSchema.parse({});

describe('applyAdjustments', () => {
  it('returns the style unchanged without adjustments', () => {
    expect(applyAdjustments(base, null)).toBe(base);
  });

  it('nudges the crop, blurs the background and shifts exposure, within the schema', () => {
    const out = applyAdjustments(base, { cropNudge: { vertical: -0.05, zoom: 0.1 }, backgroundBlur: 0.8, exposure: 0.1 });
    expect(out.framing.eyeLine).toBeCloseTo(base.framing.eyeLine - 0.05);
    expect(out.framing.faceHeight).toBeCloseTo(base.framing.faceHeight * 1.1);
    expect(out.background).toMatchObject({ type: 'blur', strength: 0.8 });
    expect(out.colour.exposureTarget).toBeCloseTo(base.colour.exposureTarget + 0.1);
    expect(StyleSchema.safeParse(out).success).toBe(true);
    expect(base.background.type).not.toBe('blur');
  });

  it('clamps extreme nudges to a valid style', () => {
    const out = applyAdjustments({ ...base, framing: { ...base.framing, eyeLine: 0.2, faceHeight: 0.35 } }, { cropNudge: { vertical: -0.1, zoom: 0.2 }, exposure: 0.2 });
    expect(StyleSchema.safeParse(out).success).toBe(true);
  });
});
