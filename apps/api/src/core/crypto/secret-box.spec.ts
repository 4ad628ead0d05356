import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box';

const SECRET = 'a'.repeat(40);

describe('SecretBox', () => {
  it('opens what it sealed, for the same binding only', () => {
    const box = new SecretBox(SECRET, 'test/v1');
    const sealed = box.seal('whsec_example', 'endpoint-1');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('whsec_example');
    expect(box.open(sealed, 'endpoint-1')).toBe('whsec_example');
    expect(() => box.open(sealed, 'endpoint-2')).toThrow('does not open');
  });

  it('keys each purpose and each installation secret apart', () => {
    const sealed = new SecretBox(SECRET, 'one/v1').seal('x', 'b');
    expect(() => new SecretBox(SECRET, 'two/v1').open(sealed, 'b')).toThrow();
    expect(() => new SecretBox('b'.repeat(40), 'one/v1').open(sealed, 'b')).toThrow();
    expect(() => new SecretBox(SECRET, 'one/v1').open('v2.a.b.c', 'b')).toThrow();
  });
});
