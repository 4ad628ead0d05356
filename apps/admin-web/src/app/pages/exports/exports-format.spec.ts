import { describe, expect, it } from 'vitest';
import { displayState, formatBytes, namingProblem, percent, renditionDetail, renditionsFromMessage, scopeText } from './exports-format';

describe('exports-format', () => {
  it('formats sizes', () => {
    expect(formatBytes(null)).toBe('');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
  });

  it('shows a done export past its expiry as expired', () => {
    const now = Date.parse('2026-01-02T00:00:00Z');
    expect(displayState({ state: 'done', expiresAt: '2026-01-01T00:00:00Z' }, now)).toBe('expired');
    expect(displayState({ state: 'done', expiresAt: '2026-01-03T00:00:00Z' }, now)).toBe('done');
    expect(displayState({ state: 'running', expiresAt: null }, now)).toBe('running');
  });

  it('turns progress into a percentage', () => {
    expect(percent({ state: 'running', progress: 0.426 })).toBe(43);
    expect(percent({ state: 'done', progress: 0.9 })).toBe(100);
  });

  it('describes the scope', () => {
    expect(scopeText({ filter: { scope: 'all' } })).toBe('Everyone approved');
    expect(scopeText({ filter: { scope: 'selection', employeeIds: ['a'] } })).toBe('1 selected person');
  });

  it('reads the known renditions out of the API message', () => {
    expect(renditionsFromMessage('Your style has no rendition "print". Choose from web, linkedin, square_2x.')).toEqual([
      'web',
      'linkedin',
      'square_2x',
    ]);
    expect(renditionsFromMessage('Something else')).toEqual([]);
  });

  it('checks naming patterns like the API', () => {
    expect(namingProblem('')).toBeNull();
    expect(namingProblem('{first}-{last}-{rendition}')).toBeNull();
    expect(namingProblem('{first}-{last}')).toMatch(/rendition/);
    expect(namingProblem('{first}-{nick}-{rendition}')).toMatch(/\{nick\}/);
    expect(namingProblem('a/b-{rendition}')).toMatch(/must not contain/);
  });
});

describe('renditionDetail', () => {
  it('says colour space, format and DPI, and marks print files', () => {
    expect(renditionDetail({ name: 'print', format: 'tiff', colourSpace: 'cmyk', dpi: 300, forPrint: true })).toBe('CMYK TIFF, 300 DPI · for print');
    expect(renditionDetail({ name: 'web', format: 'webp', colourSpace: 'srgb', dpi: 72, forPrint: false })).toBe('sRGB WebP, 72 DPI');
    expect(renditionDetail(undefined)).toBe('');
  });
});
