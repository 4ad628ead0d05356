import { describe, expect, it } from 'vitest';
import { CHECK_CODES, CHECK_MESSAGES, CheckCode, findStylePreset, parseStyle, renditionSize, STYLE_PRESETS, STYLE_PRESET_IDS, StyleSchema } from '@teamframe/shared-types';
import { fileNameFor } from '../src/naming';

describe('style schema', () => {
  it('fills every default from an empty object', () => {
    const r = parseStyle({});
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.style.canvas).toEqual({ aspect: '1:1', width: 2000 });
    expect(r.style.framing.eyeLine).toBeGreaterThan(0);
    expect(r.style.background.type).toBe('solid');
    expect(r.style.retouch.strength).toBeGreaterThan(0);
    expect(r.style.retouch.strength).toBeLessThanOrEqual(0.3);
    expect(r.style.renditions.length).toBeGreaterThan(0);
    expect(r.style.naming).toContain('{rendition}');
  });

  it('names the field path and the reason of every error', () => {
    const r = parseStyle({
      canvas: { aspect: '16:9' },
      framing: { eyeLine: 2 },
      background: { type: 'gradient', from: 'red' },
      renditions: [{ name: 'web', format: 'jpeg', transparent: true, size: 800 }, { name: 'web', size: 400, quality: 0 }],
      naming: '{first}-{nick}',
    });
    expect(r.success).toBe(false);
    if (r.success) return;
    const paths = r.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['canvas.aspect', 'framing.eyeLine', 'background.from', 'renditions.0.transparent', 'renditions.1.quality', 'naming']));
    expect(r.issues.find((i) => i.path === 'background.from')?.message).toMatch(/hex colour/);
    expect(r.issues.find((i) => i.path === 'renditions.0.transparent')?.message).toMatch(/png or webp/);
    expect(r.message).toContain('framing.eyeLine:');
  });

  it('refuses an unknown background type and duplicate rendition names', () => {
    const a = parseStyle({ background: { type: 'video' } });
    expect(a.success || a.issues[0].path).toBe('background.type');
    const b = parseStyle({ renditions: [{ name: 'x', size: 100 }, { name: 'x', size: 200 }] });
    expect(b.success || b.issues.map((i) => i.path)).toContain('renditions.1.name');
  });

  it('ships three valid presets with web, LinkedIn and print renditions', () => {
    expect(STYLE_PRESET_IDS).toHaveLength(3);
    expect(STYLE_PRESET_IDS.map((id) => STYLE_PRESETS[id].name)).toEqual(['Corporate grey', 'Bright office blur', 'Brand gradient']);
    const types = new Set<string>();
    for (const id of STYLE_PRESET_IDS) {
      const s = STYLE_PRESETS[id];
      expect(StyleSchema.parse(s)).toEqual(s);
      types.add(s.background.type);
      const byName = Object.fromEntries(s.renditions.map((r) => [r.name, r]));
      expect(renditionSize(s, byName.linkedin)).toEqual({ width: 400, height: 400 });
      expect(byName.linkedin.format).toBe('jpeg');
      expect(Math.max(...Object.values(renditionSize(s, byName.print)))).toBe(2000);
      expect(byName.print.dpi).toBe(300);
      expect(Math.max(...Object.values(renditionSize(s, byName.web)))).toBe(800);
    }
    expect(types).toEqual(new Set(['solid', 'blur', 'gradient']));
    expect(findStylePreset('Brand gradient')).toBe(STYLE_PRESETS['brand-gradient']);
    expect(findStylePreset('CORPORATE-GREY')).toBe(STYLE_PRESETS['corporate-grey']);
  });

  it('has a sentence and a tip for every check code', () => {
    for (const c of CHECK_CODES) {
      expect(CheckCode[c]).toBe(c);
      expect(CHECK_MESSAGES[c].sentence.length).toBeGreaterThan(15);
      expect(CHECK_MESSAGES[c].tip.length).toBeGreaterThan(15);
    }
  });

  it('builds file names from the naming pattern', () => {
    expect(fileNameFor('{first}-{last}-{rendition}', { first: 'Zoë', last: "O'Neil" }, 'web', 'jpg')).toBe('zoe-o-neil-web.jpg');
    expect(fileNameFor('{last}_{rendition}', {}, 'print', 'png')).toBe('print.png');
  });
});
