import { describe, expect, it } from 'vitest';
import { CHECK_CODES, CHECK_MESSAGES } from '../style/checks';
import { BUILT_IN_MESSAGES, pageMessages } from './catalogue';
import { BUILT_IN_LANGUAGES, acceptedLanguages, languageFromAcceptLanguage, LanguageTagSchema, pickLanguage, registerLanguages, supportedTag, textDirection } from './languages';
import { lintMessages, placeholders } from './message-lint';
import { formatCalendarDay, Translator } from './translator';

const en = BUILT_IN_MESSAGES.en;

describe('the message catalogue', () => {
  it.each(BUILT_IN_LANGUAGES.filter((l) => l !== 'en'))('%s has every English key, no other, each parsing with the same placeholders', (lang) => {
    expect(lintMessages(lang, BUILT_IN_MESSAGES[lang], en, true)).toEqual([]);
  });

  it('has every photo check the engine can give, in English as the API says it to HR', () => {
    const english = en as Record<string, string>;
    for (const code of CHECK_CODES) {
      expect(english[`check.${code}.sentence`], code).toBe(CHECK_MESSAGES[code].sentence);
      expect(english[`check.${code}.tip`], code).toBe(CHECK_MESSAGES[code].tip);
    }
  });

  it('English itself parses', () => {
    expect(lintMessages('en', en, en, true)).toEqual([]);
  });

  it.each(BUILT_IN_LANGUAGES.filter((l) => l !== 'en'))('%s is a translation, not an English copy', (lang) => {
    const same = Object.keys(en).filter((k) => BUILT_IN_MESSAGES[lang][k as keyof typeof en] === en[k as keyof typeof en]);
    // Only strings with nothing to translate may match ("(de)" never would; brand names might).
    expect(same).toEqual([]);
  });

  it('reports a missing key, a broken message and a changed placeholder', () => {
    const broken = { ...BUILT_IN_MESSAGES.de, 'upload.greeting': 'Hallo {vorname}', 'upload.due': 'Bis {date', 'mail.typo': 'x' } as Record<string, string>;
    delete broken['upload.continue'];
    const problems = lintMessages('de', broken, en, true);
    expect(problems).toContain('upload.greeting: placeholders {vorname:argument} differ from the English {firstName:argument}');
    expect(problems.some((p) => p.startsWith('upload.due: not valid ICU MessageFormat'))).toBe(true);
    expect(problems).toContain('mail.typo: not a known message key');
    expect(problems).toContain('upload.continue: missing');
  });

  it('finds placeholders inside plurals', () => {
    expect(placeholders(en['upload.footer'])).toEqual(['date:argument', 'days:plural']);
  });

  it('keeps mails and consent out of what the page downloads', () => {
    const page = Object.keys(pageMessages(en));
    expect(page).toContain('check.NO_FACE.sentence');
    expect(page).toContain('capture.TOO_DARK');
    expect(page.some((k) => k.startsWith('mail.') || k.startsWith('consent.'))).toBe(false);
  });
});

describe('Translator', () => {
  it('formats plurals by each language’s rules', () => {
    const footer = (lang: 'de' | 'ar' | 'fr', days: number) => new Translator(lang, BUILT_IN_MESSAGES[lang]).t('upload.footer', { date: 'D', days });
    expect(footer('de', 1)).toContain('noch 1 Tag)');
    expect(footer('de', 5)).toContain('noch 5 Tage)');
    expect(footer('de', 0)).toContain('heute ist der letzte Tag');
    expect(footer('fr', 2)).toContain('encore 2 jours');
    // Arabic has six plural forms: two days is the dual, three to ten "few", eleven and up "many".
    expect(footer('ar', 2)).toContain('يتبقى يومان');
    expect(footer('ar', 3)).toContain('أيام');
    expect(footer('ar', 11)).toContain('يومًا');
  });

  it('formats percentages the language’s way', () => {
    // French and German put a no-break space before the sign; English does not.
    expect(new Translator('fr', BUILT_IN_MESSAGES.fr).t('upload.sendingProgress', { progress: 0.45 })).toMatch(/^Envoi de votre photo… 45[\u00a0\u202f]%$/);
    expect(new Translator('de', BUILT_IN_MESSAGES.de).t('upload.sendingProgress', { progress: 0.45 })).toMatch(/^Ihr Foto wird gesendet … 45[\u00a0\u202f]%$/);
    expect(new Translator('en', en).t('upload.sendingProgress', { progress: 0.45 })).toBe('Sending your photo… 45%');
  });

  it('falls back to English for a key a company file lacks, and to the key when nobody has it', () => {
    const t = new Translator('pl', { 'upload.greeting': 'Cześć {firstName}' }, en);
    expect(t.t('upload.greeting', { firstName: 'Ola' })).toBe('Cześć Ola');
    expect(t.t('upload.continue')).toBe('Continue');
    expect(t.t('no.such.key')).toBe('no.such.key');
  });

  it('says which way the text runs', () => {
    expect(new Translator('ar', BUILT_IN_MESSAGES.ar).dir).toBe('rtl');
    expect(textDirection('he-IL')).toBe('rtl');
    expect(new Translator('de-CH', BUILT_IN_MESSAGES.de).dir).toBe('ltr');
  });
});

describe('calendar days', () => {
  it('writes the same day in each reader’s language and region', () => {
    // ICU versions differ on the comma after the weekday in British English.
    expect(formatCalendarDay('2026-12-21', 'en-GB')).toMatch(/^Monday,? 21 December 2026$/);
    expect(formatCalendarDay('2026-12-21', 'en-US')).toBe('Monday, December 21, 2026');
    // bare English is the product's British English
    expect(formatCalendarDay('2026-12-21', 'en')).toMatch(/^Monday,? 21 December 2026$/);
    expect(formatCalendarDay('2026-12-21', 'de')).toBe('Montag, 21. Dezember 2026');
    expect(formatCalendarDay('2026-12-21', 'fr')).toBe('lundi 21 décembre 2026');
    expect(formatCalendarDay('2026-12-21', 'nl')).toBe('maandag 21 december 2026');
    expect(formatCalendarDay('2026-12-21', 'es')).toBe('lunes, 21 de diciembre de 2026');
    // An instant late in the UTC day stays that UTC day.
    expect(formatCalendarDay(new Date('2026-12-21T23:30:00Z'), 'de')).toBe('Montag, 21. Dezember 2026');
  });
});

describe('choosing a language', () => {
  it('takes the first candidate that has messages, keeping its region, else English', () => {
    expect(pickLanguage(null, 'de-AT', 'fr')).toBe('de-AT');
    expect(pickLanguage('ja', undefined, 'nl')).toBe('nl');
    expect(pickLanguage('xx-invalid-!!', null)).toBe('en');
  });

  it('reads Accept-Language by preference', () => {
    expect(acceptedLanguages('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5')).toEqual(['fr-CH', 'fr', 'en', 'de']);
    expect(languageFromAcceptLanguage('ja-JP,ja;q=0.9,nl;q=0.4,en;q=0.3')).toBe('nl');
    expect(languageFromAcceptLanguage('en;q=0, pt-BR')).toBeNull();
    expect(languageFromAcceptLanguage(undefined)).toBeNull();
  });

  it('validates a person’s language: canonical when supported, null when cleared, a clear error otherwise', () => {
    expect(LanguageTagSchema.parse('DE-ch')).toBe('de-CH');
    expect(LanguageTagSchema.parse('')).toBeNull();
    const bad = LanguageTagSchema.safeParse('klingon');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toMatch(/is not a supported language \(use a language tag such as en, de, fr, es, nl, ar/);
    expect(LanguageTagSchema.safeParse('pl').success).toBe(false);
  });

  it('accepts a language a company registered with its own translation file', () => {
    expect(supportedTag('pl-PL')).toBeNull();
    registerLanguages(['pl']);
    expect(supportedTag('pl-PL')).toBe('pl-PL');
  });
});
