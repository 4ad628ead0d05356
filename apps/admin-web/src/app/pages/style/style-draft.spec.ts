import { describe, expect, it } from 'vitest';
import { brandBackgroundUrl, brandImageProblem, framingTolerance, normaliseHex, sentencesUnder, namingExample, namingProblem, newRendition, pathLabel, setIn, stylePath, switchBackground, withColourSpace, nameAfterPreset, presetThumb } from './style-draft';
import { withProfileFormat } from './profile-draft';

describe('style draft helpers', () => {
  it('shows the schema defaults as framing margins for a document saved before margins existed', () => {
    expect(framingTolerance({ eyeLine: 0.42, faceHeight: 0.36 })).toEqual({ faceHeight: 0.04, eyeLine: 0.03, centre: 0.05 });
    expect(framingTolerance({ tolerance: { faceHeight: 0.08, eyeLine: 0, centre: 0.05 } })).toEqual({ faceHeight: 0.08, eyeLine: 0, centre: 0.05 });
  });

  it('builds the example file name the way the export does', () => {
    expect(namingExample('{first}-{last}-{rendition}', { name: 'web', format: 'jpeg' })).toBe('ana-lima-web.jpg');
    expect(namingExample('{last}_{first}_{rendition}', { name: 'cutout', format: 'png' })).toBe('lima_ana_cutout.png');
  });

  it('explains a naming pattern the schema would refuse', () => {
    expect(namingProblem('{first}-{last}')).toMatch(/\{rendition\}/);
    expect(namingProblem('{first}-{nick}-{rendition}')).toMatch(/Unknown token \{nick\}/);
    expect(namingProblem('{first}/{rendition}')).toMatch(/cannot contain/);
    expect(namingProblem('{first}-{last}-{rendition}')).toBeNull();
  });

  it('sets a nested value without touching the original', () => {
    const doc = { background: { type: 'solid', colour: '#000000' }, renditions: [{ name: 'web' }, { name: 'print' }] };
    const next = setIn(doc, 'renditions.1.name', 'big');
    expect(next.renditions[1].name).toBe('big');
    expect(Array.isArray(next.renditions)).toBe(true);
    expect(doc.renditions[1].name).toBe('print');
    expect(setIn(doc, 'background.colour', '#ffffff').background).toEqual({ type: 'solid', colour: '#ffffff' });
  });

  it('maps server paths to editor paths and finds messages under a path', () => {
    expect(stylePath('document.background.colour')).toBe('background.colour');
    const errors = new Map([
      ['renditions.1.name', 'duplicate'],
      ['background.colour', 'must be a hex colour'],
    ]);
    expect(sentencesUnder(errors, 'renditions')).toEqual(['Size 2: name duplicate']);
    expect(sentencesUnder(errors, 'renditions.0')).toEqual([]);
    expect(sentencesUnder(errors, 'background')).toEqual(['Colour must be a hex colour']);
    expect(pathLabel('renditions.1.quality')).toBe('Renditions › 2 › quality');
  });

  it('keeps the picked colour when switching between solid and gradient', () => {
    expect(switchBackground({ type: 'solid', colour: '#123456' }, 'gradient')).toMatchObject({ type: 'gradient', from: '#123456' });
    expect(switchBackground({ type: 'gradient', from: '#abcdef', to: '#000000', angle: 0 }, 'solid')).toEqual({ type: 'solid', colour: '#abcdef' });
  });

  it('names a new size so it does not clash', () => {
    expect(newRendition([{ name: 'web' }, { name: 'size-3' }]).name).toBe('size-4');
  });
});

describe('brand kit helpers', () => {
  it('refuses SVG, other types and big files before sending', () => {
    expect(brandImageProblem({ type: 'image/svg+xml', size: 100, name: 'logo.svg' })).toMatch(/SVG/);
    expect(brandImageProblem({ type: '', size: 100, name: 'logo.SVG' })).toMatch(/SVG/);
    expect(brandImageProblem({ type: 'application/pdf', size: 100, name: 'a.pdf' })).toMatch(/JPEG, PNG or WebP/);
    expect(brandImageProblem({ type: 'image/png', size: 11 * 1024 * 1024, name: 'big.png' })).toMatch(/10 MB/);
    expect(brandImageProblem({ type: 'image/webp', size: 2048, name: 'bg.webp' })).toBeNull();
  });

  it('finds the URL of a stored brand background from its ref', () => {
    expect(brandBackgroundUrl('org/abc/brand/background-0123456789abcdef.jpg')).toBe('/api/org/brand/backgrounds/background-0123456789abcdef.jpg');
    expect(brandBackgroundUrl('support/some-other.png')).toBeNull();
  });

  it('normalises typed hex colours', () => {
    expect(normaliseHex(' #1F3A5F ')).toBe('#1f3a5f');
    expect(normaliseHex('abc')).toBe('#aabbcc');
    expect(normaliseHex('#12345')).toBeNull();
    expect(normaliseHex('navy')).toBeNull();
  });
});

describe('colour space of a rendition', () => {
  const web = { ...newRendition([]), format: 'webp' as const, transparent: true, dpi: 72 };
  it('CMYK makes a print file: TIFF from a web format, no transparency, 300 DPI', () => {
    expect(withColourSpace(web, 'cmyk')).toMatchObject({ colourSpace: 'cmyk', format: 'tiff', transparent: false, dpi: 300 });
    expect(withColourSpace({ ...web, format: 'jpeg' as const, transparent: false, dpi: 600 }, 'cmyk')).toMatchObject({ format: 'jpeg', dpi: 600 });
  });
  it('a web format makes a CMYK rendition sRGB again', () => {
    const print = withColourSpace(web, 'cmyk');
    expect(withProfileFormat(print, 'png').colourSpace).toBe('srgb');
    expect(withProfileFormat(print, 'jpeg').colourSpace).toBe('cmyk');
  });
  it('names the file .tif', () => {
    expect(namingExample('{first}-{last}-{rendition}', { name: 'print', format: 'tiff' })).toBe('ana-lima-print.tif');
  });
});

describe('presets', () => {
  const presets = ['Corporate grey', 'Bright office blur', 'Brand gradient'];
  it('name the style after the preset unless the org named it', () => {
    expect(nameAfterPreset('Custom style', 'Brand gradient', presets)).toBe('Brand gradient');
    expect(nameAfterPreset('Corporate grey', 'Brand gradient', presets)).toBe('Brand gradient');
    expect(nameAfterPreset(undefined, 'Brand gradient', presets)).toBe('Brand gradient');
    expect(nameAfterPreset('Acme 2027', 'Brand gradient', presets)).toBe('Acme 2027');
  });
  it('draw the background and where the head goes', () => {
    const t = presetThumb({ canvas: { aspect: '4:5', width: 1600 }, framing: { eyeLine: 0.4, faceHeight: 0.32 } as never, background: { type: 'gradient', from: '#1d3557', to: '#4f7cac', angle: 0 } });
    expect(t.background).toBe('linear-gradient(180deg, #1d3557, #4f7cac)');
    expect(t.aspect).toBeCloseTo(0.8);
    expect(t.eyeLine).toBeCloseTo(40);
    expect(t.headTop).toBeCloseTo(40 - 32 * 0.45);
    expect(presetThumb({ canvas: { aspect: '1:1', width: 2000 }, framing: { eyeLine: 0.42, faceHeight: 0.36 } as never, background: { type: 'solid', colour: '#8c9096' } }).background).toBe('#8c9096');
  });
});
