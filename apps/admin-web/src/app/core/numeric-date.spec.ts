import { describe, expect, it } from 'vitest';
import { matchLocale, pickLocale } from './locale-match';
import { numericDateOrder, parseNumericDate } from './numeric-date';

const ymd = (d: Date | null) => (d ? [d.getFullYear(), d.getMonth() + 1, d.getDate()] : null);

describe('typed dates follow the locale', () => {
  it('knows each locale’s order', () => {
    expect(numericDateOrder('en-GB')).toEqual(['day', 'month', 'year']);
    expect(numericDateOrder('en-US')).toEqual(['month', 'day', 'year']);
    expect(numericDateOrder('de')).toEqual(['day', 'month', 'year']);
  });

  it('reads 21/12/2026 as the 21st in en-GB and 01/12/2027 as 1 December', () => {
    expect(ymd(parseNumericDate('21/12/2026', 'en-GB'))).toEqual([2026, 12, 21]);
    expect(ymd(parseNumericDate('01/12/2027', 'en-GB'))).toEqual([2027, 12, 1]);
    expect(ymd(parseNumericDate('01/12/2027', 'en-US'))).toEqual([2027, 1, 12]);
    expect(ymd(parseNumericDate('21.12.26', 'de'))).toEqual([2026, 12, 21]);
    expect(ymd(parseNumericDate('2026-12-21', 'en-US'))).toEqual([2026, 12, 21]);
  });

  it('refuses days that do not exist and text that is not a date', () => {
    expect(parseNumericDate('21/12/2026', 'en-US')).toBeNull();
    expect(parseNumericDate('31/02/2027', 'en-GB')).toBeNull();
    expect(parseNumericDate('next week', 'en-GB')).toBeNull();
  });
});

describe('the user’s locale', () => {
  it('prefers the stored choice, then the browser’s languages, matched to what is supported', () => {
    expect(pickLocale('de', ['en-GB'])).toBe('de');
    expect(pickLocale(null, ['en-GB', 'en'])).toBe('en-GB');
    expect(pickLocale(null, ['pt-BR', 'nl-BE'])).toBe('nl');
    expect(pickLocale(null, ['ja'])).toBe('en-US');
    expect(matchLocale('en-IE')).toBe('en-US');
    expect(matchLocale('DE-at')).toBe('de');
  });
});
