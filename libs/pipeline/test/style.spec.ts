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

  it('ships four valid presets with web, LinkedIn and print renditions', () => {
    expect(STYLE_PRESET_IDS).toHaveLength(4);
    expect(STYLE_PRESET_IDS.map((id) => STYLE_PRESETS[id].name)).toEqual(['Corporate grey', 'Bright office blur', 'Brand gradient', 'Tight headshot']);
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

  it('takes a profile picture rendition, filling its defaults, and keeps styles without one valid', () => {
    const r = parseStyle({ renditions: [{ name: 'web', size: 800 }, { name: 'avatar', size: 500, format: 'png', profile: {} }] });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.style.renditions[0].profile).toBeUndefined();
    expect(r.style.renditions[1].profile).toEqual({ shape: 'circle', ring: null, faceHeight: 0.4 });
    // A profile picture is square whatever the canvas aspect; a canvas crop follows the aspect.
    const portrait = parseStyle({ canvas: { aspect: '4:5', width: 1600 }, renditions: [{ name: 'p', width: 300, format: 'png', profile: { shape: 'circle' } }, { name: 'w', width: 300 }] });
    expect(portrait.success).toBe(true);
    if (!portrait.success) return;
    expect(renditionSize(portrait.style, portrait.style.renditions[0])).toEqual({ width: 300, height: 300 });
    expect(renditionSize(portrait.style, portrait.style.renditions[1])).toEqual({ width: 300, height: 375 });
  });

  it('names the field of every profile picture mistake', () => {
    const r = parseStyle({
      renditions: [
        { name: 'a', width: 600, height: 500, format: 'png', profile: { shape: 'circle' } },
        { name: 'b', size: 600, format: 'jpeg', profile: { shape: 'circle' } },
        { name: 'c', size: 600, format: 'png', profile: { shape: 'square', ring: { colour: '#112233' } } },
        { name: 'd', size: 600, format: 'png', profile: { shape: 'circle', ring: { colour: 'blue', width: 0.5 } } },
        { name: 'e', size: 600, format: 'png', profile: { shape: 'oval' } },
      ],
    });
    expect(r.success).toBe(false);
    if (r.success) return;
    const by = Object.fromEntries(r.issues.map((i) => [i.path, i.message]));
    expect(by['renditions.0.height']).toMatch(/square.*600 ≠ 500/);
    expect(by['renditions.1.profile.shape']).toMatch(/round profile picture needs format png or webp.*not jpeg/);
    expect(by['renditions.2.profile.ring']).toMatch(/ring needs the round/);
    expect(by['renditions.3.profile.ring.colour']).toMatch(/hex colour/);
    expect(by['renditions.3.profile.ring.width']).toBeDefined();
    expect(by['renditions.4.profile.shape']).toBeDefined();
    expect(Object.keys(by)).toHaveLength(6);
    // The square JPEG profile picture is fine.
    expect(parseStyle({ renditions: [{ name: 'sq', size: 400, format: 'jpeg', profile: { shape: 'square' } }] }).success).toBe(true);
  });

  it('ships a round, ringed 600 px PNG profile picture in the brand gradient preset', () => {
    const p = STYLE_PRESETS['brand-gradient'].renditions.find((r) => r.name === 'profile')!;
    expect(p.format).toBe('png');
    expect(renditionSize(STYLE_PRESETS['brand-gradient'], p)).toEqual({ width: 600, height: 600 });
    expect(p.profile?.shape).toBe('circle');
    expect(p.profile?.ring?.colour).toMatch(/^#[0-9a-f]{6}$/);
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
