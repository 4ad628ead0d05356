import { z } from 'zod';

/**
 * The languages the employee side (upload page, photo checks, employee mails) ships in. A tag may
 * carry a region (`de-CH`, `en-US`): messages follow the base language, dates the whole tag.
 */
export const BUILT_IN_LANGUAGES = ['en', 'de', 'fr', 'es', 'nl', 'ar'] as const;
export type BuiltInLanguage = (typeof BUILT_IN_LANGUAGES)[number];

/** The language everything falls back to, and the source every translation is checked against. */
export const SOURCE_LANGUAGE = 'en';

/** Scripts written right to left, by base language (ISO 639-1/-3). */
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

/** Languages a company added with its own translation files (registered by the API at start). */
const extra = new Set<string>();

/** Makes languages from a company's translation folder valid for employees (API start-up only). */
export function registerLanguages(languages: Iterable<string>): void {
  for (const l of languages) extra.add(baseLanguage(l));
}

/** Every base language that has messages: built in, then the company's own. */
export function supportedLanguages(): string[] {
  return [...new Set([...BUILT_IN_LANGUAGES, ...extra])];
}

/** `de-CH` → `de`. */
export function baseLanguage(tag: string): string {
  return tag.split('-')[0].toLowerCase();
}

export function textDirection(tag: string): 'ltr' | 'rtl' {
  return RTL.has(baseLanguage(tag)) ? 'rtl' : 'ltr';
}

/** The canonical form of a well-formed BCP 47 tag (`DE-ch` → `de-CH`), or null. */
export function canonicalTag(tag: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.trim());
    return canonical ?? null;
  } catch {
    return null;
  }
}

/** The canonical tag when its base language has messages, else null (unknown or malformed). */
export function supportedTag(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const canonical = canonicalTag(tag);
  return canonical && supportedLanguages().includes(baseLanguage(canonical)) ? canonical : null;
}

/** The first candidate with messages (employee's field, browser, org default…), else English. */
export function pickLanguage(...candidates: (string | null | undefined)[]): string {
  for (const c of candidates) {
    const tag = supportedTag(c);
    if (tag) return tag;
  }
  return SOURCE_LANGUAGE;
}

/** The tags of an `Accept-Language` header, most preferred first (`*` and q=0 left out). */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .slice(0, 20)
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((x) => x.tag && x.tag !== '*' && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((x) => x.tag);
}

/** The first accepted language that has messages, or null. */
export function languageFromAcceptLanguage(header: string | null | undefined): string | null {
  for (const tag of acceptedLanguages(header)) {
    const t = supportedTag(tag);
    if (t) return t;
  }
  return null;
}

/** The language's own name for itself ("Deutsch", "العربية"), for pickers. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/**
 * A person's language on API input: a BCP 47 tag whose language has messages, stored canonical; an
 * empty string or null clears it (the org's default applies). Anything else is a 400 that says what is
 * accepted.
 */
export const LanguageTagSchema = z
  .string()
  .trim()
  .max(35)
  .transform((v, ctx) => {
    if (v === '') return null;
    const tag = supportedTag(v);
    if (!tag) {
      ctx.addIssue({ code: 'custom', message: `is not a supported language (use a language tag such as ${supportedLanguages().join(', ')})` });
      return z.NEVER;
    }
    return tag;
  });

/** The org default: a supported tag, never empty. */
export const DefaultLanguageSchema = LanguageTagSchema.transform((v, ctx) => {
  if (v !== null) return v;
  ctx.addIssue({ code: 'custom', message: 'is required' });
  return z.NEVER;
});
