import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { parseStyle, STYLE_PRESETS, type Style } from '@teamframe/shared-types';
import { createPipeline, readSamplePortrait, SAMPLE_PORTRAITS, type Pipeline } from '../src/index';

// The style editor previews on these before an org has selfies: every one must render in every preset.
describe('sample portraits', () => {
  let pipeline: Pipeline;
  beforeAll(async () => {
    pipeline = await createPipeline();
  });

  const styles: Record<string, Style> = { default: (parseStyle({}) as { style: Style }).style, ...STYLE_PRESETS };
  for (const s of SAMPLE_PORTRAITS) {
    it(`${s.id} is a clean sRGB JPEG that renders in every preset`, async () => {
      const bytes = await readSamplePortrait(s.id);
      const m = await sharp(bytes).metadata();
      expect([m.format, m.exif, m.orientation]).toEqual(['jpeg', undefined, undefined]);
      for (const [name, style] of Object.entries(styles)) {
        const small: Style = { ...style, canvas: { ...style.canvas, width: 480 }, renditions: [{ ...style.renditions[0], name: 'preview', size: 480, format: 'jpeg', colourSpace: 'srgb', quality: 82 }] };
        const res = await pipeline.process(bytes, small);
        expect(res.ok, `${s.id} with ${name}: ${res.checks.map((c) => c.code).join(', ')}`).toBe(true);
      }
    });
  }
  it('refuses an unknown sample', () => {
    expect(() => readSamplePortrait('../../etc/passwd')).toThrow(/no sample portrait/);
  });
});
