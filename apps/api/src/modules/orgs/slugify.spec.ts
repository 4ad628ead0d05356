import { describe, expect, it } from 'vitest';
import { slugify } from './slugify';

describe('slugify', () => {
  it.each([
    ['Acme Corp', 'acme-corp'],
    ['Société Générale', 'societe-generale'],
    ['../../etc/passwd', 'etc-passwd'],
    ['  ---  ', 'org'],
    ['数据', 'org'],
    ['a'.repeat(100), 'a'.repeat(60)],
  ])('%s → %s', (input, expected) => expect(slugify(input)).toBe(expected));
});
