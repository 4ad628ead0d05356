import { describe, expect, it } from 'vitest';
import { safeInternalPath } from './safe-redirect';

describe('safeInternalPath', () => {
  it('keeps a path inside the app, query and fragment included', () => {
    expect(safeInternalPath('/employees?page=2#top')).toBe('/employees?page=2#top');
  });

  it.each([
    ['protocol-relative', '//evil.example/phish'],
    ['backslash trick', '/\\evil.example'],
    ['absolute URL', 'https://evil.example'],
    ['javascript URL', 'javascript:alert(1)'],
    ['relative path', 'employees'],
    ['tab smuggling a second slash', '/\t/evil.example'],
    ['the sign-in page itself', '/sign-in?returnUrl=%2F'],
    ['nothing', undefined],
    ['not a string', 42],
  ])('falls back to the dashboard for %s', (_label, target) => {
    expect(safeInternalPath(target)).toBe('/');
  });
});
