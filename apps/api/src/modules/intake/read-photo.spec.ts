import { describe, expect, it } from 'vitest';
import { sniffPhoto } from './read-photo';

describe('sniffPhoto', () => {
  const pad = (b: number[] | Buffer) => Buffer.concat([Buffer.from(b), Buffer.alloc(16)]);
  it('knows the formats we take by their bytes', () => {
    expect(sniffPhoto(pad([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffPhoto(pad([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(sniffPhoto(pad(Buffer.from('RIFF\0\0\0\0WEBP', 'latin1')))).toBe('webp');
    expect(sniffPhoto(pad(Buffer.from('\0\0\0\x18ftypheic', 'latin1')))).toBe('heic');
  });
  it('refuses SVG, HTML behind an image name, GIF and short junk', () => {
    expect(sniffPhoto(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(sniffPhoto(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(sniffPhoto(pad(Buffer.from('GIF89a', 'latin1')))).toBeNull();
    expect(sniffPhoto(Buffer.from([0xff, 0xd8]))).toBeNull();
  });
});
