import { describe, expect, it } from 'vitest';
import { employeeRendition } from './employee-rendition';
import type { StoredRendition } from './entities/headshot.entity';

const file = (name: string, format: string, side: number, colourSpace?: 'srgb' | 'cmyk'): StoredRendition => ({ name, key: `k/${name}`, format, mime: `image/${format}`, width: side, height: side, bytes: 1, colourSpace });

describe('the file an employee gets of their headshot', () => {
  it('is the LinkedIn size when it is a screen file', () => {
    expect(employeeRendition([file('print', 'jpeg', 2000), file('LinkedIn', 'jpeg', 800), file('web', 'webp', 400)])?.name).toBe('LinkedIn');
  });

  it('is never a print file: a CMYK or TIFF "linkedin" gives way to the largest screen file', () => {
    expect(employeeRendition([file('linkedin', 'jpeg', 800, 'cmyk'), file('web', 'webp', 400), file('site', 'png', 1200)])?.name).toBe('site');
    expect(employeeRendition([file('linkedin', 'tiff', 800, 'cmyk'), file('web', 'jpeg', 400, 'srgb')])?.name).toBe('web');
  });

  it('is nothing when every file is for print', () => {
    expect(employeeRendition([file('press', 'tiff', 2000, 'cmyk')])).toBeUndefined();
  });

  it('treats files from before print renditions (no colour space) as sRGB', () => {
    expect(employeeRendition([file('linkedin', 'jpeg', 800)])?.name).toBe('linkedin');
  });
});
